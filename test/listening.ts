// Which TCP ports a process listens on, read from /proc (Linux only; elsewhere: unknown).
// The tests use it to prove, from outside, that every server binds to loopback and that nothing
// outlives the workshop. (The workshop itself learns its servers' ports from listen-reporter.cjs.)
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface ListeningSocket {
  address: string;
  port: number;
}

/** undefined when this platform cannot tell. */
export function listeningSockets(pid: number): ListeningSocket[] | undefined {
  if (process.platform !== "linux") return undefined;
  let inodes: Set<string>;
  try {
    inodes = new Set(
      readdirSync(`/proc/${pid}/fd`)
        .map((fd) => {
          try {
            return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
          } catch {
            return undefined;
          }
        })
        .filter((inode): inode is string => Boolean(inode)),
    );
  } catch {
    return [];
  }
  // The kernel writes these tables page by page while sockets come and go, so one read can miss
  // an entry (seen in the leak test: a listening server absent from one read, present in the next).
  // An entry is only ever missed, never invented (its inode must be the process's), so the union of
  // a few reads is the answer.
  const found = new Map<string, ListeningSocket>();
  for (let read = 0; read < 3; read++) {
    for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      let text = "";
      try {
        text = readFileSync(table, "utf8");
      } catch {
        continue;
      }
      for (const line of text.trim().split("\n").slice(1)) {
        const cols = line.trim().split(/\s+/);
        const [, local, , state, , , , , , inode] = cols;
        if (state !== "0A" || !inode || !inodes.has(inode)) continue; // 0A = LISTEN
        const [hex, portHex] = local!.split(":");
        found.set(inode, { address: decodeAddress(hex!), port: parseInt(portHex!, 16) });
      }
    }
  }
  return [...found.values()];
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join(".");
  }
  if (/^0{24}01000000$/.test(hex)) return "::1";
  if (/^0+$/.test(hex)) return "::";
  if (/^0{20}FFFF0000/i.test(hex)) return `::ffff:${decodeAddress(hex.slice(24))}`;
  return hex;
}

export function isLoopback(address: string): boolean {
  return address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
}
