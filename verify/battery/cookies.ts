// The session cookie's attributes, as the browser holds it: HttpOnly everywhere (a page's script,
// or one injected into it, must not read the session), Secure behind TLS, and a SameSite stated
// wherever the page and the API are different sites.
import { fetchApi, handshakeUrl } from "../kit/http.ts";
import { SESSION_COOKIE } from "../evidence/session-cookie.ts";
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

const onlyAfterLogin: BatteryItem = {
  id: "cookie.only-after-login",
  tries: "a visitor who only looks (GET /me, a Socket.IO handshake) gets no session cookie",
  async run(ctx) {
    const looked = await fetchApi(ctx, `${ctx.routePrefix}/me`);
    const handshake = await fetch(handshakeUrl(ctx).replace("localhost", "127.0.0.1"), { headers: { origin: new URL(ctx.pageUrl).origin }, signal: AbortSignal.timeout(3000) });
    await handshake.body?.cancel();
    const setBy = [
      ["GET /me", looked.sessionCookie !== undefined],
      [`the handshake GET ${ctx.socketPath}?EIO=4&transport=polling`, handshake.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))],
    ].filter(([, set]) => set).map(([what]) => what);
    if (!setBy.length) return undefined;
    return {
      fault: "SESSION_BEFORE_LOGIN",
      seen: [`a visitor with no cookie, who has not logged in and stored nothing: ${setBy.join(" and ")} answered Set-Cookie: ${SESSION_COOKIE}=…`],
    };
  },
};

/** A host's site, roughly: its last two labels (a browser uses the public suffix list). */
function sameSiteOf(url: string): string {
  const host = new URL(url).hostname;
  return /^[\d.]+$/.test(host) ? host : host.split(".").slice(-2).join(".");
}

export const COOKIES: BatteryItem[] = [httpOnly, secure, sameSite, onlyAfterLogin];
