// Standard check, run the way the app runs in production: the page and the checks talk to a proxy
// that terminates TLS and forwards plain HTTP with X-Forwarded-Proto: https (lesson.ts: needs a
// tlsProxy). Then the session cookie must keep its Secure flag: a fix that drops it would
// send the session over plain HTTP wherever the site is reached without TLS. And the app must still
// tell HTTPS from HTTP by the proxy's word: a login the proxy forwards as plain HTTP
// (X-Forwarded-Proto: http) must not get the Secure cookie, as it would if `req.secure` were forced.
import { randomBytes } from "node:crypto";
import { defineCheck, fetchApi } from "#verify";
import lesson from "./lesson.ts";

const PROXY = "the requests went through a proxy that terminates TLS; it forwards them to the server as plain HTTP with X-Forwarded-Proto: https";

export default defineCheck(lesson, {
  refine(finding, obs) {
    if (finding.fault !== "SESSION_COOKIE_MISSING" || obs.login?.status !== 200) return finding;
    if (obs.login.responseHeaders?.["set-cookie"]) return finding;
    return { fault: "SECURE_COOKIE_WITHHELD", seen: [...finding.seen, PROXY] };
  },

  async extra(ctx) {
    const cookie = ctx.obs.cookie!;
    if (cookie.secure) {
      const res = await fetchApi(ctx.serverUrl, "/login", {
        method: "POST",
        headers: { "x-forwarded-proto": "http" },
        body: { username: `plain-${randomBytes(3).toString("hex")}` },
      });
      const secureCookie = res.headers.getSetCookie().find((c) => c.startsWith("connect.sid=") && /;\s*secure/i.test(c));
      if (!secureCookie) return undefined;
      return {
        fault: "PLAIN_HTTP_TREATED_AS_SECURE",
        seen: [
          "a login forwarded by the proxy as plain HTTP (sent to the server with X-Forwarded-Proto: http)",
          `was answered with the Secure session cookie: Set-Cookie: ${secureCookie.slice(0, 40)}…${secureCookie.slice(secureCookie.indexOf(";"))}`,
        ],
      };
    }
    return {
      fault: "SESSION_COOKIE_NOT_SECURE",
      seen: [
        `the login answered Set-Cookie: ${String(ctx.obs.login?.responseHeaders?.["set-cookie"] ?? "").slice(0, 160)}`,
        `the browser holds connect.sid without the Secure flag (httpOnly ${cookie.httpOnly}, sameSite ${cookie.sameSite})`,
        PROXY,
      ],
    };
  },
});
