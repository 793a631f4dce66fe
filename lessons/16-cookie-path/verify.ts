// Standard check (verify/scenario.ts + verify/diagnose.ts): after logging in on the page, the
// connect.sid cookie, GET /me and the socket's whoami answer must name the same session with the
// same user. The app's API stays under /api, as the README asks: moving it to / would make the
// cookie's Path problem disappear without solving it.
import { defineCheck, type Finding } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    const login = ctx.obs.login;
    if (!login || login.url.pathname.startsWith("/api/")) return undefined;
    return { fault: "API_ROUTES_MOVED", seen: [`the page logged in with POST ${login.url.pathname}, outside /api`] };
  },
});
