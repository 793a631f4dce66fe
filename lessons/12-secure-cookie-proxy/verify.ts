// Standard check, run the way the app runs in production: the page and the checks talk to a proxy
// that terminates TLS and forwards plain HTTP with X-Forwarded-Proto: https (lessons/manifest.ts,
// behindTlsProxy). Then the session cookie must keep its Secure flag: a fix that drops it would
// send the session over plain HTTP wherever the site is reached without TLS.
import { defineCheck } from "#verify";

const PROXY = "the requests went through a proxy that terminates TLS; it forwards them to the server as plain HTTP with X-Forwarded-Proto: https";

export default defineCheck({
  refine(finding, obs) {
    if (finding.fault !== "SESSION_COOKIE_MISSING" || obs.login?.status !== 200) return finding;
    if (obs.login.responseHeaders?.["set-cookie"]) return finding;
    return { fault: "SECURE_COOKIE_WITHHELD", seen: [...finding.seen, PROXY] };
  },

  async extra(ctx) {
    const cookie = ctx.obs.cookie!;
    if (cookie.secure) return undefined;
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
