// The API every lesson's app offers, as its clients rely on it (lessons/RULES.md): POST /login
// logs in the name it is given and answers `{ user }`; a missing or blank name is refused with a
// 4xx and a JSON `error` saying why, and logs nobody in. A fix that drops the validation, or that
// crashes on a request without a body, lets a client log in as nobody, or as a made-up name.
// Where the app has a cart, the same holds for its items, and a new cart is empty.
import { randomBytes } from "node:crypto";
import { fetchApi, loginStats, me, readable, type ApiAnswer } from "../kit/http.ts";
import { short } from "../kit/describe.ts";
import { DEMO_PASSWORD } from "../evidence/session-cookie.ts";
import { freshUser } from "./fresh.ts";
import type { BatteryItem } from "./item.ts";

/** A refusal answers JSON with an `error` that says why, for the page to show; a finding when not. */
function saysWhy(res: ApiAnswer, seen: string[]) {
  const error = (res.json as { error?: unknown } | undefined)?.error;
  if (typeof error === "string" && error.trim()) return undefined;
  return { fault: "API_ANSWER_BROKEN" as const, seen: [...seen, "a refusal answers JSON with an `error` that says why, for the page to show"] };
}

const login: BatteryItem = {
  id: "api.login",
  tries: "POST /login with no body, with no name, with a blank name, and with a name",
  async run(ctx) {
    const path = `${ctx.routePrefix}/login`;
    const line = (what: string, res: ApiAnswer) => `POST /login ${what} → ${res.status} ${short(readable(res.body), 120) || "(empty)"}`;
    const refusals: [string, Parameters<typeof fetchApi>[2]][] = [
      ["with no body", { method: "POST" }],
      ["with {}", { method: "POST", body: {} }],
      ['with {"username":"   "}', { method: "POST", body: { username: "   " } }],
      // With the demo password too: an app that checks passwords must still refuse a blank name.
      ['with {"username":"   ","password":"workshop"}', { method: "POST", body: { username: "   ", password: DEMO_PASSWORD } }],
    ];
    for (const [what, init] of refusals) {
      const res = await fetchApi(ctx, path, init);
      const seen = [line(what, res)];
      const who = res.sessionCookie ? await me(ctx, res.sessionCookie) : undefined;
      if (who) seen.push(`with the cookie it set, ${who.line}`);
      if (res.status < 400 || res.status >= 500 || who?.user) {
        const why = res.status >= 500 ? "the login crashed instead of refusing: a request without a name is the client's mistake, a 4xx" : "a login without a name must be refused, and log nobody in";
        return { fault: "BLANK_LOGIN_ACCEPTED", seen: [...seen, why] };
      }
      const unexplained = saysWhy(res, seen);
      if (unexplained) return unexplained;
    }
    const name = `named-${randomBytes(3).toString("hex")}`;
    const res = await fetchApi(ctx, path, { method: "POST", body: { username: name, password: DEMO_PASSWORD } });
    if (res.status >= 300 || (res.json as { user?: unknown } | undefined)?.user !== name) {
      return { fault: "API_ANSWER_BROKEN", seen: [line(`with {"username":"${name}"}`, res), `a login answers 200 with the user it logged in: {"user":"${name}"}`] };
    }
    return undefined;
  },
};

const cart: BatteryItem = {
  id: "api.cart",
  tries: "a new user's cart, an item added to it, and POST /cart with no body, with no item and with a blank one",
  lacks: (ctx) => (ctx.lesson.features?.cart ? undefined : "the app has no cart"),
  async run(ctx) {
    const path = `${ctx.routePrefix}/cart`;
    const user = await freshUser(ctx, "shopper");
    const line = (what: string, res: ApiAnswer) => `${what} → ${res.status} ${short(readable(res.body), 120) || "(empty)"}`;
    const empty = await fetchApi(ctx, path, { cookie: user.cookie });
    const items = (res: ApiAnswer) => (res.json as { cart?: unknown } | undefined)?.cart;
    if (empty.status >= 300 || JSON.stringify(items(empty)) !== "[]") {
      return { fault: "API_ANSWER_BROKEN", seen: [`"${user.name}" just logged in: ${line("GET /cart", empty)}`, 'a new cart answers 200 {"cart":[]}'] };
    }
    for (const [what, init] of [
      ["with no body", { method: "POST", cookie: user.cookie }],
      ["with {}", { method: "POST", cookie: user.cookie, body: {} }],
      ['with {"item":"   "}', { method: "POST", cookie: user.cookie, body: { item: "   " } }],
    ] as const) {
      const res = await fetchApi(ctx, path, init);
      const after = await fetchApi(ctx, path, { cookie: user.cookie });
      const seen = [line(`POST /cart ${what}`, res), line("then GET /cart", after)];
      if (res.status < 400 || res.status >= 500 || JSON.stringify(items(after)) !== "[]") {
        return { fault: "BLANK_ITEM_ACCEPTED", seen: [...seen, res.status >= 500 ? "the route crashed instead of refusing: a request without an item is the client's mistake, a 4xx" : "an item without a name must be refused, and leave the cart as it was"] };
      }
      const unexplained = saysWhy(res, seen);
      if (unexplained) return unexplained;
    }
    const item = `lamp-${randomBytes(3).toString("hex")}`;
    const added = await fetchApi(ctx, path, { method: "POST", cookie: user.cookie, body: { item } });
    if (added.status >= 300 || JSON.stringify(items(added)) !== JSON.stringify([item])) {
      return { fault: "API_ANSWER_BROKEN", seen: [line(`POST /cart {"item":"${item}"} to an empty cart`, added), `an item added answers 200 with the cart: {"cart":["${item}"]}`] };
    }
    return undefined;
  },
};

const stats: BatteryItem = {
  id: "api.stats",
  tries: "GET /stats before and after a login",
  lacks: (ctx) => (ctx.lesson.features?.stats ? undefined : "the app keeps no statistics"),
  async run(ctx) {
    const before = await loginStats(ctx);
    const user = await freshUser(ctx, "counted");
    const after = await loginStats(ctx);
    // Other items log users in meanwhile: at least one more, and the browser's login counted before.
    if (before.logins !== undefined && before.logins >= 1 && after.logins !== undefined && after.logins >= before.logins + 1) return undefined;
    return { fault: "LOGINS_NOT_COUNTED", seen: [`after the browser's login, ${before.line}`, `"${user.name}" logged in; then ${after.line}`, "every login counts once"] };
  },
};

export const API: BatteryItem[] = [login, cart, stats];
