// The standard check, then Redis closes the app's connections, as it does to clients idle longer
// than its `timeout`, and as a restart, a failover or a network blip does; twice, as a flapping
// network does. Each time the server must live through it, say so in its log, and connect again;
// a user's socket, open through both drops, must stay connected; and afterwards HTTP and a new
// socket must still know the browser's session. The app has a Redis server of its own (lesson.ts:
// needs redis "own"), so no other app's check feels the drops.
import { connectAs, count, defineCheck, describeProbe, dropRedisConnections, findSessionKey, me, probeSocket, redisConnections, redisReconnected, serverLog } from "#verify";
import lesson from "./lesson.ts";

// node-redis tries again within 250 ms of a drop (50 ms plus up to 200 ms of jitter).
const RECONNECT_MS = 3000;
// The log line is written as the connection drops, before the app connects again; the wait only
// covers output that a slow pipe (not Linux's) delivers late.
const LOG_MS = 1000;

export default defineCheck(lesson, {
  async extra(ctx) {
    const seen: string[] = [];
    const key = await findSessionKey(ctx, ctx.sessionId);
    if (!key) {
      return { fault: "SESSION_NOT_IN_REDIS", seen: [`the browser logged in as "${ctx.username}" (session ${ctx.sessionId}); the app's Redis holds no key for that session`] };
    }
    seen.push(`the session is in Redis (${key})`);

    // A user's socket, open through the drops, on WebSocket. The page is closed first: no request
    // may reach the app while Redis is away, as an app whose Redis commands fail at once
    // (reconnecting turned off) may crash on one, or may not, depending on when it comes.
    await ctx.page.goto("about:blank");
    const held = await connectAs(ctx, { cookie: ctx.cookie, transports: ["websocket"] });
    let dropped: string | undefined;
    held.on("disconnect", (reason) => (dropped ??= reason));
    try {
      // Twice: an app must live through every drop and log every one, not only the first (`redis.once("error", ...)`).
      for (const time of ["", " again"]) {
        const before = await redisConnections(ctx);
        const log = serverLog(ctx);
        const closed = await dropRedisConnections(ctx);
        seen.push(`Redis closed the app's ${count(closed, "connection")}${time}, as it does to clients idle longer than its timeout, and in a restart or a failover`);
        const outcome = await Promise.race([
          ctx.serverExited.then((how) => ({ exited: how })),
          redisReconnected(ctx, RECONNECT_MS, before).then((connections) => ({ connections })),
        ]);
        if ("exited" in outcome) return { fault: "REDIS_DROP_CRASHED_SERVER", seen: [...seen, `the server ${outcome.exited}; it printed:`, ...log.lines().slice(0, 6)], explainsExit: true };
        if (!outcome.connections) {
          const said = log.lines().slice(0, 6);
          return { fault: "REDIS_NOT_RECONNECTED", seen: [...seen, `the server still runs, but ${RECONNECT_MS / 1000} s later it had not connected to Redis again`, ...(said.length ? ["it printed:", ...said] : [])] };
        }
        const line = await log.waitFor(/./, LOG_MS);
        if (!line) return { fault: "REDIS_ERROR_NOT_LOGGED", seen: [...seen, "the app connected to Redis again, and printed nothing about it"] };
        seen.push(`the server printed: ${line}; it connected to Redis again (${count(outcome.connections.length, "connection")})`);
      }
      if (dropped) return { fault: "REDIS_DROP_DISCONNECTED_SOCKETS", seen: [...seen, `a user's socket that was connected before the drops was disconnected (${dropped})`] };

      // After the app reconnected: HTTP and a new socket must still know the browser's session.
      const lost = (more: string) => ({ fault: "REDIS_SESSION_LOST_AFTER_DROP", seen: [...seen, more] });
      const http = await me(ctx, ctx.cookie).catch((err: Error) => err);
      if (http instanceof Error) return lost(`GET /me with the browser's cookie: no answer within 3 s (${http.message})`);
      seen.push(`with the browser's cookie, ${http.line}`);
      if (http.user !== ctx.username) return lost(`HTTP no longer knows "${ctx.username}"`);
      const probe = await probeSocket(ctx, { cookie: ctx.cookie });
      seen.push(`a new socket with the same cookie: ${describeProbe(probe)}`);
      if (probe.whoami?.user !== ctx.username) return lost(`a new socket no longer knows "${ctx.username}"`);
      return undefined;
    } finally {
      held.disconnect();
    }
  },
});
