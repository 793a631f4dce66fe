// Standard check (verify/scenario.ts + verify/diagnose.ts): after logging in on the page, the
// connect.sid cookie, GET /me and the socket's whoami answer must name the same session with the
// same user. Then the page opens a long-polling handshake of its own, with credentials, as
// socket.io-client does by default and falls back to where WebSockets are blocked: the server's
// CORS must let the page read it. A client switched to WebSocket-only skips that transport and
// would leave the server's CORS as broken as before. And only the page's origin may read it with
// the user's cookie: `origin: true` reflects any Origin, so any site could.
import { defineCheck, type Finding } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    const used = ctx.wire.handshakes.map((h) => h.http?.url ?? h.wsUrl).find(Boolean);
    const url = `${ctx.apiUrl}${used?.pathname ?? "/socket.io/"}?EIO=4&transport=polling`;
    const result = await ctx.page
      .evaluate(async (handshake) => {
        try {
          const res = await fetch(handshake, { credentials: "include", signal: AbortSignal.timeout(3000) });
          return `answered ${res.status}: ${(await res.text()).slice(0, 40)}`;
        } catch (err) {
          return `blocked (${(err as Error).message})`;
        }
      }, url)
      .catch((err: Error) => `not sent (${err.message.split("\n")[0]})`);
    if (result.startsWith("answered 200")) {
      const stranger = "https://elsewhere.example";
      const res = await fetch(url.replace("localhost", "127.0.0.1"), { headers: { origin: stranger, cookie: `connect.sid=${ctx.cookie}` }, signal: AbortSignal.timeout(3000) });
      const allowed = res.headers.get("access-control-allow-origin");
      await res.body?.cancel();
      if ((allowed === stranger || allowed === "*") && res.headers.get("access-control-allow-credentials") === "true") {
        return {
          fault: "CORS_ANY_ORIGIN",
          seen: [
            `a long-polling handshake with Origin: ${stranger} and the user's cookie → ${res.status} with Access-Control-Allow-Origin: ${allowed}, Access-Control-Allow-Credentials: true`,
            "a page on any site the user visits could read Socket.IO's answers in the user's session",
          ],
        };
      }
      return undefined;
    }
    return {
      fault: "CORS_CREDENTIALS_MISSING",
      seen: [
        ...(ctx.wire.handshakes.every((h) => h.transport === "websocket") ? ["the page's socket connected over WebSocket only, where CORS does not apply"] : []),
        `a long-polling handshake from the page, with credentials (Socket.IO's default transport and its fallback): GET ${url} → ${result}`,
      ],
    };
  },
});
