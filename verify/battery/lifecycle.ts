// The session's lifecycle: after a logout nothing may act as the user or bring the session back,
// and a page reloaded after login, or opened in a new tab, connects as the user at once.
import type { CheckContext, Finding } from "../kit/check.ts";
import { logOut, me } from "../kit/http.ts";
import { reloadedAfterLogin } from "../kit/page.ts";
import { Wire } from "../evidence/wire.ts";
import { PollingTab, within } from "../kit/polling.ts";
import { short } from "../kit/describe.ts";
import { ask, askWhoami, connectAs, describeProbe, describeWhoami, disconnectedWithin, probeSocket, type Socket } from "../kit/sockets.ts";
import { freshUser, isUser } from "./fresh.ts";
import type { BatteryItem } from "./item.ts";

const ACK_MS = 2000;
/** How long the server is given to end the sockets of a session it just logged out. */
const DISCONNECT_MS = 500;

const endsSockets: BatteryItem = {
  id: "lifecycle.logout-ends-sockets",
  tries: "a logout while the session has tabs open: one whose socket never emitted, one that did, and one whose handshake was in flight",
  from: 11,
  async run(ctx) {
    const user = await freshUser(ctx, "leaving");
    const sockets: Socket[] = [];
    const inflight = new PollingTab(ctx, true, user.cookie);
    try {
      const quiet = await connectAs(ctx, { cookie: user.cookie, direct: true });
      sockets.push(quiet);
      const busy = await connectAs(ctx, { cookie: user.cookie, direct: true });
      sockets.push(busy);
      const before = await askWhoami(busy, ACK_MS);
      if (!isUser(before.me, user)) return { fault: "NO_DECISION", seen: [`"${user.name}" logged in from Node; a socket with its cookie, before the logout: ${describeWhoami(before, ACK_MS)}`] };
      // A tab whose Engine.IO handshake loaded the session, and whose Socket.IO connect comes after the logout.
      await inflight.handshake();
      const seen = [
        `"${user.name}" logged in from Node, with three tabs: a socket that never emits, one that asked whoami (→ "${user.name}"), and one whose handshake (${inflight.describe()}) is done but not yet its Socket.IO connect`,
      ];
      const out = await logOut(ctx, user.cookie);
      seen.push(`then, with its cookie, ${out.line}`);
      if (out.status === undefined || out.status >= 300) return { fault: "NO_DECISION", seen };

      const gone = await disconnectedWithin(quiet, DISCONNECT_MS);
      if (!gone) {
        return { fault: "SOCKET_OUTLIVES_LOGOUT", seen: [...seen, `the socket that never emitted was still connected ${DISCONNECT_MS} ms after the logout: whatever the server sends "${user.name}" still reaches it`] };
      }
      seen.push(`the socket that never emitted was disconnected (${gone})`);
      const after = await askWhoami(busy, ACK_MS);
      seen.push(`the socket that had asked whoami, after the logout: ${describeWhoami(after, ACK_MS)}`);
      if (isUser(after.me, user) || (!after.gone && !after.me)) return { fault: "SOCKET_OUTLIVES_LOGOUT", seen };

      const joined = await inflight.join(ACK_MS);
      const answer = joined?.connected ? await inflight.ask("whoami", ACK_MS) : undefined;
      seen.push(
        `the tab whose handshake was in flight, joining Socket.IO after the logout: ${joined === undefined ? "no answer" : joined.connected ? `connected; whoami → ${JSON.stringify(answer ?? null)}` : `refused (${joined.refused})`}`,
      );
      if (isUser(answer as { user?: unknown } | undefined, user)) return { fault: "SOCKET_OUTLIVES_LOGOUT", seen: [...seen, "its handshake loaded the session before the logout, and the app let that copy act as the user"] };
      return undefined;
    } finally {
      for (const socket of sockets) socket.disconnect();
      inflight.close();
    }
  },
};

