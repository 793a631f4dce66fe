// Who holds a TCP port, where that is cheap to find out: on Linux, the listening socket's inode from
// /proc/net/tcp(6), then the process whose open files include that socket. Only processes this
// user may look into are found; anywhere else (macOS, Windows, another user's process) the answer
// is undefined and the caller just says the port is busy.
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

export interface Listener {
  pid: number;
  /** The command line, shortened; the program's name if the command line is unreadable. */
  command: string;
}

const LISTEN = "0A";

export function whoListens(port: number): Listener | undefined {
  if (process.platform !== "linux") return undefined;
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      if (fields.length < 10 || fields[3] !== LISTEN) continue;
      const local = fields[1]!;
      if (parseInt(local.slice(local.lastIndexOf(":") + 1), 16) === port && fields[9] !== "0") inodes.add(fields[9]!);
    }
  }
  if (!inodes.size) return undefined;
  const wanted = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (wanted.has(target)) return { pid: Number(pid), command: commandOf(pid) };
    }
  }
  return undefined;
}

function commandOf(pid: string): string {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    if (command) return command.length > 80 ? `${command.slice(0, 77)}…` : command;
  } catch {
    // fall through to the name
  }
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}
