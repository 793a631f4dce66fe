// Standard check, then a login that follows a visit, from Node: a visitor puts an item in the cart
// (the server sets a session cookie), then logs in with that cookie. The login must give the session
// a new id: an id known before login (planted by an attacker, read off a shared computer) must not
// become a logged-in session. The cart must survive the new id. Then a login over a session that
// is already logged in, with an empty cart (an attacker's own session, planted in a victim's
// browser) must change the id too: skipping regenerate() for such a session is still fixation.
import { randomBytes } from "node:crypto";
import { decodeSessionCookie, defineCheck, fetchApi, type Finding } from "#verify";
import lesson from "./lesson.ts";

type Me = { sessionId?: string | null; user?: string | null };

export default defineCheck(lesson, {
  // This app's CORS is right, so a login that sets no cookie answered before regenerate() finished:
  // the new session, and its cookie, exist only inside regenerate()'s callback.
  refine(finding, obs) {
    if (finding.fault !== "SESSION_COOKIE_MISSING" || obs.login?.responseHeaders?.["set-cookie"]) return finding;
    return { ...finding, fault: "ANSWERED_BEFORE_REGENERATE" };
  },

  async extra(ctx): Promise<Finding | undefined> {
    const tag = randomBytes(3).toString("hex");
    const item = `sticker-${tag}`;
    const user = `visitor-${tag}`;
    const seen: string[] = [];
    const undecided = (more: string): Finding => ({ fault: "NO_DECISION", seen: [...seen, more] });
    const sid = (cookie: string | undefined) => {
      const decoded = cookie ? decodeSessionCookie(cookie, ctx.secret) : undefined;
      return decoded?.ok ? decoded.sid : undefined;
    };
    const short = (id: string | undefined) => (id ? `${id.slice(0, 12)}…` : "(none)");
    const ask = async (pathname: string, cookie: string) => {
      const res = await fetchApi(ctx.apiUrl, pathname, { cookie });
      seen.push(`GET ${pathname} with the ${cookie === before ? "cookie from before the login" : "new cookie"} → ${res.status} ${res.body.trim().slice(0, 160)}`);
      return res.json as (Me & { cart?: unknown }) | undefined;
    };

    const add = await fetchApi(ctx.apiUrl, "/cart", { method: "POST", body: { item } }).catch((err: Error) => err);
    if (add instanceof Error || !add.sessionCookie) {
      return undecided(`a visitor's POST /cart {"item":"${item}"} set no session cookie: ${add instanceof Error ? add.message : `${add.status} ${add.body.slice(0, 120)}`}`);
    }
    const before = add.sessionCookie;
    seen.push(`a visitor, not logged in, put "${item}" in the cart: POST /cart → ${add.status}; Set-Cookie connect.sid → session ${short(sid(before))}`);

    const login = await fetchApi(ctx.apiUrl, "/login", { method: "POST", cookie: before, body: { username: user } }).catch((err: Error) => err);
    if (login instanceof Error || login.status < 200 || login.status >= 300) {
      return undecided(`POST /login as "${user}" with that cookie failed: ${login instanceof Error ? login.message : `${login.status} ${login.body.slice(0, 120)}`}`);
    }
    const after = login.sessionCookie ?? before;
    seen.push(
      `POST /login as "${user}" with that cookie → ${login.status}; ` +
        (login.sessionCookie ? `Set-Cookie connect.sid → session ${short(sid(after))}` : "no Set-Cookie: the browser keeps its cookie"),
    );
    if (sid(after) === sid(before)) {
      await ask("/me", before);
      seen.push("the session id did not change at login: whoever knew the cookie before is now logged in too");
      return { fault: "SESSION_FIXATION", seen };
    }
    const me = await ask("/me", after);
    if (me?.user !== user) return undecided(`after login, the new cookie's session is not "${user}"`);
    const old = await ask("/me", before);
    if (old?.user === user) return { fault: "SESSION_FIXATION", seen: [...seen, "the session from before the login is logged in as well"] };
    const cart = await ask("/cart", after);
    if (!Array.isArray(cart?.cart) || !cart.cart.includes(item)) return { fault: "CART_LOST_AT_LOGIN", seen };

    const attacker = `attacker-${tag}`;
    const own = await fetchApi(ctx.apiUrl, "/login", { method: "POST", body: { username: attacker } }).catch((err: Error) => err);
    if (own instanceof Error || !own.sessionCookie) {
      return undecided(`POST /login as "${attacker}" with no cookie set no session cookie: ${own instanceof Error ? own.message : `${own.status} ${own.body.slice(0, 120)}`}`);
    }
    const victim = `victim-${tag}`;
    const again = await fetchApi(ctx.apiUrl, "/login", { method: "POST", cookie: own.sessionCookie, body: { username: victim } }).catch((err: Error) => err);
    if (again instanceof Error || again.status < 200 || again.status >= 300) {
      return undecided(`POST /login as "${victim}" with the logged-in cookie of "${attacker}" failed: ${again instanceof Error ? again.message : `${again.status} ${again.body.slice(0, 120)}`}`);
    }
    seen.push(
      `"${attacker}" logged in (session ${short(sid(own.sessionCookie))}, empty cart); then POST /login as "${victim}" with that cookie → ${again.status}; ` +
        (again.sessionCookie ? `Set-Cookie connect.sid → session ${short(sid(again.sessionCookie))}` : "no Set-Cookie: the browser keeps its cookie"),
    );
    const planted = await fetchApi(ctx.apiUrl, "/me", { cookie: own.sessionCookie });
    seen.push(`GET /me with the cookie "${attacker}" had → ${planted.status} ${planted.body.trim().slice(0, 160)}`);
    if ((planted.json as Me | undefined)?.user === victim) {
      seen.push(`whoever held that cookie before is now logged in as "${victim}": the id must change at every login`);
      return { fault: "SESSION_FIXATION", seen };
    }
    return undefined;
  },
});
