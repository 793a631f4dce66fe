// The standard check on the page as Vite serves it, at the address its vite.config.ts chose. A
// session cookie the browser refused because the page logged in on another site is named as such,
// and so is any failure of a page that talks to the API on another origin. Once the session works:
// every request and socket connection the page made went to the page's own origin (Vite's proxy
// passes them on), and the page's socket moved to a WebSocket there, as it does wherever the
// dev server lets WebSockets through.
import { callsElsewhere, defineCheck, loginCrossSite, pageSocketTransport } from "#verify";
import lesson from "./lesson.ts";

/** How long the page's socket is given to move from long-polling to a WebSocket (it takes milliseconds). */
const UPGRADE_MS = 5000;

/** Findings with a cause of their own, whatever origin the page calls: a page that never ran, a cookie no browser stores. */
const OWN_CAUSE = new Set(["PAGE_DID_NOT_LOAD", "CLIENT_RUNTIME_ERROR", "SAMESITE_NONE_WITHOUT_SECURE"]);

export default defineCheck(lesson, {
  refine(finding, obs) {
    const crossSite = loginCrossSite(obs);
    const refused = /^connect\.sid=/m.test(String(obs.login?.responseHeaders?.["set-cookie"] ?? ""));
    if (finding.fault === "SESSION_COOKIE_MISSING" && crossSite && refused) {
      return { fault: "CROSS_SITE_COOKIE_BLOCKED", seen: [...finding.seen, crossSite, "a cookie without SameSite=None from a cross-site fetch's answer is not stored (nor sent back)"] };
    }
    const elsewhere = callsElsewhere(obs);
    if (elsewhere.length && !OWN_CAUSE.has(finding.fault)) {
      return { fault: "NOT_ONE_ORIGIN", seen: [...finding.seen, `the page is on ${new URL(obs.pageUrl).origin}; it sent ${elsewhere.join("; ")}`] };
    }
    return finding;
  },
  async extra(ctx) {
    const elsewhere = callsElsewhere(ctx.obs);
    if (elsewhere.length) {
      return {
        fault: "NOT_ONE_ORIGIN",
        seen: [`the page is on ${new URL(ctx.pageUrl).origin}; the session works, but the page sent:`, ...elsewhere],
      };
    }
    const transport = await pageSocketTransport(ctx.obs, UPGRADE_MS);
    if (!transport.webSocket) return { fault: "SOCKET_STUCK_ON_POLLING", seen: transport.seen };
    return undefined;
  },
});
