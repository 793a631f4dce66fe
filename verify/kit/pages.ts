// Pages the app did not write, opened in the logged-in browser: an attacker's page on another
// origin of the same site, as a sibling subdomain would be (a browser sends the API's cookies with
// its requests, and CORS decides only what it may read). It speaks Socket.IO by hand (Engine.IO v4
// and Socket.IO v5 framing), so it needs nothing from the app.
import { createServer } from "node:http";
import { freePort } from "../app/ports.ts";
import type { CheckContext } from "./check.ts";

export interface ServedPage {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves one HTML page from a port of its own on localhost: another origin than the lesson's page
 * and API, but the same site. The caller must close() it.
 */
export async function servePage(html: string): Promise<ServedPage> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(html);
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps its connection alive otherwise
      }),
  };
}

export interface Attempt {
  /** What the server answered to whoami, if it did. */
  answer?: { sessionId?: string | null; user?: string | null };
  /** How the attempt ended without an answer. */
  refused?: string;
}

// Runs in the attacker's page. SOCKET_URL is set before it.
const ATTACK = String.raw`
const endpoint = SOCKET_URL + "?EIO=4&transport=";
window.viaWebSocket = () => new Promise((resolve) => {
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
window.viaPolling = async () => {
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
`;

export interface HostilePage {
  url: string;
  origin: string;
  /** The Socket.IO URL it connects to: the app's API and Socket.IO path. */
  socketUrl: string;
  /** Opens a Socket.IO connection to the app by hand over that transport, and asks whoami. */
  connect(transport: "websocket" | "polling"): Promise<Attempt>;
  close(): Promise<void>;
}

/**
 * An attacker's page on another origin of the same site, opened in the browser that is logged in
 * to the app. The caller must close() it.
 */
export async function hostilePage(ctx: CheckContext): Promise<HostilePage> {
  const socketUrl = `${ctx.apiUrl}${ctx.socketPath}`;
  const served = await servePage(`<!doctype html><title>Win a prize</title><script>const SOCKET_URL = ${JSON.stringify(socketUrl)};${ATTACK}</script>`);
  const page = await ctx.context.newPage();
  try {
    await page.goto(served.url);
  } catch (err) {
    await page.close().catch(() => {});
    await served.close();
    throw err;
  }
  return {
    url: served.url,
    origin: new URL(served.url).origin,
    socketUrl,
    connect: (transport) =>
      page.evaluate((how) => (window as unknown as Record<string, () => Promise<Attempt>>)[how === "websocket" ? "viaWebSocket" : "viaPolling"]!(), transport),
    close: async () => {
      await page.close().catch(() => {});
      await served.close();
    },
  };
}
