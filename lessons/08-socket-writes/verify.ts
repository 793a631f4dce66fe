// The standard check, then the cart, which both sides change: HTTP (GET/POST /cart) and the socket
// (cart:get, cart:add). The shop's page, once logged in, shows an empty cart on both sides. Then a
// socket from Node carrying the browser's cookie writes and reads in turn with HTTP requests, each
// step waiting for the previous answer, and compares what each side sees with the cart it must be
// (exactly the items added so far, else CART_CONTENTS_WRONG):
//   1. socket adds → HTTP must see it                       (else SOCKET_WRITE_NOT_SAVED)
//   2. HTTP adds, then socket adds → HTTP must see both     (else SOCKET_LOST_UPDATE)
//   3. HTTP adds → the socket's cart:get must see it        (else SOCKET_STALE_READ)
//   then the page's own buttons, Add a mug (HTTP) and Add a sticker (socket): both sides of the
//   page show the whole cart after each                     (else SHOP_PAGE_WRONG)
//   4. HTTP logs out, then socket adds → HTTP stays logged out (else SOCKET_WRITE_REVIVES_SESSION):
//      a socket that saves without checking its reload writes the ended session back; an answer,
//      if the app sends one, says why ({ error })
import { randomBytes } from "node:crypto";
import { ask, connectAs, defineCheck, fetchApi, logOut, me, pageTextOf, press, short, type Finding } from "#verify";
import lesson from "./lesson.ts";

type Cart = { cart?: unknown; error?: unknown };

const ACK_MS = 3000;
/**
 * After the logout, an app may answer the socket's write with an error, disconnect the socket, or
 * drop the event without a word. Silence needs a bound: a write that brings the session back does
 * so as the event is handled, within milliseconds, so a second of it is plenty.
 */
const AFTER_LOGOUT_MS = 1000;

const same = (answer: Cart, cart: string[]) => JSON.stringify(answer.cart) === JSON.stringify(cart);

