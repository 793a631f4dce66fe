// The standard check, then long-polling requests held open across a login and a logout, as they
// always are while a client long-polls. The verifier holds them itself, from Node, as other tabs
// would, with the page's Origin.
//
// 1. Across a login: a visitor's session (one the app hands out before login) has a poll open;
//    the visitor logs in; the poll then ends. GET /me must still know the user: no request that
//    ended after the login may put the visitor's old copy back.
// 2. Across a logout: a tab opened before the login (its handshake carried no cookie, so its
//    socket is not in the session's room) and one opened after it, each with the browser's cookie,
//    each keeping two requests open: its poll (a GET waiting for the server) and a POST whose body
//    is still arriving (a large emit on a slow line). One GET /me answered after all were written
//    proves the server has loaded the session for them (it takes requests in the order they
//    arrive). The page logs out with the panel's button; then each POST's body completes (the tab
//    joins Socket.IO), which ends both. GET /me with the old cookie must still know nobody.
// Another user's socket, open all along, must be left alone.
import { randomBytes } from "node:crypto";
import { askWhoami, defineCheck, describeRequest, describeWhoami, fetchApi, JOIN, logIn, logOutOnPage, me, otherUser, PollingTab, sessionCookieFromHeader, within } from "#verify";
import lesson from "./lesson.ts";

const ANSWER_MS = 2000;
/** The session id inside a connect.sid value (URL-encoded or not), unverified: the standard check has verified the browser's. */
const sidOf = (cookie: string | undefined) => (cookie ? /^s:([^.]+)\./.exec(decodeURIComponent(cookie))?.[1] : undefined);
const parse = (body: string | undefined) => {
  try {
    return JSON.parse(body ?? "") as { sessionId?: string | null; user?: string | null } | undefined;
  } catch {
    return undefined;
  }
};
const shown = (body: string | undefined) => (body === undefined ? `no answer within ${ANSWER_MS / 1000} s` : body.slice(0, 80) || "(empty)");

