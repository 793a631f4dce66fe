// Sockets a check opens itself, from Node: with any cookie or none, any Origin, any handshake auth
// or query, on either transport. Each one asks whoami, the question every lesson app answers, and
// reports what came back in words a learner can read.
import type { Socket } from "socket.io-client";
import type { Identity } from "../evidence/scenario.ts";
import { SESSION_COOKIE } from "../evidence/session-cookie.ts";
import { recordProbe, recording, sentBy, type SocketProbe } from "../evidence/trail.ts";
import type { CheckContext } from "./check.ts";
import { short } from "./describe.ts";

export type { Socket };

/** Where to connect: a check's own app (its API and Socket.IO path), or another instance's API address. */
export type SocketTarget = CheckContext | string;

export interface SocketOptions {
  /** The connect.sid value to send (URL-encoded, as in a Cookie header); none by default. */
  cookie?: string;
  /** A whole Cookie header instead, e.g. the session cookie among others. */
  cookieHeader?: string;
  auth?: Record<string, unknown>;
  /** Sent in the handshake's query string, where some clients put what they cannot put in a cookie. */
  query?: Record<string, string>;
  /** Other request headers of the handshake. */
  headers?: Record<string, string>;
  /** The Socket.IO path; default: the one the app's page used. */
  path?: string;
  /** Sent as the Origin header, as a page on that origin would (Node sends none by default). */
  origin?: string;
  /** Default: long-polling first, then an upgrade to WebSocket, as a browser does. */
  transports?: ("polling" | "websocket")[];
  /**
   * WebSocket straight away, and long-polling only if the server refuses WebSocket: one request
   * instead of several, for checks that open many sockets and do not care how they travel.
   */
  direct?: boolean;
  ms?: number;
}

function where(target: SocketTarget, options: SocketOptions): { url: string; path: string | undefined } {
  if (typeof target === "string") return { url: target, path: options.path };
  return { url: target.apiUrl, path: options.path ?? target.socketPath };
}

/**
 * A connected Node socket (for checks that emit several events). Rejects with the server's
 * connect_error message, a transport error, or "no answer within N ms". The caller must
 * `socket.disconnect()` it.
 */
export async function connectAs(target: SocketTarget, options: SocketOptions = {}): Promise<Socket> {
  try {
    const socket = await open(target, options);
    trace(target, options, { connected: true, transport: transportOf(socket) });
    return socket;
  } catch (err) {
    trace(target, options, refused(err));
    throw err;
  }
}

