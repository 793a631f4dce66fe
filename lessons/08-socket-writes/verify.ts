// Standard check, then the cart, which both sides change: HTTP (GET/POST /cart) and the socket
// (cart:get, cart:add). A Node socket carrying the browser's cookie writes and reads in turn with
// HTTP requests, each step waiting for the previous answer, and compares what each side sees:
//   1. socket adds → HTTP must see it                       (else SOCKET_WRITE_NOT_SAVED)
//   2. HTTP adds, then socket adds → HTTP must see both     (else SOCKET_LOST_UPDATE)
//   3. HTTP adds → the socket's cart:get must see it        (else SOCKET_STALE_READ)
//   4. HTTP logs out, then socket adds → HTTP stays logged out (else SOCKET_WRITE_REVIVES_SESSION):
//      a socket that saves without checking its reload writes the ended session back
import { randomBytes } from "node:crypto";
import { ask, connectAs, defineCheck, fetchApi, type Finding } from "#verify";
import lesson from "./lesson.ts";

type Socket = Awaited<ReturnType<typeof connectAs>>;
type CartAnswer = { cart?: unknown; error?: unknown };

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
    const item = (name: string) => `${name}-${tag}`;
    const seen: string[] = [];
    // If the server died, the harness reports the crash once it has noticed the exit.
    const noticeCrash = () => ctx.wire.until(() => ctx.wire.stopped, 1000);

    let socket: Socket;
    try {
      socket = await connectAs(ctx.apiUrl, { cookie: ctx.cookie });
    } catch (err) {
      return {
        fault: "SOCKET_REJECTED",
        seen: [`a second socket with the browser's connect.sid could not connect: ${(err as Error).message}`],
      };
    }
    seen.push(`a second socket connected with the browser's connect.sid (session ${ctx.sessionId.slice(0, 12)}…, user "${ctx.username}")`);
    try {
      const emit = async (event: string, ...args: unknown[]): Promise<CartAnswer | Finding> => {
        const shown = `emit(${[event, ...args].map((a) => JSON.stringify(a)).join(", ")})`;
        const { answer, gone } = await ask<CartAnswer>(socket, ACK_MS, event, ...args);
        if (answer !== undefined) {
          seen.push(`socket: ${shown} → ack ${JSON.stringify(answer)}`);
          return answer;
        }
        seen.push(`socket: ${shown} → ${gone === undefined ? `no acknowledgement within ${ACK_MS / 1000} s` : `the server disconnected the socket (${gone})`}`);
        await noticeCrash();
        return { fault: "SOCKET_ACK_MISSING", seen };
      };
      const http = async (method: "GET" | "POST", body?: { item: string }): Promise<CartAnswer | Finding> => {
        const request = `HTTP: ${method} /cart${body ? ` ${JSON.stringify(body)}` : ""}`;
        const res = await fetchApi(ctx.apiUrl, "/cart", { method, cookie: ctx.cookie, body }).catch((err: Error) => err);
        if (res instanceof Error) {
          await noticeCrash();
          return { fault: "NO_DECISION", seen: [...seen, `${request} failed: ${res.message}`] };
        }
        seen.push(`${request} → ${res.status} ${res.body.trim().slice(0, 200)}`);
        if (res.status >= 200 && res.status < 300 && isCartAnswer(res.json)) return res.json;
        return { fault: "NO_DECISION", seen: [...seen, "the cart route did not answer 2xx with { cart: [...] }"] };
      };

      // 1. A write over the socket must reach the store that HTTP reads.
      const sticker = item("sticker");
      let answer = await emit("cart:add", sticker);
      if (isFinding(answer)) return answer;
      answer = await http("GET");
      if (isFinding(answer)) return answer;
      if (!has(answer, sticker)) {
        seen.push(`"${sticker}", added over the socket, never reached the session HTTP reads`);
        return { fault: "SOCKET_WRITE_NOT_SAVED", seen };
      }

      // 2. A write over HTTP, then one over the socket: the socket's save must keep the HTTP one.
      const mug = item("mug");
      const poster = item("poster");
      answer = await http("POST", { item: mug });
      if (isFinding(answer)) return answer;
      answer = await emit("cart:add", poster);
      if (isFinding(answer)) return answer;
      answer = await http("GET");
      if (isFinding(answer)) return answer;
      const lost = [sticker, mug].filter((name) => !has(answer as CartAnswer, name));
      if (lost.length) {
        seen.push(`the socket's save replaced the stored cart with its own older copy: ${lost.map((n) => `"${n}"`).join(" and ")} ${lost.length > 1 ? "are" : "is"} gone`);
        return { fault: "SOCKET_LOST_UPDATE", seen };
      }
      if (!has(answer, poster)) {
        seen.push(`"${poster}", added over the socket, never reached the session HTTP reads`);
        return { fault: "SOCKET_WRITE_NOT_SAVED", seen };
      }

      // 3. A write over HTTP must be visible to the socket's next read.
      const pen = item("pen");
      answer = await http("POST", { item: pen });
      if (isFinding(answer)) return answer;
      answer = await emit("cart:get");
      if (isFinding(answer)) return answer;
      if (!has(answer, pen)) {
        seen.push(`the socket still reads its old copy of the session: "${pen}", added over HTTP, is missing`);
        return { fault: "SOCKET_STALE_READ", seen };
      }

      // 4. A logout over HTTP, then a write over the socket: the session must stay ended.
      const out = await fetchApi(ctx.apiUrl, "/logout", { method: "POST", cookie: ctx.cookie }).catch((err: Error) => err);
      if (out instanceof Error || out.status >= 300) return { fault: "NO_DECISION", seen: [...seen, `HTTP: POST /logout failed: ${out instanceof Error ? out.message : out.status}`] };
      seen.push(`HTTP: POST /logout → ${out.status}`);
      const lamp = item("lamp");
      // A socket the server ends at once (it noticed the session is gone) is an answer too.
      const late = await ask(socket, AFTER_LOGOUT_MS, "cart:add", lamp);
      const outcome = late.answer !== undefined ? `ack ${JSON.stringify(late.answer)}` : late.gone !== undefined ? `the server disconnected the socket (${late.gone})` : `no acknowledgement within ${AFTER_LOGOUT_MS / 1000} s`;
      seen.push(`socket: emit("cart:add", ${JSON.stringify(lamp)}) → ${outcome}`);
      const me = await fetchApi(ctx.apiUrl, "/me", { cookie: ctx.cookie }).catch((err: Error) => err);
      if (me instanceof Error) {
        await noticeCrash();
        return { fault: "NO_DECISION", seen: [...seen, `HTTP: GET /me failed: ${me.message}`] };
      }
      seen.push(`HTTP: GET /me with the same cookie → ${me.body.trim().slice(0, 120)}`);
      if ((me.json as { user?: unknown } | undefined)?.user === ctx.username) {
        seen.push("the socket's save wrote the logged-out session back: the user is logged in again");
        return { fault: "SOCKET_WRITE_REVIVES_SESSION", seen };
      }
      if (me.status >= 300) {
        seen.push("the socket's write left a broken session record in the store: every request with that cookie now fails");
        return { fault: "SOCKET_WRITE_REVIVES_SESSION", seen };
      }
      return undefined;
    } finally {
      socket.disconnect();
    }
  },
});

function isFinding(value: CartAnswer | Finding): value is Finding {
  return "fault" in value;
}

function isCartAnswer(value: unknown): value is CartAnswer {
  return typeof value === "object" && value !== null && Array.isArray((value as CartAnswer).cart);
}

function has(answer: CartAnswer, name: string): boolean {
  return Array.isArray(answer.cart) && answer.cart.includes(name);
}
