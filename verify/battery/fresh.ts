// Users the battery logs in itself, from Node, so that no item depends on what the lesson's own
// check did to the browser's session (several log it out).
import { randomBytes } from "node:crypto";
import type { CheckContext } from "../kit/check.ts";
import { decodeSessionCookie } from "../kit/cookies.ts";
import { logIn } from "../kit/http.ts";

export interface FreshUser {
  name: string;
  /** The connect.sid value (URL-encoded, as in a Cookie header). */
  cookie: string;
  sessionId: string;
}

/** A user logged in over HTTP from Node; throws an Error whose message is a line of evidence. */
export async function freshUser(ctx: CheckContext, role: string): Promise<FreshUser> {
  const name = `${role}-${randomBytes(3).toString("hex")}`;
  const login = await logIn(ctx, name);
  const decoded = login.cookie ? decodeSessionCookie(login.cookie, ctx.secret) : undefined;
  if (!login.cookie || !decoded?.ok) throw new Error(`${login.line}: no session cookie signed with SESSION_SECRET`);
  return { name, cookie: login.cookie, sessionId: decoded.sid };
}

/** Whether an answer to whoami is this user (by name, or by its session id). */
export function isUser(answer: { user?: unknown; sessionId?: unknown } | undefined, user: FreshUser): boolean {
  return answer !== undefined && (answer.user === user.name || answer.sessionId === user.sessionId);
}
