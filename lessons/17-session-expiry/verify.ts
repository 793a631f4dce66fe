// The standard check, then the session ends while the page's socket stays open: the verifier makes
// Redis expire it now, as its 30-minute TTL running out would, and tells the app nothing. HTTP must
// then know nobody. The page's own socket, asked whoami by the panel's Refresh button, must stop
// acting as the user: the server disconnects it or refuses it, or it answers as nobody. Another
// user's socket, open all along, must be left alone.
import { askWhoami, defineCheck, describeWhoami, expireSession, mark, me, otherUser, pageSocketAfter, press, short, whoamiAsked } from "#verify";
import lesson from "./lesson.ts";

/** How long the page's socket is given to answer whoami, or be disconnected, after the expiry. */
const ANSWER_MS = 2000;

/** What is left of a 30-minute session's TTL a few seconds after the login. */
const LIFETIME_MS = { min: 29 * 60_000, max: 30 * 60_000 };

export default defineCheck(lesson, {
  async extra(ctx) {
    const seen: string[] = [];
    // Another user, logged in with a socket open, whose session does not expire.
    const other = await otherUser(ctx).catch((err: Error) => err);
    if (other instanceof Error) return { fault: "NO_DECISION", seen: [other.message] };
    try {
      const since = mark(ctx);
      const expired = await expireSession(ctx, ctx.sessionId).catch((err: Error) => err);
      if (expired instanceof Error) return { fault: "NO_DECISION", seen: [`the verifier could not reach Redis at ${ctx.redisUrl}: ${expired.message}`] };
      if (!expired) {
        return { fault: "SESSION_NOT_IN_REDIS", seen: [`the browser is logged in as "${ctx.username}" (session ${short(ctx.sessionId)}), and Redis at REDIS_URL holds no key for that session`] };
      }
      const ttl = expired.ttlMs < 0 ? "no TTL" : `${Math.round(expired.ttlMs / 60_000)} min left to live`;
      seen.push(`Redis held the session of "${ctx.username}" as ${expired.key.replace(ctx.sessionId, short(ctx.sessionId))} (${ttl}); the verifier made it expire now, as its TTL running out would`);

      // The page's socket, open since the login: the panel's Refresh button asks it whoami, at
      // once, so that the answer tells what the app does with an event after the expiry.
      await press(ctx, "refresh");
      const outcome = await pageSocketAfter(ctx, since, ANSWER_MS);
      const answer =
        outcome?.kind === "answered"
          ? `the page's socket, asked whoami after the expiry → { sessionId: ${typeof outcome.me.sessionId === "string" ? short(outcome.me.sessionId) : "null"}, user: ${JSON.stringify(outcome.me.user ?? null)} }`
          : outcome?.kind === "closed by the page"
            ? "the page's socket closed itself (the client sent the disconnect): the server must end it, since a client that ignores the request keeps acting as the user"
            : outcome?.kind === "disconnected by the server"
              ? "the server disconnected the page's socket (a Socket.IO disconnect packet)"
              : outcome?.kind === "refused"
                ? `the page's socket reconnected and the server refused it: connect_error ${outcome.message}`
                : undefined;
      const actedAsUser = (outcome?.kind === "answered" && outcome.me.user === ctx.username) || outcome?.kind === "closed by the page";

      const http = await me(ctx, ctx.cookie).catch((err: Error) => err);
      if (http instanceof Error) return { fault: "NO_DECISION", seen: [...seen, `GET /me after the expiry failed: ${http.message}`] };
      if (actedAsUser) {
        // The socket acted as the user: that decides. A socket that saves its copy also brings it back.
        const back = http.user === ctx.username ? ["the socket saved its copy of the expired session back into Redis: HTTP knows the user again"] : [];
        return { fault: "SOCKET_OUTLIVES_EXPIRY", seen: [...seen, answer!, `then HTTP, with the same connect.sid: ${http.line}`, ...back] };
      }
      seen.push(`HTTP, with the same connect.sid: ${http.line}`);
      if (http.user === ctx.username) return { fault: "NO_DECISION", seen: [...seen, "HTTP still knows the user with the session gone from Redis: the app keeps sessions somewhere else too"] };

      if (answer) {
        // The page's socket no longer acts as the user; the other user's must still act as them.
        seen.push(answer);
        const bystander = await askWhoami(other.socket, ANSWER_MS);
        seen.push(`another user's socket ("${other.name}"), open all along: ${describeWhoami(bystander, ANSWER_MS)}`);
        if (bystander.me?.user !== other.name) return { fault: "EXPIRY_DISCONNECTED_OTHERS", seen };
        // A session ends after 30 minutes without a request (the README and the server say so).
        if (expired.ttlMs < LIFETIME_MS.min || expired.ttlMs > LIFETIME_MS.max) {
          return { fault: "SESSION_LIFETIME_WRONG", seen: [`just after the login, Redis gave the session ${expired.ttlMs < 0 ? "no TTL at all" : `a TTL of ${Math.round(expired.ttlMs / 1000)} s`}; it must end after 30 minutes without a request`] };
        }
        return undefined;
      }
      if (!whoamiAsked(ctx, since)) return { fault: "NO_DECISION", seen: [...seen, "the page's socket sent no whoami when Refresh was pressed, and the server sent it nothing"] };
      return {
        fault: "SOCKET_OUTLIVES_EXPIRY",
        seen: [
          ...seen,
          `the page's socket, asked whoami after the expiry, gave no answer within ${ANSWER_MS / 1000} s and the server did not disconnect it`,
          "it stays connected: whatever the server sends the user still reaches it",
        ],
      };
    } finally {
      other.socket.disconnect();
    }
  },
});