/** connectAs without a trail entry: probeSocket records its connection and answer as one. */
async function open(target: SocketTarget, options: SocketOptions): Promise<Socket> {
  const ms = options.ms ?? 3000;
  const { io } = await import("socket.io-client"); // loaded only by checks that need it: it is not small
  const { url, path } = where(target, options);
  const cookie = options.cookieHeader ?? (options.cookie !== undefined ? `${SESSION_COOKIE}=${options.cookie}` : undefined);
  const socket = io(url.replace("localhost", "127.0.0.1"), {
    path,
    auth: options.auth,
    query: options.query,
    transports: options.direct ? ["websocket", "polling"] : options.transports,
    tryAllTransports: options.direct,
    reconnection: false,
    forceNew: true,
    timeout: ms,
    extraHeaders: {
      ...options.headers,
      ...(cookie !== undefined ? { cookie } : {}),
      ...(options.origin !== undefined ? { origin: options.origin } : {}),
    },
  });
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
 * Connects, asks whoami, disconnects. Lets a check try what a browser page cannot: no cookie, a
 * forged cookie, a client-chosen session id, a hostile Origin. Always ends within `ms` twice over.
 */
export async function probeSocket(target: SocketTarget, options: SocketOptions = {}): Promise<ProbeResult> {
  const ms = options.ms ?? 3000;
  let socket: Socket;
  try {
    socket = await open(target, options);
  } catch (err) {
    const outcome = refused(err);
    trace(target, options, outcome);
    return { connected: false, error: outcome.error, timedOut: outcome.timedOut };
  }
  try {
    const { answer } = await ask<Partial<Identity>>(socket, ms, "whoami");
    const whoami = answer && { sessionId: answer.sessionId ?? null, user: answer.user ?? null };
    trace(target, options, { connected: true, transport: transportOf(socket), whoami: whoami ?? null });
    return { connected: true, whoami };
  } finally {
    socket.disconnect();
  }
}

function refused(err: unknown): { connected: false; error: string; timedOut: boolean } {
  const error = (err as Error).message;
  // socket.io-client's own connect timeout says just "timeout".
  return { connected: false, error, timedOut: /^no answer within|^timeout$/.test(error) };
}

/** The transport a connected socket is on now. */
function transportOf(socket: Socket): string | undefined {
  return (socket.io as unknown as { engine?: { transport?: { name?: string } } }).engine?.transport?.name;
}

/**
 * A trail entry for a probe (evidence/trail.ts): what it sent and what came back, for the picture
 * of the check. Nothing is recorded outside a trail.
 */
function trace(
  target: SocketTarget,
  options: SocketOptions,
  outcome: { connected: boolean; transport?: string; error?: string; timedOut?: boolean; whoami?: Identity | null },
): void {
  if (!recording()) return;
  try {
    recordProbe(socketEntry(target, options, outcome));
  } catch {
    // A picture with a probe missing is better than a check that fails for its picture's sake.
  }
}

function socketEntry(target: SocketTarget, options: SocketOptions, outcome: Parameters<typeof trace>[2]): SocketProbe {
  const { url } = where(target, options);
  // What a client says about itself besides its cookie (a proxy's X-Forwarded-* says nothing about who).
  const saysHeaders = Object.keys(options.headers ?? {}).some((name) => !/^x-forwarded-/i.test(name));
  const claims = [options.auth && "auth", options.query && "query", saysHeaders && "headers"].filter((claim): claim is string => typeof claim === "string");
  const first = options.transports?.[0] ?? (options.direct ? "websocket" : "polling");
  const entry: SocketProbe = {
    kind: "socket",
    ...sentBy({ url, cookie: options.cookieHeader === undefined ? options.cookie : undefined, cookieHeader: options.cookieHeader, origin: options.origin }),
    transport: outcome.transport ?? first,
    connected: outcome.connected,
  };
  if (claims.length) entry.claims = claims;
  if (outcome.error !== undefined) entry.error = outcome.error.slice(0, 120);
  if (outcome.timedOut) entry.timedOut = true;
  if (outcome.whoami !== undefined) entry.whoami = outcome.whoami && { sessionId: small(outcome.whoami.sessionId, 10), user: small(outcome.whoami.user, 100) };
  return entry;
}

/** A value the app answered, kept small for the trail: the start of it as text; null stays null. */
function small(value: unknown, max: number): string | null {
  return value === null || value === undefined ? null : String(value).slice(0, max);
}

/** What a probe got, in one line: "whoami → {…}", "connected; no answer to whoami", "refused: …". */
export function describeProbe(result: ProbeResult): string {
  if (result.connected) return result.whoami ? `whoami → ${describeIdentity(result.whoami)}` : "connected; no answer to whoami";
  return result.timedOut ? `no answer (${result.error})` : `refused (${result.error})`;
}

export function describeIdentity(identity: Partial<Identity> | undefined): string {
  if (!identity) return "(no answer)";
  const sid = typeof identity.sessionId === "string" ? short(identity.sessionId) : "null";
  return `{ sessionId: ${sid}, user: ${identity.user === null || identity.user === undefined ? "null" : JSON.stringify(identity.user)} }`;
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

export interface WhoamiAnswer {
  me?: { sessionId?: string | null; user?: string | null };
  /** Why the socket was disconnected, if it was before answering. */
  gone?: string;
}

/** Asks whoami on a connected socket; settles with the answer, the disconnect reason, or neither after `ms`. */
export async function askWhoami(socket: Socket, ms: number): Promise<WhoamiAnswer> {
  const { answer, gone } = await ask<WhoamiAnswer["me"]>(socket, ms, "whoami");
  return gone !== undefined ? { gone } : answer !== undefined ? { me: answer } : {};
}

/** An answer to whoami, in one line. */
export function describeWhoami(answer: WhoamiAnswer, ms: number): string {
  if (answer.gone) return `no answer, disconnected (${answer.gone})`;
  if (!answer.me) return `no answer within ${ms / 1000} s`;
  return `whoami → ${describeIdentity(answer.me)}`;
}

/** The disconnect reason, if the socket is or gets disconnected within `ms`. */
export function disconnectedWithin(socket: Socket, ms: number): Promise<string | undefined> {
  if (!socket.connected) return Promise.resolve("already disconnected");
  return new Promise((resolve) => {
    const onDisconnect = (reason: string) => {
      clearTimeout(timer);
      resolve(reason);
    };
    const timer = setTimeout(() => {
      socket.off("disconnect", onDisconnect);
      resolve(undefined);
    }, ms);
    socket.once("disconnect", onDisconnect);
  });
}
