// Standard check, then an attacker's page: served from another port of localhost (another origin,
// the same site, as a sibling subdomain would be), opened in the logged-in browser. It opens a
// Socket.IO connection to the API by hand, once WebSocket-only and once over HTTP long-polling,
// and asks whoami. The browser sends the user's cookie with both; neither may be answered with
// the user's session. A client that is not a browser (no Origin header) with the user's cookie
// must still be served: the README promises it, and an Origin allow-list that refuses it breaks
// every Node client, test and app. The app's own page must still connect over WebSocket: a server
// that turns WebSocket off is safe from this attack and no longer a realtime app.
import { defineCheck, probeSocket, servePage, type Finding } from "#verify";
import lesson from "./lesson.ts";

interface Attempt {
  /** What the server answered to whoami, if it did. */
  answer?: { sessionId?: string | null; user?: string | null };
  /** How the attempt ended without an answer. */
  refused?: string;
}

// Runs in the attacker's page: Engine.IO v4 and Socket.IO v5 framing, written out by hand, so the
// page needs nothing from the app.
const ATTACK = String.raw`
const endpoint = SOCKET_URL + "?EIO=4&transport=";
const viaWebSocket = () => new Promise((resolve) => {
  const ws = new WebSocket(endpoint.replace(/^http/, "ws") + "websocket");
  let over = false;
  const done = (result) => { if (!over) { over = true; clearTimeout(timer); try { ws.close(); } catch {} resolve(result); } };
  const timer = setTimeout(() => done({ refused: "no answer within 3 s" }), 3000);
  ws.onerror = () => done({ refused: "the WebSocket handshake was refused" });
  ws.onclose = (event) => done({ refused: "the server closed the WebSocket (code " + event.code + ")" });
  ws.onmessage = ({ data }) => {
    if (data === "2") ws.send("3");
    else if (data.startsWith("0")) ws.send("40");
    else if (data.startsWith("40")) ws.send('420["whoami"]');
    else if (data.startsWith("44")) done({ refused: "connect_error " + data.slice(2) });
    else if (data.startsWith("430")) done({ answer: JSON.parse(data.slice(3))[0] });
  };
});
const viaPolling = async () => {
  const signal = AbortSignal.timeout(3000);
  const get = (url) => fetch(url, { credentials: "include", signal });
  const post = (url, body) => fetch(url, { method: "POST", body, credentials: "include", signal });
  try {
    const open = await get(endpoint + "polling");
    if (!open.ok) return { refused: "the handshake was answered " + open.status };
    const url = endpoint + "polling&sid=" + JSON.parse((await open.text()).slice(1)).sid;
    await post(url, "40");
    const connected = await (await get(url)).text();
    if (!connected.startsWith("40")) return { refused: "connect answered " + connected.slice(0, 80) };
    await post(url, '420["whoami"]');
    const packets = (await (await get(url)).text()).split("\x1e");
    const ack = packets.find((packet) => packet.startsWith("430"));
    return ack ? { answer: JSON.parse(ack.slice(3))[0] } : { refused: "no answer to whoami: " + packets.join(" ").slice(0, 80) };
  } catch (err) {
    return { refused: "the page could not read the answer (" + err.message + ": refused, or not allowed by CORS)" };
  }
};
window.attack = Promise.all([viaWebSocket(), viaPolling()]);
`;

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    // Where the page's own socket connected (whatever path the app serves Socket.IO on).
    const handshake = ctx.wire.handshakes.find((h) => h.http ?? h.wsUrl);
    const used = handshake?.http?.url ?? handshake?.wsUrl;
    const socketUrl = used ? `${ctx.apiUrl}${used.pathname}` : `${ctx.apiUrl}/socket.io/`;
    const html = `<!doctype html><title>Win a prize</title><script>const SOCKET_URL = ${JSON.stringify(socketUrl)};${ATTACK}</script>`;
    const attacker = await servePage(html);
    const page = await ctx.context.newPage();
    try {
      await page.goto(attacker.url);
      const [websocket, polling] = await page.evaluate(() => (window as unknown as { attack: Promise<[Attempt, Attempt]> }).attack);
      const describe = (how: string, attempt: Attempt) =>
        `${how} from ${new URL(attacker.url).origin}: ${attempt.answer ? `whoami → ${JSON.stringify(attempt.answer)}` : attempt.refused}`;
      const seen = [
        `the browser is logged in as "${ctx.username}"; it opened another page, at ${attacker.url}, that connects to ${socketUrl} by itself`,
        describe("a WebSocket-only connection", websocket),
        describe("a long-polling connection", polling),
      ];
      const hijacked = [websocket, polling].some((a) => a.answer && (a.answer.user === ctx.username || a.answer.sessionId === ctx.sessionId));
      if (hijacked) return { fault: "SOCKET_ACCEPTS_OTHER_ORIGINS", seen: [...seen, "another origin's page used the user's session over Socket.IO"] };

      const node = await probeSocket(ctx.apiUrl, { cookie: ctx.cookie, path: used?.pathname });
      const nodeLine = `a Socket.IO client from Node (no Origin header) with the user's cookie: ${node.whoami ? `whoami → user ${JSON.stringify(node.whoami.user)}` : `refused (${node.error ?? "no answer"})`}`;
      if (node.whoami?.user !== ctx.username) return { fault: "NON_BROWSER_CLIENT_REFUSED", seen: [...seen, nodeLine] };

      // The app's own page must keep its realtime transport: refusing WebSocket altogether (polling
      // only) also stops the attacker's WebSocket, and takes WebSocket from every user.
      const own = await probeSocket(ctx.apiUrl, { cookie: ctx.cookie, path: used?.pathname, origin: new URL(ctx.pageUrl).origin, transports: ["websocket"] });
      const ownLine = `a WebSocket-only connection from the app's own page (${new URL(ctx.pageUrl).origin}) with the user's cookie: ${own.whoami ? `whoami → user ${JSON.stringify(own.whoami.user)}` : `refused (${own.error ?? "no answer"})`}`;
      if (own.whoami?.user !== ctx.username) return { fault: "OWN_PAGE_WEBSOCKET_REFUSED", seen: [...seen, nodeLine, ownLine] };
      return undefined;
    } finally {
      await page.close().catch(() => {});
      await attacker.close();
    }
  },
});
