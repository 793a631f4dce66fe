// The people around the learner's user: another user logged in from Node with a socket open, and
// the learner's own logout with the page's button.
import { randomBytes } from "node:crypto";
import type { CheckContext } from "./check.ts";
import { logIn } from "./http.ts";
import { connectAs, type Socket } from "./sockets.ts";

/**
 * Logs out on the page with the panel's button, as the learner would, and returns the line of
 * evidence and the status POST /logout answered (undefined if none within 3 s).
 */
export async function logOutOnPage(ctx: CheckContext): Promise<{ status?: number; seen: string }> {
  const since = ctx.wire.nextSeq();
  await ctx.page.evaluate(() => document.getElementById("logout")?.click()).catch(() => {});
  const logout = await ctx.wire.until(
    () => ctx.wire.http.find((r) => r.seq > since && r.method === "POST" && r.url.pathname.endsWith("/logout") && r.done),
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
 * in its auth payload, harmless to an app that ignores it; with `origin`, it comes from that page;
 * with `at`, it logs in and connects at that address (another instance behind a balancer).
 * Throws an Error whose message is a line of evidence. The caller must `socket.disconnect()` it.
 */
export async function otherUser(ctx: CheckContext, options: { sayName?: boolean; origin?: string; at?: string } = {}): Promise<OtherUser> {
  const name = `bystander-${randomBytes(3).toString("hex")}`;
  const login = await logIn(options.at ?? ctx, name).catch((err: Error) => err);
  if (login instanceof Error || !login.cookie) {
    throw new Error(`POST /login as "${name}" from Node gave no session cookie: ${login instanceof Error ? login.message : login.status}`);
  }
  try {
    const socket = await connectAs(options.at ?? ctx, { cookie: login.cookie, auth: options.sayName ? { user: name } : undefined, origin: options.origin, path: ctx.socketPath });
    return { name, cookie: login.cookie, socket };
  } catch (err) {
    throw new Error(`a socket of another user, "${name}", could not connect: ${(err as Error).message}`);
  }
}