export default defineCheck(lesson, {
  async extra(ctx) {
    const tag = randomBytes(3).toString("hex");
    const [sticker, mug, poster, pen, lamp] = ["sticker", "mug", "poster", "pen", "lamp"].map((name) => `${name}-${tag}`) as [string, string, string, string, string];
    const seen: string[] = [];
    const holds = (answer: Cart, item: string) => Array.isArray(answer.cart) && answer.cart.includes(item);
    // If the server died, the harness reports the crash once it has noticed the exit.
    const noticeCrash = () => ctx.wire.until(() => ctx.wire.stopped, 1000);

    const socket = await connectAs(ctx, { cookie: ctx.cookie }).catch((err: Error) => err);
    if (socket instanceof Error) {
      return { fault: "SOCKET_REJECTED", seen: [`a second socket with the browser's connect.sid could not connect: ${socket.message}`] };
    }
    seen.push(`a second socket connected with the browser's connect.sid (session ${short(ctx.sessionId)}, user "${ctx.username}")`);
    try {
      // The socket's side of the cart: its acknowledgement, or a finding when none comes.
      const overSocket = async (event: string, ...args: string[]): Promise<Cart | Finding> => {
        const shown = `emit(${[event, ...args].map((a) => JSON.stringify(a)).join(", ")})`;
        const { answer, gone } = await ask<Cart>(socket, ACK_MS, event, ...args);
        if (answer !== undefined) {
          seen.push(`socket: ${shown} → ack ${JSON.stringify(answer)}`);
          return answer;
        }
        seen.push(`socket: ${shown} → ${gone === undefined ? `no acknowledgement within ${ACK_MS / 1000} s` : `the server disconnected the socket (${gone})`}`);
        await noticeCrash();
        return { fault: "SOCKET_ACK_MISSING", seen };
      };
      // HTTP's side of the cart: its answer, or a finding when it is not a cart.
      const overHttp = async (method: "GET" | "POST", item?: string): Promise<Cart | Finding> => {
        const request = `HTTP: ${method} /cart${item ? ` ${JSON.stringify({ item })}` : ""}`;
        const res = await fetchApi(ctx, "/cart", { method, cookie: ctx.cookie, body: item ? { item } : undefined }).catch((err: Error) => err);
        if (res instanceof Error) {
          await noticeCrash();
          return { fault: "NO_DECISION", seen: [...seen, `${request} failed: ${res.message}`] };
        }
        seen.push(`${request} → ${res.status} ${res.body.trim().slice(0, 200)}`);
        const cart = res.json as Cart | undefined;
        if (res.status >= 200 && res.status < 300 && Array.isArray(cart?.cart)) return cart!;
        return { fault: "NO_DECISION", seen: [...seen, "the cart route did not answer 2xx with { cart: [...] }"] };
      };
      const isFinding = (value: Cart | Finding): value is Finding => "fault" in value;
      // The shop as its user sees it: "HTTP sees" and "socket sees" both show the cart (`(empty)`
      // when it is empty); a finding when the page shows something else.
      const shopShows = async (step: string, cart: string[], seen: string[]): Promise<Finding | undefined> => {
        const shown = cart.length ? cart.join(", ") : "(empty)";
        const [http, socket] = await Promise.all(["cart-http", "cart-socket"].map((id) => pageTextOf(ctx, id, (text) => text.trim() === shown, ACK_MS)));
        seen.push(`${step}: HTTP sees ${JSON.stringify(http ?? "(no such element)")}, socket sees ${JSON.stringify(socket ?? "(no such element)")}`);
        if (http?.trim() === shown && socket?.trim() === shown) return undefined;
        return { fault: "SHOP_PAGE_WRONG", seen: [...seen, `the cart holds ${JSON.stringify(cart)}: both should show "${shown}"`] };
      };

      // 0. The shop's page, once logged in: both sides of an empty cart.
      const page: string[] = [];
      let shown = await shopShows("the page, once logged in", [], page);
      if (shown) return shown;
      const cart: string[] = [];

      // 1. A write over the socket must reach the store that HTTP reads, and its answer is the cart.
      let answer = await overSocket("cart:add", sticker);
      if (isFinding(answer)) return answer;
      const added = answer;
      cart.push(sticker);
      answer = await overHttp("GET");
      if (isFinding(answer)) return answer;
      if (!holds(answer, sticker)) return { fault: "SOCKET_WRITE_NOT_SAVED", seen: [...seen, `"${sticker}", added over the socket, never reached the session HTTP reads`] };
      if (!same(answer, cart)) return { fault: "CART_CONTENTS_WRONG", seen: [...seen, `the cart must be exactly ${JSON.stringify(cart)}`] };
      if (!same(added, cart)) return { fault: "API_ANSWER_BROKEN", seen: [...seen, `cart:add answers the cart it made: {"cart":${JSON.stringify(cart)}}`] };

      // 2. A write over HTTP, then one over the socket: the socket's save must keep the HTTP one.
      answer = await overHttp("POST", mug);
      if (isFinding(answer)) return answer;
      answer = await overSocket("cart:add", poster);
      if (isFinding(answer)) return answer;
      cart.push(mug, poster);
      answer = await overHttp("GET");
      if (isFinding(answer)) return answer;
      const lost = [sticker, mug].filter((name) => !holds(answer as Cart, name));
      if (lost.length) {
        const gone = `${lost.map((n) => `"${n}"`).join(" and ")} ${lost.length > 1 ? "are" : "is"} gone`;
        return { fault: "SOCKET_LOST_UPDATE", seen: [...seen, `the socket's save replaced the stored cart with its own older copy: ${gone}`] };
      }
      if (!holds(answer, poster)) return { fault: "SOCKET_WRITE_NOT_SAVED", seen: [...seen, `"${poster}", added over the socket, never reached the session HTTP reads`] };
      if (!same(answer, cart)) return { fault: "CART_CONTENTS_WRONG", seen: [...seen, `the cart must be exactly ${JSON.stringify(cart)}`] };

      // 3. A write over HTTP must be visible to the socket's next read.
      answer = await overHttp("POST", pen);
      if (isFinding(answer)) return answer;
      cart.push(pen);
      answer = await overSocket("cart:get");
      if (isFinding(answer)) return answer;
      if (!holds(answer, pen)) return { fault: "SOCKET_STALE_READ", seen: [...seen, `the socket still reads its old copy of the session: "${pen}", added over HTTP, is missing`] };
      if (!same(answer, cart)) return { fault: "CART_CONTENTS_WRONG", seen: [...seen, `the cart must be exactly ${JSON.stringify(cart)}`] };

      // The page's own buttons: each adds its item, and both sides of the page show the whole cart.
      for (const [button, item] of [["add-mug", "mug"], ["add-sticker", "sticker"]] as const) {
        await press(ctx, button);
        cart.push(item);
        shown = await shopShows(`after the page's ${button === "add-mug" ? "Add a mug (HTTP)" : "Add a sticker (socket)"} button`, cart, page);
        if (shown) return shown;
      }

      // 4. A logout over HTTP, then a write over the socket: the session must stay ended.
      const out = await logOut(ctx, ctx.cookie);
      if (out.status === undefined || out.status >= 300) return { fault: "NO_DECISION", seen: [...seen, `HTTP: ${out.line}`] };
      seen.push(`HTTP: ${out.line}`);
      // A socket the server ends at once (it noticed the session is gone) is an answer too.
      const late = await ask(socket, AFTER_LOGOUT_MS, "cart:add", lamp);
      const outcome = late.answer !== undefined ? `ack ${JSON.stringify(late.answer)}` : late.gone !== undefined ? `the server disconnected the socket (${late.gone})` : `no acknowledgement within ${AFTER_LOGOUT_MS / 1000} s`;
      seen.push(`socket: emit("cart:add", ${JSON.stringify(lamp)}) → ${outcome}`);
      const after = await me(ctx, ctx.cookie).catch((err: Error) => err);
      if (after instanceof Error) {
        await noticeCrash();
        return { fault: "NO_DECISION", seen: [...seen, `HTTP: GET /me failed: ${after.message}`] };
      }
      seen.push(`HTTP, with the same cookie: ${after.line}`);
      if (after.user === ctx.username) return { fault: "SOCKET_WRITE_REVIVES_SESSION", seen: [...seen, "the socket's save wrote the logged-out session back: the user is logged in again"] };
      if (after.status >= 300) return { fault: "SOCKET_WRITE_REVIVES_SESSION", seen: [...seen, "the socket's write left a broken session record in the store: every request with that cookie now fails"] };
      // An answer, to a write or a read, says why there is no cart: { error }.
      const read = late.gone === undefined ? await ask(socket, AFTER_LOGOUT_MS, "cart:get") : undefined;
      if (read) seen.push(`socket: emit("cart:get") → ${read.answer !== undefined ? `ack ${JSON.stringify(read.answer)}` : read.gone !== undefined ? `the server disconnected the socket (${read.gone})` : `no acknowledgement within ${AFTER_LOGOUT_MS / 1000} s`}`);
      for (const answer of [late.answer, read?.answer] as (Cart | undefined)[]) {
        if (answer !== undefined && (typeof answer.error !== "string" || !answer.error.trim())) {
          return { fault: "API_ANSWER_BROKEN", seen: [...seen, 'the session is gone: an answer to the socket says so, { "error": <why> }, for the page to show'] };
        }
      }
      return undefined;
    } finally {
      socket.disconnect();
    }
  },
});
