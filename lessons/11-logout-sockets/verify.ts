// Standard check, then a logout while other sockets are open: two other tabs of the same session
// (sockets from Node carrying the browser's connect.sid: an app that remembers only the session's
// last socket would end one of them) and another user's socket. The page logs out with the panel's
// button. Then each other tab's socket must stop acting as the user: the server disconnects it, or
// it answers whoami as nobody. The other user's socket must be left alone.
import { askWhoami, connectAs, defineCheck, fetchApi, logOutOnPage, otherUser, type Finding, type WhoamiAnswer as Answer } from "#verify";
import lesson from "./lesson.ts";

type Socket = Awaited<ReturnType<typeof connectAs>>;
type Me = { sessionId?: string | null; user?: string | null };

/** How long the other tab's socket is given to be disconnected after the logout answered. */
const DISCONNECT_MS = 250;
const ACK_MS = 2000;
const TABS = ["another tab", "a third tab"];

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    const seen: string[] = [];
    const undecided = (...more: string[]): Finding => ({ fault: "NO_DECISION", seen: [...seen, ...more] });

    const tabs: Socket[] = [];
    const sockets: Socket[] = []; // every socket opened here, disconnected at the end
    try {
      for (const name of TABS) {
        try {
          const tab = await connectAs(ctx.apiUrl, { cookie: ctx.cookie });
          tabs.push(tab);
          sockets.push(tab);
        } catch (err) {
          return { fault: "SOCKET_REJECTED", seen: [`a socket with the browser's connect.sid (${name}) could not connect: ${(err as Error).message}`] };
        }
      }
      const someone = await otherUser(ctx).catch((err: Error) => err);
      if (someone instanceof Error) return undecided(someone.message);
      const { name: other, socket: bystander } = someone;
      sockets.push(bystander);

      for (const [i, tab] of tabs.entries()) {
        const before = await whoami(tab);
        if (before.me?.user !== ctx.username) return undecided(`${TABS[i]}'s socket, before logout: whoami → ${describe(before)}`);
        seen.push(`${TABS[i]}'s socket (same connect.sid), before logout: whoami → ${describe(before)}`);
      }
      const otherBefore = await whoami(bystander);
      if (otherBefore.me?.user !== other) return undecided(`another user's socket, before logout: whoami → ${describe(otherBefore)}`);
      seen.push(`another user's socket ("${other}"), before logout: whoami → ${describe(otherBefore)}`);

      const logout = await logOutOnPage(ctx);
      seen.push(logout.seen);
      if (!logout.status || logout.status < 200 || logout.status >= 300) return undecided();

      const me = await fetchApi(ctx.apiUrl, "/me", { cookie: ctx.cookie }).catch((err: Error) => err);
      if (me instanceof Error) return undecided(`GET /me after logout failed: ${me.message}`);
      seen.push(`HTTP: GET /me with the same connect.sid → ${me.body.trim().slice(0, 120)}`);
      if ((me.json as Me | undefined)?.user === ctx.username) return { fault: "LOGOUT_KEEPS_SESSION", seen };

      for (const [i, tab] of tabs.entries()) {
        const gone = await disconnected(tab, DISCONNECT_MS);
        if (gone) {
          seen.push(`${TABS[i]}'s socket was disconnected by the server (${gone})`);
          continue;
        }
        const after = await whoami(tab);
        seen.push(`${TABS[i]}'s socket, ${DISCONNECT_MS} ms after logout: ${after.gone ? `disconnected (${after.gone})` : `whoami → ${describe(after)}`}`);
        if (after.me?.user === ctx.username) return { fault: "SOCKET_OUTLIVES_LOGOUT", seen };
        if (!after.gone && !after.me) return { fault: "SOCKET_OUTLIVES_LOGOUT", seen: [...seen, "the socket stays connected and unanswered: it still receives what the server sends it"] };
      }

      const otherAfter = await whoami(bystander);
      seen.push(`another user's socket ("${other}"), after the logout: ${otherAfter.gone ? `disconnected (${otherAfter.gone})` : `whoami → ${describe(otherAfter)}`}`);
      if (otherAfter.me?.user !== other) return { fault: "LOGOUT_DISCONNECTED_OTHERS", seen };
      return undefined;
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
  },
});

const whoami = (socket: Socket) => askWhoami(socket, ACK_MS);

/** The disconnect reason, if the socket is or gets disconnected within ms. */
function disconnected(socket: Socket, ms: number): Promise<string | undefined> {
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

function describe(answer: Answer): string {
  if (answer.gone) return `no answer, disconnected (${answer.gone})`;
  if (!answer.me) return `no answer within ${ACK_MS / 1000} s`;
  const sid = answer.me.sessionId ? `${answer.me.sessionId.slice(0, 12)}…` : "null";
  return `{ sessionId: ${sid}, user: ${answer.me.user === null || answer.me.user === undefined ? "null" : JSON.stringify(answer.me.user)} }`;
}
