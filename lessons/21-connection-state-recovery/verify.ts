// The standard check; the page's own notifications, and the page reloaded while logged in; then
// three short network drops of another tab of the user (a long-polling
// tab that drops its connection and comes back as socket.io-client does, asking to be recovered):
// 1. the user stays logged in: a notification pushed while the tab was down must reach it when it
//    comes back, and it is still the user (the app promises its users miss nothing after a blip);
// 2. the user logs out on the page while the tab is down: the tab comes back with the browser's
//    cookie, and must not be the user again, nor get the notification it missed, nor the ones the
//    user's other session (her phone) pushes afterwards;
// 3. the same, but another user logs in in that browser before the tab comes back: it must not
//    come back as the previous user in the new user's browser.
import { randomBytes } from "node:crypto";
import {
  browserCookie,
  defineCheck,
  describeComeBack,
  describeIdentity,
  eventReceived,
  fetchApi,
  type Identity,
  logIn,
  logOut,
  logOutOnPage,
  mark,
  me,
  pageRequest,
  pageShows,
  pageSocketAfter,
  press,
  RecoveringTab,
  type Finding,
} from "#verify";
import lesson from "./lesson.ts";

const MS = 3000;
/** How long the first blip lasts: a recovery window shorter than a real hiccup recovers nobody. */
const BLIP_MS = 1000;

