// Every process the workshop starts is registered here and ended with its whole process group
// when the workshop exits: on success, failure, Ctrl-C (SIGINT), SIGTERM or SIGHUP.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

const children = new Set<ChildProcess>();
const closers = new Set<() => Promise<unknown>>();
let installed = false;
let stopSignal: NodeJS.Signals | undefined;

/** The signal that is shutting the workshop down, if one arrived: errors after it are expected. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return stopSignal;
}

/** Spawns a child in its own process group (detached) so that its grandchildren die with it. */
export function spawnOwned(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  installHandlers();
  const child = spawn(command, args, { ...options, detached: process.platform !== "win32" });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(process.platform === "win32" ? child.pid : -child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Registers async cleanup (browser, servers in this process); returns an unregister function. */
export function onCleanup(close: () => Promise<unknown>): () => void {
  installHandlers();
  closers.add(close);
  return () => closers.delete(close);
}

export async function cleanupAll(): Promise<void> {
  for (const child of children) killGroup(child);
  const pending = [...closers].map((close) => close().catch(() => {}));
  closers.clear();
  // A timer that holds the process open: on a signal, the handler's process.exit() must come after
  // this, and an event loop left empty while a close is still pending would instead end the process
  // at once with Node's exit code 13 (an unsettled top-level await), not the signal's (seen in CI).
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(pending), new Promise((r) => (timer = setTimeout(r, 3000)))]);
  clearTimeout(timer);
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  // Synchronous last resort: whatever still runs when the process exits is killed.
  process.once("exit", () => {
    for (const child of children) killGroup(child);
  });
  // While a signal tears everything down, work in flight fails (the browser closes under a page, a
  // server dies under a request): those failures are expected, not crashes. Before that, they are.
  process.on("unhandledRejection", (reason) => {
    if (!stopSignal) throw reason;
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      stopSignal = signal;
      void cleanupAll().finally(() => process.exit(signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : 129));
    });
  }
}