export default defineCheck(lesson, {
  // A poll open during the page's own login can undo it the same way (saveUninitialized: true
  // makes the handshake hand out a session, which its polls then carry and save back). Which side
  // sees it first is timing: HTTP's GET /me after the login, or the socket's whoami (CI found it).
  refine(finding, obs) {
    const cookieSid = sidOf(obs.cookie?.value);
    if (!cookieSid) return finding;
    if (finding.fault === "HTTP_SESSION_MISMATCH") {
      const body = parse(obs.meAfter?.body);
      return body?.sessionId === cookieSid && !body.user ? { ...finding, fault: "LOGIN_UNDONE" } : finding;
    }
    const socket = obs.answer?.identity;
    if (finding.fault !== "SOCKET_DATA_MISSING" || socket?.sessionId !== cookieSid || socket.user) return finding;
    // Only with the wire's proof: a request of the page's socket, carrying this session, sent before
    // the login was answered and not answered before it: open across it, so it may have loaded the
    // session before the login saved it. Its answer may never reach the page (a page that reloads
    // after login aborts it), but the server ends it all the same, and saves what it loaded.
    const login = obs.login;
    const loggedIn = login?.respondedSeq;
    if (!login || loggedIn === undefined) return finding;
    // A long-poll's headers are not always read (an aborted one's never): it carried the cookie the
    // browser held when it was sent, the last connect.sid a response had set by then.
    const jarAt = (seq: number) => {
      let sid: string | undefined;
      const answered = obs.wire.http.filter((r) => r.respondedSeq !== undefined && r.respondedSeq < seq).sort((a, b) => a.respondedSeq! - b.respondedSeq!);
      for (const r of answered) {
        const set = [...(r.responseHeaders?.["set-cookie"] ?? "").matchAll(/connect\.sid=([^;\s]*)/g)].at(-1);
        if (set) sid = sidOf(set[1]);
      }
      return sid;
    };
    const carried = (r: (typeof obs.wire.http)[number]) => (Object.keys(r.requestHeaders).length ? sidOf(sessionCookieFromHeader(r.requestHeaders["cookie"])) : jarAt(r.seq));
    const across = obs.wire.http.find(
      (r) => r.url.searchParams.has("sid") && r.seq < loggedIn && (r.respondedSeq === undefined || r.respondedSeq > loggedIn) && carried(r) === cookieSid,
    );
    if (!across) return finding;
    return {
      ...finding,
      fault: "LOGIN_UNDONE",
      seen: [...finding.seen, `a request of the page's socket, ${describeRequest(across)}, carried this session, was sent before the login was answered and was still open then: it saved the session's copy from before the login`],
    };
  },

  async extra(ctx) {
    const seen: string[] = [];
    const undecided = (...more: string[]) => ({ fault: "NO_DECISION", seen: [...seen, ...more] });
    const tabs: PollingTab[] = [];
    const other = await otherUser(ctx, { origin: new URL(ctx.pageUrl).origin }).catch((err: Error) => err);
    if (other instanceof Error) return undecided(other.message);
    try {
      // 1. Across a login. Only an app that hands out sessions before login has a visitor's session to undo.
      const visit = await fetchApi(ctx, "/me");
      if (visit.sessionCookie) {
        const visitor = new PollingTab(ctx, true, visit.sessionCookie);
        tabs.push(visitor);
        await visitor.handshake();
        const poll = visitor.poll();
        await poll.sent;
        await me(ctx, visit.sessionCookie); // answered after the poll loaded the visitor's session
        const login = await logIn(ctx, `visitor-${randomBytes(3).toString("hex")}`, visit.sessionCookie);
        const join = visitor.post(JOIN);
        const [, ended] = await Promise.all([within(join.body, ANSWER_MS), within(poll.body, ANSWER_MS)]);
        const after = await me(ctx, login.cookie);
        const lines = [
          `a visitor (not logged in) got a session cookie from GET /me; a tab of theirs long-polls with it (${visitor.describe()})`,
          `while its poll waits, the visitor logs in: ${login.line}`,
          `then the poll ends (the tab joins Socket.IO) → ${shown(ended)}; HTTP, with the visitor's cookie: ${after.line}`,
        ];
        if (after.user !== login.name) return { fault: "LOGIN_UNDONE", seen: [...seen, ...lines] };
      }

      // 2. Across a logout.
      const before = new PollingTab(ctx, false);
      const later = new PollingTab(ctx, true);
      tabs.push(before, later);
      const named = new Map([
        [before, "opened before the login"],
        [later, "opened after the login"],
      ]);
      for (const tab of [before, later]) {
        const sid = await tab.handshake().catch((err: Error) => err);
        if (sid instanceof Error) return undecided(`a tab ${named.get(tab)}: its long-polling handshake failed: ${sid.message}`);
        seen.push(`a tab ${named.get(tab)}: Engine.IO handshake ${tab.describe()} → open, sid ${sid}`);
      }
      // Each tab's poll waits for the server, and a POST of each has sent half its body.
      const open = [before, later].map((tab) => ({ tab, poll: tab.poll(), post: tab.post(JOIN, 1) }));
      await Promise.all(open.flatMap(({ poll, post }) => [poll.sent, post.sent]));
      const early = new Map<PollingTab, string>();
      for (const held of open) void held.poll.body.then((text) => early.set(held.tab, text), () => {});
      const loggedIn = await me(ctx, ctx.cookie).catch((err: Error) => err);
      if (loggedIn instanceof Error) return undecided(`GET /me failed: ${loggedIn.message}`);
      if (loggedIn.user !== ctx.username) {
        // The same session without its user: an older copy was saved over the login after the page's own GET /me.
        const undone = loggedIn.user === null && loggedIn.sessionId === ctx.sessionId;
        return undone ? { fault: "LOGIN_UNDONE", seen: [...seen, `HTTP, a moment after the login: ${loggedIn.line}`] } : undecided(`HTTP before the logout: ${loggedIn.line}`);
      }
      seen.push(`both tabs, with the browser's connect.sid: a poll (GET …&sid=…) waits and a POST has sent half its body; HTTP meanwhile: ${loggedIn.line}`);

      const logout = await logOutOnPage(ctx);
      const answeredEarly = new Map(early);
      seen.push(logout.seen);
      if (!logout.status || logout.status < 200 || logout.status >= 300) return undecided();

      // The rest of each POST's body: the tab joins Socket.IO, and the server answers on its poll.
      for (const { post } of open) post.finish();
      for (const held of open) {
        const [posted, polled] = await Promise.all([within(held.post.body, ANSWER_MS), within(held.poll.body, ANSWER_MS)]).catch((err: Error) => [`failed: ${err.message}`, undefined]);
        const poll = answeredEarly.has(held.tab)
          ? `its poll had been answered by the time the logout answered → ${shown(answeredEarly.get(held.tab))}`
          : `its poll, open since before the logout, ended → ${shown(polled)}`;
        seen.push(`the tab ${named.get(held.tab)}, after the logout: the POST's body completed (40: join Socket.IO) → ${shown(posted)}; ${poll}`);
      }

      // Another user first: an app that ends everybody's connections at logout does so every time,
      // whereas whether that also undoes the logout depends on when each connection closes.
      const bystander = await askWhoami(other.socket, ANSWER_MS);
      seen.push(`another user's socket ("${other.name}"), after the logout: ${describeWhoami(bystander, ANSWER_MS)}`);
      if (bystander.me?.user !== other.name) return { fault: "LOGOUT_DISCONNECTED_OTHERS", seen };

      const after = await me(ctx, ctx.cookie).catch((err: Error) => err);
      if (after instanceof Error) return undecided(`GET /me after logout failed: ${after.message}`);
      seen.push(`HTTP, with the same connect.sid: ${after.line}`);
      if (after.user === ctx.username) return { fault: "LOGOUT_UNDONE", seen };
      return undefined;
    } finally {
      for (const tab of tabs) tab.close();
      other.socket.disconnect();
    }
  },
});
