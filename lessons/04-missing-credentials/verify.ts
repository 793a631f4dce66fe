// The standard check, then the page opens a long-polling handshake of its own, with credentials, as
// socket.io-client does by default and falls back to where WebSockets are blocked: the server's
// CORS must let the page read it. A client switched to WebSocket-only skips that transport and
// would leave the server's CORS as broken as before. And only the page's origin may read it with
// the user's cookie: `origin: true` reflects any Origin, so any site could.
import { defineCheck, fetchApi, fetchFromPage, handshakeUrl } from "#verify";
import lesson from "./lesson.ts";

const STRANGER = "https://elsewhere.example";

export default defineCheck(lesson, {
  async extra(ctx) {
    const handshake = handshakeUrl(ctx);
    const fromPage = await fetchFromPage(ctx, handshake);
    if (!fromPage.startsWith("answered 200")) {
      return {
        fault: "CORS_CREDENTIALS_MISSING",
        seen: [
          ...(ctx.wire.handshakes.every((h) => h.transport === "websocket") ? ["the page's socket connected over WebSocket only, where CORS does not apply"] : []),
          `a long-polling handshake from the page, with credentials (Socket.IO's default transport and its fallback): GET ${handshake} → ${fromPage}`,
        ],
      };
    }
    const stranger = await fetchApi(ctx, handshake.slice(ctx.apiUrl.length), { cookie: ctx.cookie, headers: { origin: STRANGER } });
    const allowed = stranger.headers.get("access-control-allow-origin");
    if ((allowed !== STRANGER && allowed !== "*") || stranger.headers.get("access-control-allow-credentials") !== "true") return undefined;
    return {
      fault: "CORS_ANY_ORIGIN",
      seen: [
        `a long-polling handshake with Origin: ${STRANGER} and the user's cookie → ${stranger.status} with Access-Control-Allow-Origin: ${allowed}, Access-Control-Allow-Credentials: true`,
        "a page on any site the user visits could read Socket.IO's answers in the user's session",
      ],
    };
  },
});
