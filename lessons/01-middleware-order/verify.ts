// The standard check (the page logs in; the connect.sid cookie, GET /me and the socket's whoami
// must name the same session and user), then the app's other session route: POST /logout with
// that cookie must end the session. Session middleware added to some routes only leaves /logout
// without req.session.
import { defineCheck, logOut, me, serverLog } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx) {
    const log = serverLog(ctx);
    const logout = await logOut(ctx, ctx.cookie);
    const seen = [`${logout.line} (with the session's cookie)`];
    // A route that never answers (`req.session?.destroy(...)` without a session) is a failed logout too.
    if (logout.status === undefined) return { fault: "LOGOUT_FAILED", seen };
    if (logout.status < 200 || logout.status >= 300) {
      // The server prints its error on stderr, which may arrive a moment after the answer.
      const error = await log.waitFor(/Error\b/, 500);
      const where = log.lines().find((line) => /\bat .*server\.ts:\d+/.test(line));
      if (error) seen.push(`the server printed: ${error}${where ? ` (${where})` : ""}`);
      return { fault: "LOGOUT_FAILED", seen };
    }
    const after = await me(ctx, ctx.cookie).catch((err: Error) => err);
    if (after instanceof Error) return { fault: "NO_DECISION", seen: [...seen, `GET /me failed: ${after.message}`] };
    seen.push(`then, with the same cookie, ${after.line}`);
    return after.user === ctx.username ? { fault: "LOGOUT_FAILED", seen } : undefined;
  },
});
