// The standard check, then an attacker's page: served from another port of localhost (another
// origin, the same site, as a sibling subdomain would be), opened in the logged-in browser. It
// opens a Socket.IO connection to the API by hand, once WebSocket-only and once over HTTP
// long-polling, and asks whoami. The browser sends the user's cookie with both; neither may be
// answered with the user's session. A client that is not a browser (no Origin header) with the
// user's cookie must still be served: the README promises it, and an Origin allow-list that
// refuses it breaks every Node client, test and app. The app's own page must still connect over
// WebSocket: a server that turns WebSocket off is safe from this attack and no longer a realtime app.
import { defineCheck, describeProbe, hostilePage, probeSocket, type Attempt } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx) {
    const attacker = await hostilePage(ctx);
    try {
      const websocket = await attacker.connect("websocket");
      const polling = await attacker.connect("polling");
      const describe = (how: string, attempt: Attempt) =>
        `${how} from ${attacker.origin}: ${attempt.answer ? `whoami → ${JSON.stringify(attempt.answer)}` : attempt.refused}`;
      const seen = [
        `the browser is logged in as "${ctx.username}"; it opened another page, at ${attacker.url}, that connects to ${attacker.socketUrl} by itself`,
        describe("a WebSocket-only connection", websocket),
        describe("a long-polling connection", polling),
      ];
      const hijacked = [websocket, polling].some((a) => a.answer && (a.answer.user === ctx.username || a.answer.sessionId === ctx.sessionId));
      if (hijacked) return { fault: "SOCKET_ACCEPTS_OTHER_ORIGINS", seen: [...seen, "another origin's page used the user's session over Socket.IO"] };

      const node = await probeSocket(ctx, { cookie: ctx.cookie });
      const nodeLine = `a Socket.IO client from Node (no Origin header) with the user's cookie: ${describeProbe(node)}`;
      if (node.whoami?.user !== ctx.username) return { fault: "NON_BROWSER_CLIENT_REFUSED", seen: [...seen, nodeLine] };

      const own = await probeSocket(ctx, { cookie: ctx.cookie, origin: new URL(ctx.pageUrl).origin, transports: ["websocket"] });
      const ownLine = `a WebSocket-only connection from the app's own page (${new URL(ctx.pageUrl).origin}) with the user's cookie: ${describeProbe(own)}`;
      if (own.whoami?.user !== ctx.username) return { fault: "OWN_PAGE_WEBSOCKET_REFUSED", seen: [...seen, nodeLine, ownLine] };
      return undefined;
    } finally {
      await attacker.close();
    }
  },
});
