// Store faults: the app's Redis restarts (refusing connections for a while, then back, empty, as a
// restart without persistence is). The app must live through it, say so in its log, connect again,
// and serve its users: a new login works over HTTP and over a socket. From lesson 14, where the
// store moves to Redis (the app's own Redis, so that restarting it disturbs no other lesson).
import { me } from "../kit/http.ts";
import { redisReconnected } from "../kit/redis.ts";
import { serverLog } from "../kit/server-log.ts";
import { describeProbe, probeSocket } from "../kit/sockets.ts";
import { freshUser, isUser } from "./fresh.ts";
import type { BatteryItem } from "./item.ts";

const DOWN_MS = 500;
const RECONNECT_MS = 5000;

const restart: BatteryItem = {
  id: "store.redis-restart",
  tries: "the app's Redis restarts: down for half a second, then back, empty",
  from: 14,
  lacks: (ctx) => (ctx.restartRedis ? undefined : "the app keeps no sessions in a Redis of its own"),
  async run(ctx) {
    const log = serverLog(ctx);
    const seen = [`the app's Redis was killed and started again on the same port ${DOWN_MS} ms later, empty, as a restart without persistence is`];
    const restarted = ctx.restartRedis!(DOWN_MS);
    const outcome = await Promise.race([ctx.serverExited.then((how) => ({ exited: how })), restarted.then(() => ({ back: true }))]);
    if ("exited" in outcome) return { fault: "REDIS_RESTART_KILLED_SERVER", seen: [...seen, `the server ${outcome.exited}; it printed:`, ...log.lines().slice(0, 6)], explainsExit: true };
    const connected = await Promise.race([ctx.serverExited.then((how) => ({ exited: how })), redisReconnected(ctx, RECONNECT_MS).then((connections) => ({ connections }))]);
    if ("exited" in connected) return { fault: "REDIS_RESTART_KILLED_SERVER", seen: [...seen, `the server ${connected.exited}; it printed:`, ...log.lines().slice(0, 6)], explainsExit: true };
    if (!connected.connections) return { fault: "REDIS_RESTART_NOT_RECOVERED", seen: [...seen, `${RECONNECT_MS / 1000} s after Redis was back, the app had not connected to it again`] };
    // Whoever runs the app learns of the outage from its log, not from users.
    if (!log.lines().length) return { fault: "REDIS_ERROR_NOT_LOGGED", seen: [...seen, "the app connected to Redis again", "it printed nothing while Redis was down"] };
    const user = await freshUser(ctx, "after-restart").catch((err: Error) => err);
    if (user instanceof Error) return { fault: "REDIS_RESTART_NOT_RECOVERED", seen: [...seen, "the app connected to Redis again", `a new login: ${user.message}`] };
    const [http, socket] = await Promise.all([me(ctx, user.cookie), probeSocket(ctx, { cookie: user.cookie })]);
    seen.push(`the app connected to Redis again; "${user.name}" logged in; with its cookie, ${http.line}; a socket: ${describeProbe(socket)}`);
    if (!isUser(http, user) || !isUser(socket.whoami, user)) return { fault: "REDIS_RESTART_NOT_RECOVERED", seen };
    return undefined;
  },
};

export const STORE: BatteryItem[] = [restart];