const oldCookie: BatteryItem = {
  id: "lifecycle.old-cookie",
  tries: "the logged-out session's cookie: a poll held open across the logout, a new socket with it, a poll with it, and a socket that emits after the logout; none may act as the user or bring the session back",
  async run(ctx) {
    const user = await freshUser(ctx, "gone");
    const lingering = await connectAs(ctx, { cookie: user.cookie, direct: true }).catch(() => undefined);
    const poller = new PollingTab(ctx, true, user.cookie);
    // A tab that long-polls (a proxy that blocks WebSocket): its poll waits, its session loaded, across the logout.
    const holder = new PollingTab(ctx, true, user.cookie);
    try {
      const joined = await holder.handshake().then(() => holder.join(ACK_MS)).catch(() => undefined);
      const held = joined?.connected ? holder.poll() : undefined;
      if (held) {
        await held.sent;
        await me(ctx, user.cookie); // answered after the server loaded the session for the waiting poll
      }
      const out = await logOut(ctx, user.cookie);
      const seen = [`"${user.name}" logged in from Node${held ? `, with a long-polling tab whose poll waits (${holder.describe()})` : ""}, then logged out: ${out.line}`];
      if (out.status === undefined || out.status >= 300) return { fault: "NO_DECISION", seen };
      if (held) {
        // The tab asks whoami: the answer ends the waiting poll, if the logout has not ended it already.
        void holder.post(`420${JSON.stringify(["whoami"])}`).body.catch(() => {});
        const ended = await within(held.body, ACK_MS);
        const back = await me(ctx, user.cookie);
        seen.push(`the tab's poll, open since before the logout, ended → ${ended === undefined ? `no answer within ${ACK_MS / 1000} s` : short(ended, 60) || "(empty)"}; then, with the old cookie, ${back.line}`);
        if (isUser(back, user)) return { fault: "LOGOUT_UNDONE", seen: [...seen, "the poll loaded the session before the logout and, as it ended, saved that copy back"] };
      }
      const fresh = await probeSocket(ctx, { cookie: user.cookie, direct: true });
      seen.push(`a new socket with the old cookie: ${describeProbe(fresh)}`);
      if (isUser(fresh.whoami, user)) return { fault: "LOGOUT_KEEPS_SESSION", seen: [...seen, "the logged-out cookie still opens a socket as the user"] };
      // Activity with the old cookie after the logout: a socket that was open emits, a tab long-polls.
      if (lingering?.connected) {
        const asked = await ask(lingering, ACK_MS, "whoami");
        seen.push(`a socket opened before the logout asks whoami after it → ${asked.answer !== undefined ? JSON.stringify(asked.answer) : asked.gone ? `disconnected (${asked.gone})` : "no answer"}`);
      }
      const polled = await poller.handshake().then(() => poller.join(ACK_MS)).catch((err: Error) => ({ connected: false as const, refused: err.message }));
      seen.push(`a long-polling tab with the old cookie: ${polled === undefined ? "no answer" : polled.connected ? "connected" : `refused (${polled.refused})`}`);
      const http = await me(ctx, user.cookie);
      seen.push(`then, with the old cookie, ${http.line}`);
      if (isUser(http, user)) return { fault: "LOGOUT_UNDONE", seen: [...seen, "a request made with the old cookie after the logout brought the session back"] };
      return undefined;
    } finally {
      lingering?.disconnect();
      poller.close();
      holder.close();
    }
  },
};

const reload: BatteryItem = {
  id: "lifecycle.reload",
  tries: "a reload, and a new tab, after login: the page's socket is the user at once",
  lacks: (ctx) =>
    reloadedAfterLogin(ctx) ? "the page reloads itself after login: the standard check already saw the reloaded page's socket act as the user" : undefined,
  async run(ctx) {
    const http = await me(ctx, ctx.cookie);
    if (http.user !== ctx.username) return undefined; // the lesson's own check ended the browser's session: nothing to reload into
    for (const how of ["a reload of the page", "the page opened in a new tab"] as const) {
      const reloaded = how === "a reload of the page";
      const page = reloaded ? ctx.page : await ctx.context.newPage();
      // A new tab's traffic is its own: it gets a wire of its own.
      const wire = reloaded ? ctx.wire : new Wire(ctx.apiUrl, undefined, ctx.wire.pageOrigin);
      const detach = reloaded ? () => {} : wire.attach(page);
      const since = wire.nextSeq();
      try {
        if (reloaded) await page.reload({ waitUntil: "domcontentloaded" });
        else await page.goto(ctx.pageUrl, { waitUntil: "domcontentloaded" });
        // The panel asks whoami as soon as its socket connects.
        const answer = await wire.until(() => wire.packets.find((p) => p.seq > since && p.dir === "received" && p.packet.kind === "ack"), ACK_MS * 2);
        const me = answer?.packet.kind === "ack" ? (answer.packet.args[0] as { user?: unknown } | undefined) : undefined;
        if (me?.user !== ctx.username) {
          return {
            fault: "RELOAD_LOSES_SOCKET",
            seen: [
              `the browser is logged in as "${ctx.username}" (${http.line})`,
              `after ${how}, the page's socket ${answer ? `answered whoami → ${JSON.stringify(me ?? null)}` : `did not answer a whoami within ${(ACK_MS * 2) / 1000} s: it did not connect`}`,
            ],
          };
        }
      } finally {
        detach();
        if (!reloaded) await page.close().catch(() => {});
      }
    }
    return undefined;
  },
};

export const LIFECYCLE: BatteryItem[] = [reload, oldCookie, endsSockets];
export type { CheckContext, Finding };
