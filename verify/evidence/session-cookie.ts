// Reads express-session's cookie the way express-session itself does: the value is URL-encoded
// "s:" + sid + "." + HMAC signature, and only a signature made with one of the secrets counts.
import { unsign } from "cookie-signature";

export const SESSION_COOKIE = "connect.sid";

export type DecodedCookie =
  | { ok: true; sid: string }
  | { ok: false; reason: "not-signed" | "bad-signature" | "malformed" };

export function decodeSessionCookie(rawValue: string, secrets: string | string[]): DecodedCookie {
  let value: string;
  try {
    value = decodeURIComponent(rawValue);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!value.startsWith("s:")) return { ok: false, reason: "not-signed" };
  for (const secret of [secrets].flat()) {
    const sid = unsign(value.slice(2), secret);
    if (sid !== false) return { ok: true, sid };
  }
  return { ok: false, reason: "bad-signature" };
}

/** The connect.sid value inside a Cookie request header, if any (still URL-encoded). */
export function sessionCookieFromHeader(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Every demo user's password, for the apps that check one (lesson 20's passport-local): the page's
 * form, the scenario and the checks' own logins send it; the other apps ignore the field.
 */
export const DEMO_PASSWORD = "workshop";
