// The standard check, then a logout while other sockets are open: two other tabs of the same
// session (sockets from Node carrying the browser's connect.sid: an app that remembers only the
// session's last socket would end one of them) and another user's socket. The page logs out with
// the panel's button. Then each other tab's socket must stop acting as the user: the server
// disconnects it, or it answers whoami as nobody. The other user's socket must be left alone.
import { randomBytes } from "node:crypto";
import { askWhoami, mark, pagePollEnded, connectAs, defineCheck, describeWhoami, disconnectedWithin, logIn, logOut, logOutOnPage, me, otherUser, type Socket } from "#verify";
import lesson from "./lesson.ts";

/** How long the other tab's socket is given to be disconnected after the logout answered. */
const DISCONNECT_MS = 250;
const ACK_MS = 2000;
const TABS = ["another tab", "a third tab"];

export default defineCheck(lesson, {
  async extra(ctx) {
    const seen: string[] = [];
    const undecided = (...more: string[]) => ({ fault: "NO_DECISION", seen: [...seen, ...more] });
    const sockets: Socket[] = []; // every socket opened here, disconnected at the end
    try {
      const tabs: Socket[] = [];
      for (const name of TABS) {
        const tab = await connectAs(ctx, { cookie: ctx.cookie }).catch((err: Error) => err);
        if (tab instanceof Error) return { fault: "SOCKET_REJECTED", seen: [`a socket with the browser's connect.sid (${name}) could not connect: ${tab.message}`] };
        tabs.push(tab);
        sockets.push(tab);
      }
      const other = await otherUser(ctx).catch((err: Error) => err);
      if (other instanceof Error) return undecided(other.message);
      sockets.push(other.socket);

      for (const [i, tab] of tabs.entries()) {
        const before = await askWhoami(tab, ACK_MS);
        if (before.me?.user !== ctx.username) return undecided(`${TABS[i]}'s socket, before logout: ${describeWhoami(before, ACK_MS)}`);
        seen.push(`${TABS[i]}'s socket (same connect.sid), before logout: ${describeWhoami(before, ACK_MS)}`);
      }
      const otherBefore = await askWhoami(other.socket, ACK_MS);
      if (otherBefore.me?.user !== other.name) return undecided(`another user's socket, before logout: ${describeWhoami(otherBefore, ACK_MS)}`);
      seen.push(`another user's socket ("${other.name}"), before logout: ${describeWhoami(otherBefore, ACK_MS)}`);

      const before = mark(ctx);
      const logout = await logOutOnPage(ctx);
      seen.push(logout.seen);
      if (!logout.status || logout.status < 200 || logout.status >= 300) return undecided();
      // The page's own long-poll, open during the logout, ends with it: HTTP is asked after it did,
      // so that what the poll does as it ends is seen every time, not only when it is quick.
      const pollEnded = await pagePollEnded(ctx, before, 1000);

      const after = await me(ctx, ctx.cookie).catch((err: Error) => err);
      if (after instanceof Error) return undecided(`GET /me after logout failed: ${after.message}`);
      seen.push(`HTTP, with the same connect.sid: ${after.line}`);
      if (after.user === ctx.username) {
        // Does the route not end sessions, or did something open across the logout (the page's
        // long-poll, a tab's) save its copy back? A session with nothing open across its logout
        // tells, whichever request it was and however quick.
        const name = `control-${randomBytes(3).toString("hex")}`;
        const login = await logIn(ctx, name);
        if (!login.cookie) return undecided(`a control user logged in from Node: ${login.line}, no session cookie`);
        const out = await logOut(ctx, login.cookie);
        const still = await me(ctx, login.cookie);
        seen.push(`a control session with no socket and no request open: ${login.line}; ${out.line}; then with its cookie ${still.line}`);
        if (still.user === name) return { fault: "LOGOUT_KEEPS_SESSION", seen: [...seen, "the logout route does not end the session"] };
        return {
          fault: "LOGOUT_UNDONE",
          seen: [
            ...seen,
            `the logout route ends a session that nothing else is using; the browser's was back after its logout: a request open across it (${pollEnded ? "the page's long-poll, which ended after it" : "a long-poll of one of its tabs"}) had loaded the session before, and saved that copy back`,
          ],
        };
      }

      for (const [i, tab] of tabs.entries()) {
        const gone = await disconnectedWithin(tab, DISCONNECT_MS);
        if (gone) {
          seen.push(`${TABS[i]}'s socket was disconnected by the server (${gone})`);
          continue;
        }
        const answer = await askWhoami(tab, ACK_MS);
        seen.push(`${TABS[i]}'s socket, ${DISCONNECT_MS} ms after logout: ${describeWhoami(answer, ACK_MS)}`);
        if (answer.me?.user === ctx.username) return { fault: "SOCKET_OUTLIVES_LOGOUT", seen };
        if (!answer.gone && !answer.me) return { fault: "SOCKET_OUTLIVES_LOGOUT", seen: [...seen, "the socket stays connected and unanswered: it still receives what the server sends it"] };
      }

      const otherAfter = await askWhoami(other.socket, ACK_MS);
      seen.push(`another user's socket ("${other.name}"), after the logout: ${describeWhoami(otherAfter, ACK_MS)}`);
      if (otherAfter.me?.user !== other.name) return { fault: "LOGOUT_DISCONNECTED_OTHERS", seen };
      return undefined;
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
  },
});
