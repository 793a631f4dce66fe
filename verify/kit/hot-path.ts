// A hot path and what it costs: sockets logged in from Node that emit one event after another,
// and what the app asks its Redis meanwhile, seen from outside with MONITOR (every command that
// names one session: its key `sess:<id>`, whatever the prefix, or a channel about it). For checks
// that hold an app to a budget of store round trips while it still notices a session that ended.
import { randomBytes } from "node:crypto";
import type { CheckContext } from "./check.ts";
import { decodeSessionCookie } from "./cookies.ts";
import { short } from "./describe.ts";
import { logIn } from "./http.ts";
import { askWhoami, connectAs, type Socket, type WhoamiAnswer } from "./sockets.ts";

export interface SocketUser {
  name: string;
  /** Its connect.sid value (URL-encoded, as in a Cookie header). */
  cookie: string;
  sessionId: string;
  /** A WebSocket with that cookie; the caller must disconnect() it. */
  socket: Socket;
  /** `the phone socket of "ann-1a2b" (session AbC…)`, for evidence. */
  label: string;
}

/**
 * Logs `name` in from Node (a session of its own, even for a name already logged in: another
 * device) and opens a WebSocket with its cookie, at `at` (default: the app). `role` names the
 * socket in evidence. Throws an Error whose message is a line of evidence.
 */
export async function loggedInSocket(ctx: CheckContext, name: string, role: string, at?: string): Promise<SocketUser> {
  const login = await logIn(at ?? ctx, name);
  const decoded = login.cookie ? decodeSessionCookie(login.cookie, ctx.secret) : undefined;
  if (!login.cookie || !decoded?.ok) throw new Error(`${login.line}: no session cookie signed with SESSION_SECRET`);
  const label = `the ${role} socket of "${name}" (session ${short(decoded.sid)})`;
  const socket = await connectAs(at ?? ctx, { cookie: login.cookie, direct: true, path: ctx.socketPath }).catch((err: Error) => {
    throw new Error(`${label} could not connect: ${err.message}`);
  });
  return { name, cookie: login.cookie, sessionId: decoded.sid, socket, label };
}

/**
 * A busy client: asks whoami on the socket every `everyMs` until stopped, or until the server
 * disconnects it. stop() settles with how many it asked, once the one in flight is answered.
 */
export function keepEmitting(socket: Socket, everyMs: number, ackMs = 2000): { stop(): Promise<number> } {
  let stopped = false;
  let asked = 0;
  const loop = (async () => {
    while (!stopped && socket.connected) {
      asked++;
      const answer = await askWhoami(socket, ackMs);
      if (answer.gone) break;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return asked;
    },
  };
}

/**
 * Whether a socket still acts as the user `name`: it answers whoami as them, or it stays connected
 * without answering (it still gets whatever the server sends them). Evidence lines when it does.
 */
export function stillActsAs(answer: WhoamiAnswer, name: string): string[] | undefined {
  if (answer.me?.user === name) return [];
  if (!answer.gone && !answer.me) return ["the socket stays connected and unanswered: whatever the server sends the user still reaches it"];
  return undefined;
}

/** Settles at `at` (a performance.now() time), at once if it has passed. */
export function waitUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
}

export interface SessionCommand {
  /** The command's name, upper-case: "GET", "EXPIRE", "SUBSCRIBE", … */
  name: string;
  /** Its arguments, as Redis received them. */
  args: string[];
}

export interface SessionCommands {
  /** Every command that named the session, in the order Redis ran them. */
  commands: SessionCommand[];
  /** "100 × GET sess:AbC…" or "2 × GET sess:AbC…, 1 × EXPIRE sess:AbC…", or "no command". */
  describe(): string;
}

export interface CommandWatch {
  /**
   * Stops watching once Redis has run every command sent before the call (a marker command from
   * the verifier comes back through MONITOR after them), and returns those that named the session.
   */
  stop(): Promise<SessionCommands>;
}

/**
 * Starts counting the commands the app sends its Redis that name the session `sessionId`: a GET of
 * `sess:<id>` that `req.session.reload()` or `store.get()` makes, an EXPIRE or SET that touches it,
 * a SUBSCRIBE to its keyspace channel. Only for apps with a Redis of their own (manifest
 * `redis: "own"`), so that nothing but the app is counted. The caller must stop() it.
 */
export async function watchSessionCommands(ctx: CheckContext, sessionId: string): Promise<CommandWatch> {
  if (!ctx.redisUrl) throw new Error("this lesson's app was given no Redis (manifest: redis)");
  const { createClient } = await import("redis");
  const options = { url: ctx.redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false as const } };
  const monitor = createClient(options);
  monitor.on("error", () => {}); // a failed command rejects; the event would only repeat it
  await monitor.connect();
  const marker = `workshop:marker:${randomBytes(6).toString("hex")}`;
  const commands: SessionCommand[] = [];
  let markerSeen: () => void = () => {};
  const sawMarker = new Promise<void>((resolve) => (markerSeen = resolve));
  await monitor.monitor((line) => {
    const command = parseMonitorLine(String(line));
    if (!command) return;
    if (command.args.includes(marker)) markerSeen();
    else if ([command.name, ...command.args].some((arg) => arg.includes(sessionId))) commands.push(command);
  });
  return {
    async stop() {
      const asker = createClient(options);
      asker.on("error", () => {});
      try {
        await asker.connect();
        await asker.get(marker);
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("MONITOR did not report the verifier's own command within 3 s")), 3000).unref());
        await Promise.race([sawMarker, timeout]);
      } finally {
        asker.destroy();
        monitor.destroy();
      }
      const seen = [...commands];
      return { commands: seen, describe: () => describeCommands(seen, sessionId) };
    },
  };
}

/** `1700000000.123456 [0 127.0.0.1:5555] "GET" "sess:abc"` → { name: "GET", args: ["sess:abc"] }. */
function parseMonitorLine(line: string): SessionCommand | undefined {
  const quoted = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(x[0-9a-f]{2}|.)/gi, (_, c: string) => (c.length === 3 ? String.fromCharCode(parseInt(c.slice(1), 16)) : c === "n" ? "\n" : c === "r" ? "\r" : c === "t" ? "\t" : c)));
  if (!quoted.length) return undefined;
  const [name, ...args] = quoted;
  return { name: name!.toUpperCase(), args };
}

function describeCommands(commands: SessionCommand[], sessionId: string): string {
  if (!commands.length) return "no command";
  const counts = new Map<string, number>();
  for (const { name, args } of commands) {
    // The command and the argument that names the session (a SET's value is left out).
    const named = args.find((a) => a.includes(sessionId)) ?? "";
    const shown = `${name} ${named.replace(sessionId, `${sessionId.slice(0, 8)}…`)}`.slice(0, 80);
    counts.set(shown, (counts.get(shown) ?? 0) + 1);
  }
  return [...counts].map(([shown, n]) => `${n} × ${shown}`).join(", ");
}
