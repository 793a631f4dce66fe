// After the standard check, Redis closes the app's connections, as it does to clients idle longer
// than its `timeout`, and as a restart, a failover or a network blip does. The server must live
// through it, connect again, say so in its log, and still know the browser's session over HTTP and
// over a new socket. The app has a Redis server of its own (manifest: redis "own"), so no other
// app's check feels the drop.
import {
  connectAs,
  defineCheck,
  dropRedisConnections,
  fetchApi,
  findSessionKey,
  probeSocket,
  redisConnections,
  redisReconnected,
  withoutLibraryFrames,
  type CheckContext,
  type Finding,
} from "#verify";
import lesson from "./lesson.ts";

// node-redis tries again within 250 ms of a drop (50 ms plus up to 200 ms of jitter).
const RECONNECT_MS = 3000;
// The log line is written as the connection drops, before the app connects again; the wait only
// covers output that a slow pipe (not Linux's) delivers late.
const LOG_MS = 1000;

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    const seen: string[] = [];
    const key = await findSessionKey(ctx, ctx.sessionId);
    if (!key) {
      return {
        fault: "SESSION_NOT_IN_REDIS",
        seen: [`the browser logged in as "${ctx.username}" (session ${ctx.sessionId}); the app's Redis holds no key for that session`],
      };
    }
    seen.push(`the session is in Redis (${key})`);

    // A user's socket, open through the drops: it must stay connected. (An app that crashes and is
    // restarted by a supervisor comes back, but every user's socket dropped with it.) It is on
    // WebSocket, and the page is closed first: no request may reach the app while Redis is away, as
    // an app whose Redis commands fail at once (reconnecting turned off) may crash on one, or may not,
    // depending on when it comes.
    await ctx.page.goto("about:blank");
    const held = await connectAs(ctx.apiUrl, { cookie: ctx.cookie, transports: ["websocket"] });
    let dropped: string | undefined;
    held.on("disconnect", (reason) => (dropped ??= reason));
    try {
      // Twice, as a flapping network does: an app must live through every drop and log every one,
      // not only the first (`redis.once("error", ...)`).
      for (const time of ["", " again"]) {
        const failed = await dropAndWait(ctx, seen, time);
        if (failed) return failed;
      }
      if (dropped) {
        return { fault: "REDIS_DROP_DISCONNECTED_SOCKETS", seen: [...seen, `a user's socket that was connected before the drops was disconnected (${dropped})`] };
      }
      return await sessionStillKnown(ctx, seen);
    } finally {
      held.disconnect();
    }
  },
});

/** Closes the app's Redis connections; a finding unless the server lives, logs it and connects again. */
async function dropAndWait(ctx: CheckContext, seen: string[], time: string): Promise<Finding | undefined> {
  const before = await redisConnections(ctx);
  const logFrom = ctx.serverOutput().length;
  // What the server printed since this drop: messages, not stack frames.
  const said = () =>
    withoutLibraryFrames(ctx.serverOutput().slice(logFrom))
      .filter((line) => !/^\s+at |^\s*\^\s*$|^Node\.js v\d/.test(line))
      .map((line) => line.trim())
      .slice(0, 6);
  const closed = await dropRedisConnections(ctx);
  seen.push(`Redis closed the app's ${connections(closed)}${time}, as it does to clients idle longer than its timeout, and in a restart or a failover`);
  const outcome = await Promise.race([
    ctx.serverExited.then((how) => ({ exited: how })),
    redisReconnected(ctx, RECONNECT_MS, before).then((connections) => ({ connections })),
  ]);
  if ("exited" in outcome) {
    return { fault: "REDIS_DROP_CRASHED_SERVER", seen: [...seen, `the server ${outcome.exited}; it printed:`, ...said()], explainsExit: true };
  }
  if (!outcome.connections) {
    const log = said();
    return {
      fault: "REDIS_NOT_RECONNECTED",
      seen: [...seen, `the server still runs, but ${RECONNECT_MS / 1000} s later it had not connected to Redis again`, ...(log.length ? ["it printed:", ...log] : [])],
    };
  }
  const deadline = performance.now() + LOG_MS;
  while (!said().length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const log = said();
  if (!log.length) return { fault: "REDIS_ERROR_NOT_LOGGED", seen: [...seen, `the app connected to Redis again, and printed nothing about it`] };
  seen.push(`the server printed: ${log[0]}; it connected to Redis again (${connections(outcome.connections.length)})`);
  return undefined;
}

const connections = (n: number) => `${n} connection${n === 1 ? "" : "s"}`;

/** After the app reconnected: HTTP and a new socket must still know the browser's session. */
async function sessionStillKnown(ctx: CheckContext, seen: string[]): Promise<Finding | undefined> {
  const lost = (more: string): Finding => ({ fault: "REDIS_SESSION_LOST_AFTER_DROP", seen: [...seen, more] });
  const me = await fetchApi(ctx.apiUrl, "/me", { cookie: ctx.cookie }).catch((err: Error) => err);
  if (me instanceof Error) return lost(`GET /me with the browser's cookie: no answer within 3 s (${me.message})`);
  const user = (me.json as { user?: string | null } | undefined)?.user ?? null;
  seen.push(`GET /me with the browser's cookie → ${me.status} ${me.body.trim().slice(0, 160)}`);
  if (user !== ctx.username) return lost(`HTTP no longer knows "${ctx.username}"`);

  const probe = await probeSocket(ctx.apiUrl, { cookie: ctx.cookie });
  seen.push(`a new socket with the same cookie: whoami → ${probe.whoami ? JSON.stringify(probe.whoami) : (probe.error ?? "no answer")}`);
  if (probe.whoami?.user !== ctx.username) return lost(`a new socket no longer knows "${ctx.username}"`);
  return undefined;
}
