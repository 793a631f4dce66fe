// Standard check (verify/scenario.ts + verify/diagnose.ts): after logging in on the page, the
// connect.sid cookie, GET /me and the socket's whoami answer must name the same session with the
// same user. The app's API stays under /api, as the README asks: moving it to / would make the
// cookie's Path problem disappear without solving it. And the cookie stays on /api, as the
// server's comment asks: a Path of / would send the session to the health check and every static
// file; the health check itself still answers.
import { defineCheck, fetchApi, pathMatches, type Finding } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    const login = ctx.obs.login;
    if (login && !login.url.pathname.startsWith("/api/")) {
      return { fault: "API_ROUTES_MOVED", seen: [`the page logged in with POST ${login.url.pathname}, outside /api`] };
    }
    const path = ctx.obs.cookie?.path;
    if (path !== undefined && pathMatches(path, "/health")) {
      return { fault: "COOKIE_SENT_BEYOND_API", seen: [`the browser holds connect.sid with Path=${path}: it sends the session with GET /health, and with any static file on the host`] };
    }
    const health = await fetchApi(ctx.apiUrl, "/health");
    if (health.status !== 200 || (health.json as { ok?: unknown } | undefined)?.ok !== true) {
      return { fault: "HEALTH_CHECK_BROKEN", seen: [`GET /health → ${health.status} ${health.body.trim().slice(0, 80)}`] };
    }
    return undefined;
  },
});
