// A lesson's Node client (bot.ts), run against the app through a recording proxy that sees what the
// server saw and answered.
import { buildServer } from "../app/lesson-server.ts";
import { killGroup, spawnOwned } from "../app/processes.ts";
import { startRecordingProxy, type ProxiedExchange, type ProxiedPacket } from "../app/recording-proxy.ts";
import type { CheckContext } from "./check.ts";

export type { ProxiedExchange, ProxiedPacket };

export interface NodeClientRun {
  /** Exit code, or null if it had to be stopped. */
  code: number | null;
  timedOut: boolean;
  output: string;
  /** What the server saw and answered, recorded by a proxy in between. */
  exchanges: ProxiedExchange[];
  packets: ProxiedPacket[];
}

/**
 * Runs a Node client of the lesson (e.g. bot.ts) against the lesson server through a recording
 * proxy, with API_URL pointing at the proxy. Bounded: stopped after `ms`.
 */
export async function runNodeClient(
  ctx: CheckContext,
  entry: string,
  options: { env?: Record<string, string>; ms?: number } = {},
): Promise<NodeClientRun> {
  const ms = options.ms ?? 10_000;
  const file = await buildServer(ctx.appDir, entry);
  const proxy = await startRecordingProxy(Number(new URL(ctx.apiUrl).port));
  try {
    const child = spawnOwned(process.execPath, ["--enable-source-maps", file], {
      cwd: ctx.appDir,
      env: { ...process.env, API_URL: proxy.url, FORCE_COLOR: "0", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref());
    const first = await Promise.race([exit, timer]);
    if (first === "timeout") killGroup(child);
    const code = first === "timeout" ? null : first;
    await exit;
    return { code, timedOut: first === "timeout", output, exchanges: proxy.exchanges, packets: proxy.packets };
  } finally {
    await proxy.close();
  }
}

/** The exchange a Node client's run made for a route (the last one, if it made several). */
export function exchangeOf(run: NodeClientRun, method: string, pathname: string): ProxiedExchange | undefined {
  return run.exchanges.filter((e) => e.method === method && e.url.pathname.endsWith(pathname)).at(-1);
}

/**
 * The Socket.IO handshake of the connection the client ended with (a client may retry after a
 * refusal): an Engine.IO request without a connection id, by long-polling or a WebSocket upgrade.
 */
export function lastHandshake(run: NodeClientRun): ProxiedExchange | undefined {
  return run.exchanges
    .filter((e) => {
      const q = e.url.searchParams;
      return Boolean(q.get("EIO")) && !q.get("sid") && (e.upgrade || e.method === "GET");
    })
    .at(-1);
}

/** The server's refusal of the client's socket (its connect_error data), if it refused it. */
export function refusal(run: NodeClientRun): unknown {
  const refused = run.packets.find((p) => p.dir === "received" && p.packet.kind === "connect_error");
  return refused?.packet.kind === "connect_error" ? refused.packet.data : undefined;
}

/** The first argument of the last acknowledgement the client received (its answer to whoami). */
export function lastAnswer(run: NodeClientRun): unknown {
  const ack = run.packets.filter((p) => p.dir === "received" && p.packet.kind === "ack").at(-1);
  return ack?.packet.kind === "ack" ? ack.packet.args[0] : undefined;
}
