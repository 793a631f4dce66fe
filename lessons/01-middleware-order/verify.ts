// The standard check (verify/scenario.ts + verify/diagnose.ts): after logging in on the page, the
// connect.sid cookie, GET /me and the socket's whoami answer must name the same session with the
// same user. Then the app's other session route: POST /logout with that cookie must end the session
// (session middleware added to some routes only leaves /logout without req.session).
import { defineCheck, fetchApi, type Finding } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    const printed = ctx.serverOutput().length;
    const logout = await fetchApi(ctx.apiUrl, "/logout", { method: "POST", cookie: ctx.cookie }).catch((err: Error) => err);
    // A route that never answers (`req.session?.destroy(...)` without a session) is a failed logout too.
    if (logout instanceof Error) return { fault: "LOGOUT_FAILED", seen: [`POST /logout with the session's cookie → ${logout.name === "TimeoutError" ? "no answer within 3 s" : `failed: ${logout.message}`}`] };
    const seen = [`POST /logout with the session's cookie → ${logout.status}`];
    if (logout.status < 200 || logout.status >= 300) {
      // The server prints its error on stderr, which may arrive a moment after the answer.
      for (let waited = 0; waited < 500 && !/Error\b/.test(ctx.serverOutput().slice(printed)); waited += 25) await sleep(25);
      const lines = ctx.serverOutput().slice(printed).split("\n");
      const error = lines.find((line) => /Error\b/.test(line));
      const where = lines.find((line) => /\bat .*server\.ts:\d+/.test(line));
      if (error) seen.push(`the server printed: ${error.trim()}${where ? ` (${where.trim().replace(`${process.cwd()}/`, "")})` : ""}`);
      return { fault: "LOGOUT_FAILED", seen };
    }
    const me = await fetchApi(ctx.apiUrl, "/me", { cookie: ctx.cookie }).catch((err: Error) => err);
    if (me instanceof Error) return { fault: "NO_DECISION", seen: [...seen, `GET /me failed: ${me.message}`] };
    seen.push(`then GET /me with the same cookie → ${me.body.trim().slice(0, 120)}`);
    if ((me.json as { user?: string | null } | undefined)?.user === ctx.username) return { fault: "LOGOUT_FAILED", seen };
    return undefined;
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
