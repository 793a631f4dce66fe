// The standard check, then a login that follows a visit, from Node: a visitor puts an item in the
// cart (the server sets a session cookie), then logs in with that cookie. The login must give the
// session a new id: an id known before login (planted by an attacker, read off a shared computer)
// must not become a logged-in session. The cart must survive the new id. Then a login over a
// session that is already logged in, with an empty cart (an attacker's own session, planted in a
// victim's browser) must change the id too: skipping regenerate() for such a session is still fixation.
import { randomBytes } from "node:crypto";
import { decodeSessionCookie, defineCheck, fetchApi, logIn, me, short } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  // This app's CORS is right, so a login that sets no cookie answered before regenerate() finished:
  // the new session, and its cookie, exist only inside regenerate()'s callback.
  refine(finding, obs) {
    if (finding.fault !== "SESSION_COOKIE_MISSING" || obs.login?.responseHeaders?.["set-cookie"]) return finding;
    return { ...finding, fault: "ANSWERED_BEFORE_REGENERATE" };
  },

  async extra(ctx) {
    const tag = randomBytes(3).toString("hex");
    const [item, user, attacker, victim] = [`sticker-${tag}`, `visitor-${tag}`, `attacker-${tag}`, `victim-${tag}`];
    const seen: string[] = [];
    const undecided = (more: string) => ({ fault: "NO_DECISION", seen: [...seen, more] });
    const id = (cookie: string | undefined) => {
      const decoded = cookie ? decodeSessionCookie(cookie, ctx.secret) : undefined;
      return decoded?.ok ? decoded.sid : undefined;
    };
    const session = (cookie: string | undefined) => short(id(cookie) ?? "(none)");

    // A visitor, not logged in, fills the cart: the server hands out a session cookie.
    const add = await fetchApi(ctx, "/cart", { method: "POST", body: { item } }).catch((err: Error) => err);
    if (add instanceof Error || !add.sessionCookie) {
      return undecided(`a visitor's POST /cart {"item":"${item}"} set no session cookie: ${add instanceof Error ? add.message : `${add.status} ${add.body.slice(0, 120)}`}`);
    }
    const before = add.sessionCookie;
    seen.push(`a visitor, not logged in, put "${item}" in the cart: POST /cart → ${add.status}; Set-Cookie connect.sid → session ${session(before)}`);

    // The visitor logs in with that cookie: the id must change, the cart must stay.
    const login = await logIn(ctx, user, before).catch((err: Error) => err);
    if (login instanceof Error || login.status < 200 || login.status >= 300) return undecided(`POST /login as "${user}" with that cookie failed: ${login instanceof Error ? login.message : login.line}`);
    const after = login.cookie ?? before;
    seen.push(`POST /login as "${user}" with that cookie → ${login.status}; ${after !== before ? `Set-Cookie connect.sid → session ${session(after)}` : "no new cookie: the browser keeps its cookie"}`);
    if (id(after) === id(before)) {
      seen.push(`GET /me with the cookie from before the login → ${(await me(ctx, before)).line.replace(/^GET \/me → /, "")}`);
      return { fault: "SESSION_FIXATION", seen: [...seen, "the session id did not change at login: whoever knew the cookie before is now logged in too"] };
    }
    const now = await me(ctx, after);
    seen.push(`with the new cookie, ${now.line}`);
    if (now.user !== user) return undecided(`after login, the new cookie's session is not "${user}"`);
    const old = await me(ctx, before);
    seen.push(`with the cookie from before the login, ${old.line}`);
    if (old.user === user) return { fault: "SESSION_FIXATION", seen: [...seen, "the session from before the login is logged in as well"] };
    const cart = await fetchApi(ctx, "/cart", { cookie: after });
    seen.push(`with the new cookie, GET /cart → ${cart.status} ${cart.body.trim().slice(0, 160)}`);
    const items = (cart.json as { cart?: unknown } | undefined)?.cart;
    if (!Array.isArray(items) || !items.includes(item)) return { fault: "CART_LOST_AT_LOGIN", seen };

    // An attacker's own logged-in session, planted in a victim's browser: the victim's login over it must change the id too.
    const own = await logIn(ctx, attacker).catch((err: Error) => err);
    if (own instanceof Error || !own.cookie) return undecided(`POST /login as "${attacker}" with no cookie set no session cookie: ${own instanceof Error ? own.message : own.line}`);
    const again = await logIn(ctx, victim, own.cookie).catch((err: Error) => err);
    if (again instanceof Error || again.status < 200 || again.status >= 300) {
      return undecided(`POST /login as "${victim}" with the logged-in cookie of "${attacker}" failed: ${again instanceof Error ? again.message : again.line}`);
    }
    seen.push(
      `"${attacker}" logged in (session ${session(own.cookie)}, empty cart); then POST /login as "${victim}" with that cookie → ${again.status}; ` +
        (again.cookie !== own.cookie ? `Set-Cookie connect.sid → session ${session(again.cookie)}` : "no new cookie: the browser keeps its cookie"),
    );
    const planted = await me(ctx, own.cookie);
    seen.push(`with the cookie "${attacker}" had, ${planted.line}`);
    if (planted.user === victim) return { fault: "SESSION_FIXATION", seen: [...seen, `whoever held that cookie before is now logged in as "${victim}": the id must change at every login`] };
    return undefined;
  },
});