export default defineCheck(lesson, {
  async extra(ctx) {
    const tabs: RecoveringTab[] = [];
    const marker = (what: string) => `${what} ${randomBytes(3).toString("hex")}`;
    const notify = (cookie: string, text: string) => fetchApi(ctx, `${ctx.routePrefix}/notify`, { method: "POST", cookie, body: { text } });
    const isText = (text: string) => (arg: unknown) => (arg as { text?: unknown } | null)?.text === text;

    // A tab of `cookie`'s session that has received a notification (so that it can ask for
    // recovery, as socket.io-client can only after an event), then drops its connection; `during`
    // is pushed to the user while it is down.
    const droppedTab = async (cookie: string, who: string, seen: string[]): Promise<{ tab: RecoveringTab; during: string } | Finding> => {
      const tab = new RecoveringTab(ctx, cookie);
      tabs.push(tab);
      const opened = await tab.open(MS).catch((err: Error) => err);
      if (opened instanceof Error || !opened?.connected) {
        const why = opened instanceof Error ? opened.message : opened ? `connect_error ${opened.refused}` : `no answer within ${MS / 1000} s`;
        return { fault: "SOCKET_REJECTED", seen: [...seen, `a long-polling tab with ${who}'s connect.sid could not connect: ${why}`] };
      }
      const first = marker("before the drop");
      const pushed = await notify(cookie, first);
      if (pushed.status >= 300) return { fault: "NO_DECISION", seen: [...seen, `POST /notify with ${who}'s cookie → ${pushed.status}`] };
      if (!(await tab.event("notification", isText(first), MS))) {
        return { fault: "NOTIFICATION_MISSED", seen: [...seen, `a tab of ${who}, connected: POST /notify → ${pushed.status}, and no notification reached it within ${MS / 1000} s`] };
      }
      await tab.drop();
      const during = marker("while the tab was down");
      const missed = await notify(cookie, during);
      seen.push(
        `another tab of ${who} (a Socket.IO client on long-polling) connected and received a notification; then its connection dropped`,
        `while it was down, POST /notify with ${who}'s cookie → ${missed.status} pushed "${during}"`,
      );
      return { tab, during };
    };

    // After a logout: the tab that comes back must not be the user, nor get what was meant for them.
    const notTheUserAgain = async (tab: RecoveringTab, during: string, cookie: string | undefined, phone: string, seen: string[]): Promise<Finding | undefined> => {
      const back = await tab.comeBack(cookie, MS);
      seen.push(`the tab came back ${cookie ? "with the browser's connect.sid" : "with no cookie (the browser holds none)"} and asked to be recovered: ${describeComeBack(back, MS)}`);
      const replayed = tab.events("notification").some((args) => isText(during)(args[0]));
      if (back.joined?.connected) {
        const who = await tab.ask("whoami", MS);
        const answer = who && who !== "disconnected" ? (who.answer as { user?: unknown } | undefined) : undefined;
        seen.push(`the tab asked whoami → ${who === "disconnected" ? "disconnected by the server" : who ? describeIdentity(who.answer as Identity) : `no answer within ${MS / 1000} s`}`);
        if (answer?.user === ctx.username) return { fault: "RECOVERED_AFTER_LOGOUT", seen: replayed ? [...seen, `and it received "${during}", meant for "${ctx.username}"`] : seen };
        if (who !== "disconnected") {
          // Still connected: what "${ctx.username}" is sent from now on must not reach it.
          const later = marker("after the logout");
          await notify(phone, later);
          await tab.ask("whoami", MS); // packets on one connection arrive in order: a push comes before this answer
          if (tab.events("notification").some((args) => isText(later)(args[0]))) {
            return { fault: "RECOVERED_AFTER_LOGOUT", seen: [...seen, `"${ctx.username}", logged in on another device, pushed "${later}": it reached this tab, which is still in the user's room`] };
          }
        }
      }
      if (replayed) return { fault: "MISSED_EVENTS_REPLAYED_AFTER_LOGOUT", seen: [...seen, `before its answer, the server sent the tab "${during}", the notification meant for "${ctx.username}" it had missed`] };
      if (!back.joined) return { fault: "NO_DECISION", seen };
      return undefined;
    };

    try {
      // 0. The page itself, as its user uses it: "Notify me" shows a notification in its list; and
      //    reloaded while logged in (a refresh, a second tab), it connects its socket again.
      const pressed = mark(ctx);
      await press(ctx, "notify");
      const request = await pageRequest(ctx, "/notify", pressed, MS);
      const arrived = await eventReceived(ctx, "notification", pressed, MS);
      const text = arrived?.packet.kind === "event" ? (arrived.packet.args[0] as { text?: unknown } | undefined)?.text : undefined;
      const shown = typeof text === "string" && text.trim() !== "" && (await pageShows(ctx, text, MS));
      const page = [
        `the page's "Notify me" button: ${request ? `${request.method} ${request.url.pathname} → ${request.status ?? request.failure}` : `no request to /notify within ${MS / 1000} s`}; ${
          arrived ? `the page's socket received a notification ${JSON.stringify(text ?? null)}` : "no notification reached the page's socket"
        }; the page ${shown ? "shows it" : "does not show it"}`,
      ];
      if (!shown) return { fault: "PAGE_NOTIFICATIONS_BROKEN", seen: page };
      // Somebody who is not logged in cannot push one.
      const stranger = await fetchApi(ctx, `${ctx.routePrefix}/notify`, { method: "POST", body: { text: marker("from nobody") } });
      if (stranger.status < 400 || stranger.status >= 500) {
        return { fault: "NOTIFY_WITHOUT_LOGIN", seen: [...page, `POST /notify with no cookie → ${stranger.status}; a request from nobody must be refused (4xx)`] };
      }
      const reloaded = mark(ctx);
      await ctx.page.reload({ waitUntil: "domcontentloaded", timeout: MS }).catch(() => {});
      const socket = await pageSocketAfter(ctx, reloaded, MS);
      page.push(`the page reloaded while logged in: its socket ${socket ? (socket.kind === "answered" ? `connected and answered whoami → ${describeIdentity(socket.me as Identity)}` : socket.kind) : `did not connect within ${MS / 1000} s`}`);
      if (socket?.kind !== "answered" || socket.me.user !== ctx.username) return { fault: "RELOAD_LEAVES_SOCKET_CLOSED", seen: page };

      // 1. A blip while logged in (a second of it, as a network hiccup lasts): nothing is missed,
      //    and the tab is still the user.
      const blip: string[] = [...page];
      const a = await droppedTab(ctx.cookie, `"${ctx.username}"`, blip);
      if ("fault" in a) return a;
      await new Promise((resolve) => setTimeout(resolve, BLIP_MS));
      blip.push(`the tab stayed down ${BLIP_MS / 1000} s`);
      const back = await a.tab.comeBack(ctx.cookie, MS);
      blip.push(`the tab came back with the same connect.sid and asked to be recovered: ${describeComeBack(back, MS)}`);
      if (!back.joined?.connected) return { fault: "BLIP_NOT_RECOVERED", seen: blip };
      const got = await a.tab.event("notification", isText(a.during), back.recovered ? MS : 0);
      const who = await a.tab.ask("whoami", MS);
      blip.push(`then it asked whoami → ${who === "disconnected" ? "disconnected by the server" : who ? describeIdentity(who.answer as Identity) : `no answer within ${MS / 1000} s`}`);
      if (!got) return { fault: "BLIP_NOT_RECOVERED", seen: [...blip, `"${a.during}", pushed while it was down, never reached it`] };
      if (!who || who === "disconnected" || (who.answer as { user?: unknown } | undefined)?.user !== ctx.username) return { fault: "BLIP_NOT_RECOVERED", seen: blip };

      // 2. The user logs out on the page while the tab is down. Her phone stays logged in.
      const phone = await logIn(ctx, ctx.username);
      if (!phone.cookie) return { fault: "NO_DECISION", seen: [`"${ctx.username}" logging in again from Node (her phone): ${phone.line}`] };
      const out: string[] = [];
      const b = await droppedTab(ctx.cookie, `"${ctx.username}"`, out);
      if ("fault" in b) return b;
      const logout = await logOutOnPage(ctx);
      out.push(`${logout.seen} (the page's own socket was connected; only the other tab was down)`);
      if (!logout.status || logout.status >= 300) return { fault: "NO_DECISION", seen: out };
      const after = await me(ctx, ctx.cookie);
      if (after.user === ctx.username) return { fault: "LOGOUT_KEEPS_SESSION", seen: [...out, `HTTP, with the same connect.sid: ${after.line}`] };
      const loggedOut = await notTheUserAgain(b.tab, b.during, await browserCookie(ctx), phone.cookie, out);
      if (loggedOut) return loggedOut;

      // 3. Logged out while the tab is down, then another user logs in in that browser.
      const again = await logIn(ctx, ctx.username);
      if (!again.cookie) return { fault: "NO_DECISION", seen: [`"${ctx.username}" logging in from Node: ${again.line}`] };
      const other: string[] = [];
      const c = await droppedTab(again.cookie, `"${ctx.username}" (logged in again)`, other);
      if ("fault" in c) return c;
      const left = await logOut(ctx, again.cookie);
      const next = await logIn(ctx, `next-${randomBytes(3).toString("hex")}`, again.cookie);
      other.push(`"${ctx.username}" logged out (${left.line}), and "${next.name}" logged in in the same browser (${next.line})`);
      return await notTheUserAgain(c.tab, c.during, next.cookie, phone.cookie, other);
    } finally {
      for (const tab of tabs) tab.close();
    }
  },
});
