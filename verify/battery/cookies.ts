// The session cookie's attributes, as the browser holds it: HttpOnly everywhere (a page's script,
// or one injected into it, must not read the session), Secure behind TLS, and a SameSite stated
// wherever the page and the API are different sites.
import type { BatteryItem } from "./item.ts";

const httpOnly: BatteryItem = {
  id: "cookie.httponly",
  tries: "the session cookie is HttpOnly",
  async run(ctx) {
    const cookie = ctx.obs.cookie;
    if (!cookie || cookie.httpOnly) return undefined;
    return {
      fault: "SESSION_COOKIE_NOT_HTTPONLY",
      seen: [
        `the login answered Set-Cookie: ${String(ctx.obs.login?.responseHeaders?.["set-cookie"] ?? "").split("\n")[0]!.replace(/=[^;]{12,}/, (v) => `${v.slice(0, 13)}…`)}`,
        "the browser holds connect.sid without HttpOnly: document.cookie, and any script that gets into the page, can read the session",
      ],
    };
  },
};

const secure: BatteryItem = {
  id: "cookie.secure",
  tries: "behind TLS, the session cookie is Secure",
  lacks: (ctx) => (ctx.lesson.needs.tlsProxy ? undefined : "the app is not served over TLS here"),
  async run(ctx) {
    const cookie = ctx.obs.cookie;
    if (!cookie || cookie.secure) return undefined;
    return { fault: "SESSION_COOKIE_NOT_SECURE", seen: [`the browser holds connect.sid without the Secure flag, though the app is served over HTTPS (through a TLS-terminating proxy)`] };
  },
};

const sameSite: BatteryItem = {
  id: "cookie.samesite",
  tries: "where the page and the API are different sites, the session cookie states SameSite=None (and Secure)",
  lacks: (ctx) => (sameSiteOf(ctx.pageUrl) === sameSiteOf(ctx.apiUrl) ? "the page and the API are the same site" : undefined),
  async run(ctx) {
    const cookie = ctx.obs.cookie;
    if (!cookie || (cookie.sameSite === "None" && cookie.secure)) return undefined;
    return { fault: "SAMESITE_COOKIE_WITHHELD", seen: [`the page (${new URL(ctx.pageUrl).host}) and the API (${new URL(ctx.apiUrl).host}) are different sites; the browser holds connect.sid with SameSite=${cookie.sameSite}${cookie.secure ? "" : ", without Secure"}`] };
  },
};

/** A host's site, roughly: its last two labels (a browser uses the public suffix list). */
function sameSiteOf(url: string): string {
  const host = new URL(url).hostname;
  return /^[\d.]+$/.test(host) ? host : host.split(".").slice(-2).join(".");
}

export const COOKIES: BatteryItem[] = [httpOnly, secure, sameSite];
