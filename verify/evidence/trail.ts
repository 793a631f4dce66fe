// What a check's own probes did, in the order their answers came: the sockets and HTTP requests the
// lesson's extra check and the battery send from Node. The browser's wire (wire.ts) records the
// page; nothing recorded the probes, so a picture of a check (sequence.ts) could show only half of
// it. An AsyncLocalStorage carries the trail through every await of the check, the battery's items
// side by side included, so that kit functions record into it without a new parameter, and record
// nothing when no trail is open (a check run outside one, a test).
//
// Observation only: recording never throws into a check and never changes what a probe returns.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Identity } from "./scenario.ts";
import { decodeSessionCookie, sessionCookieFromHeader } from "./session-cookie.ts";

/**
 * The session cookie a probe sent, in a word: the browser's own ("own"); another session's, signed
 * with the app's secret ("signed") or its previous one ("old-secret"); signed with another secret
 * ("forged"); with no signature ("unsigned"); unreadable ("malformed"); none ("none"); a cookie
 * the recorder had no secrets to read ("sent").
 */
export type CookieSent = "none" | "own" | "signed" | "old-secret" | "forged" | "unsigned" | "malformed" | "sent";

interface Sent {
  cookie: CookieSent;
  /** The start of the session id the cookie names, when it verifies: which user's session it is. */
  sid?: string;
  /** The Origin header, if one was sent. */
  origin?: string;
  /** Set when the probe went to another address than the app's own API (a second instance). */
  elsewhere?: string;
}

export interface SocketProbe extends Sent {
  kind: "socket";
  /** The transport it connected on, or the one it tried first. */
  transport: string;
  /** Where the handshake said something about itself besides the cookie (auth, query, headers). */
  claims?: string[];
  connected: boolean;
  /** The connect_error message, a transport error, or "no answer within N ms". */
  error?: string;
  timedOut?: boolean;
  /** The answer to whoami, when the probe asked (probeSocket); null: asked, no answer. */
  whoami?: Identity | null;
}

export interface HttpProbe extends Sent {
  kind: "http";
  method: string;
  /** The path and query, as the check asked for it. */
  path: string;
  status?: number;
  /** Why no answer came (a timeout, a refused connection). */
  error?: string;
  /** The start of the session id of the connect.sid the answer set, or "set" when it does not verify. */
  setCookie?: string;
  /** For a POST …/login, the user name it logged in as. */
  as?: string;
  /** For a GET …/me, the user the answer named (null: nobody). */
  user?: string | null;
  /** For a request with an Origin: whether the CORS answer let that origin read it with credentials. */
  lets?: boolean;
}

export type TrailEntry = SocketProbe | HttpProbe;

/** What the recorder needs to name a cookie in a word: the check's own cookie and secrets. */
export interface TrailKeys {
  /** The API as the check reaches it: a probe elsewhere is marked so. */
  apiUrl: string;
  /** The browser's connect.sid value (URL-encoded). */
  cookie: string;
  /** The app's secret first, then any it still accepts (the previous one). */
  secrets: string[];
}

interface Trail {
  entries: TrailEntry[];
  keys?: TrailKeys;
  /** Closed once withTrail's work is over: a timer the check left behind records nothing more. */
  open: boolean;
}

/** The most a trail keeps: enough for every check and the whole battery, bounded all the same. */
export const TRAIL_LIMIT = 500;

const current = new AsyncLocalStorage<Trail>();

/** Runs `work` with a fresh trail; its result and what its probes did. */
export async function withTrail<T>(work: () => Promise<T>, keys?: TrailKeys): Promise<{ result: T; trail: TrailEntry[] }> {
  const trail: Trail = { entries: [], keys, open: true };
  try {
    const result = await current.run(trail, work);
    return { result, trail: trail.entries };
  } finally {
    trail.open = false;
  }
}

/**
 * Runs `work` with a trail of its own, named by the same keys as the trail around it (if any): one
 * battery item's probes apart from the others', though the items run side by side.
 */
export async function withOwnTrail<T>(work: () => Promise<T>): Promise<{ result: T; trail: TrailEntry[] }> {
  return withTrail(work, current.getStore()?.keys);
}

/** Appends to the current trail, if one is open; otherwise does nothing. */
export function recordProbe(entry: TrailEntry): void {
  const trail = current.getStore();
  if (!trail?.open || trail.entries.length >= TRAIL_LIMIT) return;
  trail.entries.push(entry);
}

/** true while a trail is open: a probe need not describe itself otherwise. */
export function recording(): boolean {
  return current.getStore()?.open === true;
}

/**
 * What a probe sent, for its entry: the cookie in a word (from a connect.sid value or a whole
 * Cookie header), the Origin, and whether it went elsewhere than the app's API. Never throws.
 */
export function sentBy(request: { url: string; cookie?: string; cookieHeader?: string; origin?: string }): Sent {
  const keys = current.getStore()?.keys;
  const value = request.cookie ?? sessionCookieFromHeader(request.cookieHeader);
  const sent: Sent = { ...nameCookie(value, keys) };
  if (request.origin !== undefined) sent.origin = request.origin;
  if (keys && sameServer(request.url, keys.apiUrl) === false) sent.elsewhere = request.url;
  return sent;
}

function nameCookie(value: string | undefined, keys: TrailKeys | undefined): Pick<Sent, "cookie" | "sid"> {
  if (value === undefined || value === "") return { cookie: "none" };
  if (keys && value === keys.cookie) return { cookie: "own", sid: sidOf(value, keys.secrets) };
  if (!keys) return { cookie: "sent" };
  const decoded = decodeSessionCookie(value, keys.secrets[0] ?? "");
  if (decoded.ok) return { cookie: "signed", sid: short(decoded.sid) };
  if (decoded.reason === "bad-signature") {
    const older = keys.secrets.length > 1 ? decodeSessionCookie(value, keys.secrets.slice(1)) : undefined;
    return older?.ok ? { cookie: "old-secret", sid: short(older.sid) } : { cookie: "forged" };
  }
  return { cookie: decoded.reason === "not-signed" ? "unsigned" : "malformed" };
}

/** The start of the session id a connect.sid value names, if it verifies with one of the secrets. */
export function sidOf(value: string | undefined, secrets: string[] | undefined): string | undefined {
  if (!value || !secrets?.length) return undefined;
  const decoded = decodeSessionCookie(value, secrets);
  return decoded.ok ? short(decoded.sid) : undefined;
}

/** The session id of a connect.sid value, if it verifies with the current trail's secrets. */
export function trailSid(value: string | undefined): string | undefined {
  return sidOf(value, current.getStore()?.keys?.secrets);
}

function sameServer(a: string, b: string): boolean | undefined {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    const host = (u: URL) => (u.hostname === "127.0.0.1" ? "localhost" : u.hostname);
    return host(x) === host(y) && x.port === y.port;
  } catch {
    return undefined;
  }
}

/** Session ids are long and secret enough: their start tells sessions apart in a picture. */
function short(sid: string): string {
  return sid.slice(0, 10);
}
