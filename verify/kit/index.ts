// What a lesson's verify.ts can use (imported as "#verify"). Every lesson runs the standard
// scenario (scenario.ts) and diagnosis (diagnose.ts); a lesson's check only adds what its own
// app makes knowable: a more precise name for a standard finding, or extra checks from the wire.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { sign } from "cookie-signature";
import type { Socket } from "socket.io-client";
import type { Identity, Observation } from "../evidence/scenario.ts";
import type { Wire, WirePacket } from "../evidence/wire.ts";
import { SESSION_COOKIE } from "../evidence/session-cookie.ts";
export { decodeSessionCookie, sessionCookieFromHeader } from "../evidence/session-cookie.ts";
/** Server output as lines, without stack frames from libraries and Node itself: what a learner reads. */
export { withoutLibraryFrames } from "../app/lesson-server.ts";
import { buildServer, freePort, startLessonServer } from "../app/lesson-server.ts";
import { COMPILE_CACHE_DIR } from "../paths.ts";
import { killGroup, spawnOwned } from "../app/processes.ts";
import { startRecordingProxy, type ProxiedExchange, type ProxiedPacket } from "../app/recording-proxy.ts";

export type { Identity, Observation, WirePacket, ProxiedExchange, ProxiedPacket };
export { defineCheck, type CheckContext, type Finding, type LessonCheck } from "./check.ts";
export type { LessonMeta } from "../catalogue/define.ts";
import type { CheckContext, Finding } from "./check.ts";

export interface Instance {
  apiUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts another instance of the app's server.ts, as a load balancer runs several: same code,
 * secret, client origin and Redis, a port of its own. The caller must stop() it.
 */
export async function startInstance(ctx: CheckContext): Promise<Instance> {
  const port = await freePort();
  const server = await startLessonServer(ctx.appDir, {
    port,
    clientOrigin: new URL(ctx.pageUrl).origin,
    secret: ctx.secret,
    previousSecret: ctx.previousSecret,
    redisUrl: ctx.redisUrl,
  });
  return { apiUrl: `http://localhost:${port}`, output: () => server.output(), stop: () => server.stop() };
}

export interface ServedPage {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves one HTML page from a port of its own on localhost: another origin than the lesson's page
 * and API, but the same site, so the browser sends the API's cookies from it as it would from a
 * sibling subdomain. For checks that need a page the app did not write (an attacker's). The caller
 * must close() it.
 */
export async function servePage(html: string): Promise<ServedPage> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(html);
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps its connection alive otherwise
      }),
  };
}

export interface ExpiredSession {
  /** The Redis key that held the session, e.g. `sess:<id>`. */
  key: string;
  /** How long it had left to live, in ms (-1: no TTL). */
  ttlMs: number;
}

/**
 * Ends a session the way its TTL running out would: finds the key that holds it in the app's Redis
 * (connect-redis's `sess:<id>`, whatever the prefix) and makes Redis expire it now. Nothing in the
 * app is told, as nothing is when a real TTL ends. Undefined when Redis holds no such session.
 */
