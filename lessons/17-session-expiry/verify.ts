// Standard check, then the session ends while the page's socket stays open: the verifier makes
// Redis expire it now, as its 30-minute TTL running out would, and tells the app nothing. HTTP must
// then know nobody. The page's own socket, asked whoami by the panel's Refresh button, must stop
// acting as the user: the server disconnects it or refuses it, or it answers as nobody. Another
// user's socket, open all along, must be left alone.
import { askWhoami, defineCheck, expireSession, fetchApi, otherUser, type CheckContext, type Finding, type OtherUser, type WirePacket } from "#verify";
import lesson from "./lesson.ts";

/** How long the page's socket is given to answer whoami, or be disconnected, after the expiry. */
const ANSWER_MS = 2000;

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    // Another user, logged in with a socket open, whose session does not expire.
    const other = await otherUser(ctx).catch((err: Error) => err);
    if (other instanceof Error) return { fault: "NO_DECISION", seen: [other.message] };
    try {
      return await expireAndAsk(ctx, other.name, other.socket);
    } finally {
      other.socket.disconnect();
    }
  },
});

async function expireAndAsk(ctx: CheckContext, other: string, bystander: OtherUser["socket"]): Promise<Finding | undefined> {
  const seen: string[] = [];
  const sid = `${ctx.sessionId.slice(0, 12)}…`;
  const since = ctx.wire.nextSeq();

  const expired = await expireSession(ctx, ctx.sessionId).catch((err: Error) => err);
  if (expired instanceof Error) return { fault: "NO_DECISION", seen: [`the verifier could not reach Redis at ${ctx.redisUrl}: ${expired.message}`] };
  if (!expired) {
    return {
      fault: "SESSION_NOT_IN_REDIS",
      seen: [`the browser is logged in as "${ctx.username}" (session ${sid}), and Redis at REDIS_URL holds no key for that session`],
    };
  }
  const ttl = expired.ttlMs < 0 ? "no TTL" : `${Math.round(expired.ttlMs / 60_000)} min left to live`;
  seen.push(`Redis held the session of "${ctx.username}" as ${expired.key.replace(ctx.sessionId, sid)} (${ttl}); the verifier made it expire now, as its TTL running out would`);

  // The page's socket, open since the login: the panel's Refresh button asks it whoami, at once,
  // so that the answer tells what the app does with an event after the expiry.
  await ctx.page.evaluate(() => document.getElementById("refresh")?.click()).catch(() => {});
  const after = (p: WirePacket) => p.seq > since;
  const outcome = await ctx.wire.until(() => {
    for (const p of ctx.wire.packets.filter(after)) {
      if (p.dir === "sent" && p.packet.kind === "disconnect") {
        return { asUser: "the page's socket closed itself (the client sent the disconnect): the server must end it, since a client that ignores the request keeps acting as the user" };
      }
      if (p.dir !== "received") continue;
      if (p.packet.kind === "disconnect") return "the server disconnected the page's socket (a Socket.IO disconnect packet)";
      if (p.packet.kind === "connect_error") return `the page's socket reconnected and the server refused it: connect_error ${JSON.stringify(p.packet.data)}`;
      if (p.packet.kind === "ack" && isWhoamiAck(ctx.wire.packets, p)) {
        const me = p.packet.args[0] as { sessionId?: unknown; user?: unknown } | undefined;
        const shown = `the page's socket, asked whoami after the expiry → { sessionId: ${short(me?.sessionId)}, user: ${JSON.stringify(me?.user ?? null)} }`;
        return me?.user === ctx.username ? { asUser: shown } : shown;
      }
    }
    return undefined;
  }, ANSWER_MS);

  const me = await fetchApi(ctx.apiUrl, "/me", { cookie: ctx.cookie }).catch((err: Error) => err);
  if (me instanceof Error) return { fault: "NO_DECISION", seen: [...seen, `GET /me after the expiry failed: ${me.message}`] };
  const httpKnows = (me.json as { user?: unknown } | undefined)?.user === ctx.username;
  if (outcome && typeof outcome !== "string") {
    // The socket acted as the user: that decides. A socket that saves its copy also brings it back.
    const back = httpKnows ? ["the socket saved its copy of the expired session back into Redis: HTTP knows the user again"] : [];
    return { fault: "SOCKET_OUTLIVES_EXPIRY", seen: [...seen, outcome.asUser, `then HTTP: GET /me with the same connect.sid → ${me.body.trim().slice(0, 120)}`, ...back] };
  }
  seen.push(`HTTP: GET /me with the same connect.sid → ${me.body.trim().slice(0, 120)}`);
  if (httpKnows) {
    return { fault: "NO_DECISION", seen: [...seen, "HTTP still knows the user with the session gone from Redis: the app keeps sessions somewhere else too"] };
  }

  if (typeof outcome === "string") {
    // The page's socket no longer acts as the user; the other user's must still act as them.
    seen.push(outcome);
    const answer = await askWhoami(bystander, ANSWER_MS);
    seen.push(`another user's socket ("${other}"), open all along: ${answer.gone ? `disconnected (${answer.gone})` : `whoami → user ${JSON.stringify(answer.me?.user ?? null)}`}`);
    return answer.me?.user === other ? undefined : { fault: "EXPIRY_DISCONNECTED_OTHERS", seen };
  }
  const asked = ctx.wire.packets.some((p) => after(p) && p.dir === "sent" && p.packet.kind === "event" && p.packet.name === "whoami");
  if (!asked) return { fault: "NO_DECISION", seen: [...seen, "the page's socket sent no whoami when Refresh was pressed, and the server sent it nothing"] };
  return {
    fault: "SOCKET_OUTLIVES_EXPIRY",
    seen: [
      ...seen,
      `the page's socket, asked whoami after the expiry, gave no answer within ${ANSWER_MS / 1000} s and the server did not disconnect it`,
      "it stays connected: whatever the server sends the user still reaches it",
    ],
  };
}

function short(id: unknown): string {
  return typeof id === "string" ? `${id.slice(0, 12)}…` : JSON.stringify(id ?? null);
}

/** Whether an acknowledgement answers a whoami the page sent on the same connection. */
function isWhoamiAck(packets: WirePacket[], ack: WirePacket): boolean {
  if (ack.packet.kind !== "ack") return false;
  const id = ack.packet.id;
  return packets.some(
    (p) => p.dir === "sent" && p.engineSid === ack.engineSid && p.packet.kind === "event" && p.packet.name === "whoami" && p.packet.id === id,
  );
}
