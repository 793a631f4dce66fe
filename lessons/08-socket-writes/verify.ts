// The standard check, then the cart, which both sides change: HTTP (GET/POST /cart) and the socket
// (cart:get, cart:add). A socket from Node carrying the browser's cookie writes and reads in turn
// with HTTP requests, each step waiting for the previous answer, and compares what each side sees:
//   1. socket adds → HTTP must see it                       (else SOCKET_WRITE_NOT_SAVED)
//   2. HTTP adds, then socket adds → HTTP must see both     (else SOCKET_LOST_UPDATE)
//   3. HTTP adds → the socket's cart:get must see it        (else SOCKET_STALE_READ)
//   4. HTTP logs out, then socket adds → HTTP stays logged out (else SOCKET_WRITE_REVIVES_SESSION):
//      a socket that saves without checking its reload writes the ended session back
import { randomBytes } from "node:crypto";
import { ask, connectAs, defineCheck, fetchApi, logOut, me, short, type Finding } from "#verify";
import lesson from "./lesson.ts";

type Cart = { cart?: unknown; error?: unknown };

const ACK_MS = 3000;
/**
 * After the logout, an app may answer the socket's write with an error, disconnect the socket, or
 * drop the event without a word. Silence needs a bound: a write that brings the session back does
 * so as the event is handled, within milliseconds, so a second of it is plenty.
 */
const AFTER_LOGOUT_MS = 1000;

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

      // 1. A write over the socket must reach the store that HTTP reads.
      let answer = await overSocket("cart:add", sticker);
      if (isFinding(answer)) return answer;
      answer = await overHttp("GET");
      if (isFinding(answer)) return answer;
      if (!holds(answer, sticker)) return { fault: "SOCKET_WRITE_NOT_SAVED", seen: [...seen, `"${sticker}", added over the socket, never reached the session HTTP reads`] };

      // 2. A write over HTTP, then one over the socket: the socket's save must keep the HTTP one.
      answer = await overHttp("POST", mug);
      if (isFinding(answer)) return answer;
      answer = await overSocket("cart:add", poster);
      if (isFinding(answer)) return answer;
      answer = await overHttp("GET");
      if (isFinding(answer)) return answer;
      const lost = [sticker, mug].filter((name) => !holds(answer as Cart, name));
      if (lost.length) {
        const gone = `${lost.map((n) => `"${n}"`).join(" and ")} ${lost.length > 1 ? "are" : "is"} gone`;
        return { fault: "SOCKET_LOST_UPDATE", seen: [...seen, `the socket's save replaced the stored cart with its own older copy: ${gone}`] };
      }
      if (!holds(answer, poster)) return { fault: "SOCKET_WRITE_NOT_SAVED", seen: [...seen, `"${poster}", added over the socket, never reached the session HTTP reads`] };

      // 3. A write over HTTP must be visible to the socket's next read.
      answer = await overHttp("POST", pen);
      if (isFinding(answer)) return answer;
      answer = await overSocket("cart:get");
      if (isFinding(answer)) return answer;
      if (!holds(answer, pen)) return { fault: "SOCKET_STALE_READ", seen: [...seen, `the socket still reads its old copy of the session: "${pen}", added over HTTP, is missing`] };

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
      return undefined;
    } finally {
      socket.disconnect();
    }
  },
});
