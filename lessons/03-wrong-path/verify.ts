// The standard check (after logging in on the page, the connect.sid cookie, GET /me and the
// socket's whoami answer must name the same session and user), then the app's own rule: in
// production a reverse proxy forwards only /api/* to this server (server.ts says so), so
// Socket.IO must stay under /api. Moving both sides back to the default /socket.io/ path passes
// here and breaks the app behind its proxy.
import { defineCheck } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx) {
    if (ctx.socketPath.startsWith("/api/")) return undefined;
    return {
      fault: "SOCKET_PATH_OUTSIDE_API",
      seen: [`the page's socket connected at ${ctx.socketPath}, outside /api`, "in production the reverse proxy forwards only /api/* to this server (server.ts): that path never reaches it"],
    };
  },
});
