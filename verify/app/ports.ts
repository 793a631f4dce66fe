// Ports for lesson servers. A port found free and then released can be handed by the kernel to
// the next `listen(0)` (this process's page hosts and proxies) before the lesson server binds it,
// and the check would then talk to the wrong app. So lesson servers get ports from below the
// kernel's ephemeral range, never the same one twice in a process, and the server must prove it
// owns its port (lesson-server.ts).
import { readFileSync } from "node:fs";
import net from "node:net";
import { WorkshopError } from "../errors.ts";

const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  const [low, high] = portRange();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    if (await bindable(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new WorkshopError("PORT_IN_USE", `No free port was found between ${low} and ${high} on 127.0.0.1.`);
}

/** 20000 up to the kernel's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range). */
function portRange(): [number, number] {
  let ephemeralLow = 32768;
  try {
    ephemeralLow = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || ephemeralLow;
  } catch {
    // not Linux: 32768 is below macOS's and Windows' ephemeral ranges (49152+)
  }
  return ephemeralLow > 21000 ? [20000, Math.min(ephemeralLow, 32768)] : [10000, 20000];
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export function portInUse(port: number, what: string): WorkshopError {
  return new WorkshopError(
    "PORT_IN_USE",
    `Port ${port} (${what}) is already in use. Stop the other program using it ` +
      `(often another \`npm run lesson\` in a different terminal: \`lsof -i :${port}\` shows it), ` +
      `or pick other ports: PORT=3100 CLIENT_PORT=8180 npm run lesson …`,
  );
}

/** Refuses a port the learner chose that another program holds, saying which and how to free it. */
export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? portInUse(port, what) : new WorkshopError("PORT_IN_USE", `Cannot use port ${port} (${what}): ${err.message}`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}