export async function expireSession(ctx: CheckContext, sessionId: string): Promise<ExpiredSession | undefined> {
  if (!ctx.redisUrl) return undefined;
  return withRedis(ctx, async (client) => {
    const key = await sessionKeyIn(client, sessionId);
    if (!key) return undefined;
    const ttlMs = await client.pTTL(key);
    await client.pExpire(key, 1);
    // Redis drops an expired key the first time it is asked for it.
    const deadline = performance.now() + 1000;
    while ((await client.exists(key)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    return { key, ttlMs };
  });
}

/** The Redis key that holds a session (connect-redis's `sess:<id>`, whatever the prefix), if any. */
export async function findSessionKey(ctx: CheckContext, sessionId: string): Promise<string | undefined> {
  return withRedis(ctx, (client) => sessionKeyIn(client, sessionId));
}

export interface RedisConnection {
  /** The client's address as Redis sees it, e.g. 127.0.0.1:53122. */
  addr: string;
}

/** The app's connections to its Redis right now (every client but the verifier's own). */
export async function redisConnections(ctx: CheckContext): Promise<RedisConnection[]> {
  return withRedis(ctx, (client) => connectionsOf(client));
}

/**
 * Closes every connection to the app's Redis from the Redis side, as Redis does to clients idle
 * longer than its `timeout`, and as a restart, a failover or a network blip does. Returns how many
 * it closed. Only for apps with a Redis of their own (manifest `redis: "own"`): no other app's check
 * may feel it.
 */
export async function dropRedisConnections(ctx: CheckContext): Promise<number> {
  return withRedis(ctx, async (client) => {
    let closed = 0;
    for (const type of ["normal", "pubsub"]) {
      closed += Number(await client.sendCommand(["CLIENT", "KILL", "TYPE", type, "SKIPME", "yes"]));
    }
    return closed;
  });
}

/**
 * Waits until the app has at least one new connection to its Redis (none of `dropped`), at most
 * `ms`; undefined if not.
 */
export async function redisReconnected(ctx: CheckContext, ms: number, dropped: RedisConnection[] = []): Promise<RedisConnection[] | undefined> {
  const old = new Set(dropped.map((c) => c.addr));
  return withRedis(ctx, async (client) => {
    const deadline = performance.now() + ms;
    for (;;) {
      const connections = (await connectionsOf(client)).filter((c) => !old.has(c.addr));
      if (connections.length) return connections;
      if (performance.now() > deadline) return undefined;
      await new Promise((r) => setTimeout(r, 10));
    }
  });
}

const newRedisClient = async (url: string) =>
  (await import("redis")).createClient({ url, socket: { connectTimeout: 3000, reconnectStrategy: false } });
type RedisClient = Awaited<ReturnType<typeof newRedisClient>>;

/** Runs `work` with a short-lived connection of the verifier's own to the app's Redis. */
async function withRedis<T>(ctx: CheckContext, work: (client: RedisClient) => Promise<T>): Promise<T> {
  if (!ctx.redisUrl) throw new Error("this lesson's app was given no Redis (manifest: redis)");
  const client = await newRedisClient(ctx.redisUrl);
  client.on("error", () => {}); // a failed command rejects; the event would only repeat it
  await client.connect();
  try {
    return await work(client);
  } finally {
    client.destroy();
  }
}

async function sessionKeyIn(client: RedisClient, sessionId: string): Promise<string | undefined> {
  let key: string | undefined;
  for await (const keys of client.scanIterator({ MATCH: `*${sessionId.replace(/[*?[\]\\]/g, "\\$&")}`, COUNT: 1000 })) {
    key ??= keys.find((k) => k.endsWith(sessionId));
  }
  return key;
}

async function connectionsOf(client: RedisClient): Promise<RedisConnection[]> {
  const [own, list] = await Promise.all([client.sendCommand(["CLIENT", "ID"]), client.sendCommand(["CLIENT", "LIST"])]);
  return String(list)
    .split("\n")
    .filter(Boolean)
    .map((line) => Object.fromEntries(line.trim().split(" ").map((field) => field.split("=", 2) as [string, string])))
    .filter((fields) => fields.id !== String(own))
    .map((fields) => ({ addr: fields.addr ?? "?" }));
}

/** Waits for a packet seen from now on (or already seen after `sinceSeq`), at most `ms`. */
export function nextPacket(
  wire: Wire,
  predicate: (packet: WirePacket) => boolean,
  ms = 3000,
  sinceSeq = wire.nextSeq(),
): Promise<WirePacket | undefined> {
  return wire.until(() => wire.packets.find((p) => p.seq > sinceSeq && predicate(p)), ms);
}

/** A Cookie header value for a session id signed with `secret` (as express-session would set it). */
export function signedCookie(sessionId: string, secret: string): string {
  return encodeURIComponent(`s:${sign(sessionId, secret)}`);
}

/** A session id that looks real but never existed. */
export function randomSessionId(): string {
  return randomBytes(24).toString("base64url");
}

export interface ProbeResult {
  connected: boolean;
  /** The server's connect_error message, a transport error, or "no answer within N ms". */
  error?: string;
  /** true when nothing answered in time (as opposed to an explicit refusal) */
  timedOut?: boolean;
  /** The server's answer to whoami, if connected and it answered. */
  whoami?: Identity;
}

/**
 * Connects from Node with exactly the given cookie (or none) and handshake auth, asks whoami,
 * disconnects. Lets a check try what a browser page cannot: no cookie, a forged cookie, a
 * client-chosen session id. Always ends within `ms`.
 */
export async function probeSocket(apiUrl: string, options: SocketOptions = {}): Promise<ProbeResult> {
  const ms = options.ms ?? 3000;
  let socket: Socket;
  try {
    socket = await connectAs(apiUrl, options);
  } catch (err) {
    const error = (err as Error).message;
    // socket.io-client's own connect timeout says just "timeout".
    return { connected: false, error, timedOut: /^no answer within|^timeout$/.test(error) };
  }
  try {
    const me = (await socket.timeout(ms).emitWithAck("whoami")) as Identity | undefined;
    return { connected: true, whoami: { sessionId: me?.sessionId ?? null, user: me?.user ?? null } };
  } catch {
    return { connected: true };
  } finally {
    socket.disconnect();
  }
}

interface SocketOptions {
  cookie?: string;
  auth?: Record<string, unknown>;
  /** Sent in the handshake's query string, where some clients put what they cannot put in a cookie. */
  query?: Record<string, string>;
  path?: string;
  /** Sent as the Origin header, as a page on that origin would (Node sends none by default). */
  origin?: string;
  /** Default: long-polling first, then an upgrade to WebSocket, as a browser does. */
  transports?: ("polling" | "websocket")[];
  ms?: number;
}

/** An HTTP request from Node to the lesson API, with an optional session cookie. */
export async function fetchApi(
  apiUrl: string,
  pathname: string,
  init: { method?: string; cookie?: string; body?: unknown } = {},
): Promise<{ status: number; body: string; json: unknown; headers: Headers; sessionCookie?: string }> {
  const res = await fetch(`${apiUrl.replace("localhost", "127.0.0.1")}${pathname}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.cookie ? { cookie: `${SESSION_COOKIE}=${init.cookie}` } : {}),
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(3000),
  });
  const body = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  // The connect.sid this response set (URL-encoded, as a Cookie header carries it), e.g. to act as a second user.
  const sessionCookie = res.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  return { status: res.status, body, json, headers: res.headers, sessionCookie };
}

/**
 * A connected Node socket carrying exactly this cookie, for checks that emit several events
 * (use `socket.timeout(ms).emitWithAck(...)`). Rejects with the connect_error message or a timeout.
 * The caller must `socket.disconnect()` it.
 */
export async function connectAs(apiUrl: string, options: SocketOptions = {}): Promise<Socket> {
  const ms = options.ms ?? 3000;
  const socket = await nodeSocket(apiUrl, options, ms);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("connect_error", (err) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(err);
    });
  });
}

/** A Node socket.io-client socket (loaded only by checks that need one: it is not small). */
async function nodeSocket(
  apiUrl: string,
  options: Omit<SocketOptions, "ms">,
  ms: number,
): Promise<Socket> {
  const { io } = await import("socket.io-client");
  return io(apiUrl.replace("localhost", "127.0.0.1"), {
    path: options.path,
    auth: options.auth,
    query: options.query,
    transports: options.transports,
    reconnection: false,
    forceNew: true,
    timeout: ms,
    extraHeaders: {
      ...(options.cookie !== undefined ? { cookie: `${SESSION_COOKIE}=${options.cookie}` } : {}),
      ...(options.origin !== undefined ? { origin: options.origin } : {}),
    },
  });
}

export interface WhoamiAnswer {
  me?: { sessionId?: string | null; user?: string | null };
  /** Why the socket was disconnected, if it was before answering. */
  gone?: string;
}

export type Asked<T = unknown> = { answer: T; gone?: undefined } | { answer?: undefined; gone: string } | { answer?: undefined; gone?: undefined };

/**
 * Emits an event with an acknowledgement on a connected socket; settles with the answer, the
 * disconnect reason if the server ends the socket first, or neither after `ms`. A disconnect is an
 * answer too: a check never waits out its deadline for a socket that is already gone.
 */
export function ask<T = unknown>(socket: Socket, ms: number, event: string, ...args: unknown[]): Promise<Asked<T>> {
  if (!socket.connected) return Promise.resolve({ gone: "already disconnected" });
  return new Promise((resolve) => {
    const onDisconnect = (reason: string) => done({ gone: reason });
    const timer = setTimeout(() => done({}), ms);
    const done = (asked: Asked<T>) => {
      clearTimeout(timer);
      socket.off("disconnect", onDisconnect);
      resolve(asked);
    };
    socket.once("disconnect", onDisconnect);
    socket.emit(event, ...args, (answer: T) => done({ answer }));
  });
}

/** Asks whoami on a connected socket; settles with the answer, the disconnect reason, or neither after `ms`. */
export async function askWhoami(socket: Socket, ms: number): Promise<WhoamiAnswer> {
  const { answer, gone } = await ask<WhoamiAnswer["me"]>(socket, ms, "whoami");
  return gone !== undefined ? { gone } : answer !== undefined ? { me: answer } : {};
}

/**
 * Logs out on the page with the panel's button, as the learner would, and returns the line of
 * evidence and the status POST /logout answered (undefined if none within 3 s).
 */
export async function logOutOnPage(ctx: CheckContext): Promise<{ status?: number; seen: string }> {
  const since = ctx.wire.nextSeq();
  await ctx.page.evaluate(() => document.getElementById("logout")?.click()).catch(() => {});
  const logout = await ctx.wire.until(
    () => ctx.wire.http.find((r) => r.seq > since && r.method === "POST" && r.url.pathname === "/logout" && r.done),
    3000,
  );
  // The panel reloads the page as soon as the answer arrives, and Chromium may then report the
  // finished request as aborted: the status that arrived is what counts.
  return { status: logout?.status, seen: `the page logged out: POST /logout → ${logout?.status ?? logout?.failure ?? "no answer within 3 s"}` };
}

export interface OtherUser {
  name: string;
  /** Its connect.sid value (URL-encoded, as in a Cookie header). */
  cookie: string;
  socket: Socket;
}

/**
 * Another user, logged in from Node with a socket open: for checks that what happens to the
 * learner's session leaves other users alone. With `sayName`, the handshake also carries the name
 * in its auth payload, harmless to an app that ignores it; with `origin`, it comes from that page.
 * Throws an Error whose message is a line of evidence. The caller must `socket.disconnect()` it.
 */
export async function otherUser(ctx: CheckContext, options: { sayName?: boolean; origin?: string } = {}): Promise<OtherUser> {
  const name = `bystander-${randomBytes(3).toString("hex")}`;
  const login = await fetchApi(ctx.apiUrl, "/login", { method: "POST", body: { username: name } }).catch((err: Error) => err);
  if (login instanceof Error || !login.sessionCookie) {
    throw new Error(`POST /login as "${name}" from Node gave no session cookie: ${login instanceof Error ? login.message : login.status}`);
  }
  try {
    const socket = await connectAs(ctx.apiUrl, { cookie: login.sessionCookie, auth: options.sayName ? { user: name } : undefined, origin: options.origin });
    return { name, cookie: login.sessionCookie, socket };
  } catch (err) {
    throw new Error(`a socket of another user, "${name}", could not connect: ${(err as Error).message}`);
  }
}

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
      env: { ...process.env, API_URL: proxy.url, FORCE_COLOR: "0", NODE_COMPILE_CACHE: COMPILE_CACHE_DIR, ...options.env },
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
