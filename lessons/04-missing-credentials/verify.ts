// Standard check (verify/scenario.ts + verify/diagnose.ts): after logging in on the page, the
// connect.sid cookie, GET /me and the socket's whoami answer must name the same session with the
// same user. Then the page opens a long-polling handshake of its own, with credentials, as
// socket.io-client does by default and falls back to where WebSockets are blocked: the server's
// CORS must let the page read it. A client switched to WebSocket-only skips that transport and
// would leave the server's CORS as broken as before.
import { defineCheck, type Finding } from "#verify";

export default defineCheck({
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
    if (result.startsWith("answered 200")) return undefined;
    return {
      fault: "CORS_CREDENTIALS_MISSING",
      seen: [
        ...(ctx.wire.handshakes.every((h) => h.transport === "websocket") ? ["the page's socket connected over WebSocket only, where CORS does not apply"] : []),
        `a long-polling handshake from the page, with credentials (Socket.IO's default transport and its fallback): GET ${url} → ${result}`,
      ],
    };
  },
});
