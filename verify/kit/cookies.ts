// Session cookies a check makes itself: signed with any secret, or for a session that never existed.
import { randomBytes } from "node:crypto";
import { sign } from "cookie-signature";
export { decodeSessionCookie, sessionCookieFromHeader } from "../evidence/session-cookie.ts";
export { pathMatches } from "../evidence/diagnose.ts";

/** A Cookie header value for a session id signed with `secret` (as express-session would set it). */
export function signedCookie(sessionId: string, secret: string): string {
  return encodeURIComponent(`s:${sign(sessionId, secret)}`);
}

/** A session id that looks real but never existed. */
export function randomSessionId(): string {
  return randomBytes(24).toString("base64url");
}
