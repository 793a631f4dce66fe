// The app's Redis, seen and disturbed from outside: where a session is kept, how long it has to
// live, which connections the app holds, and Redis closing them or ending a session as its TTL would.
import type { CheckContext } from "./check.ts";

export interface ExpiredSession {
  /** The Redis key that held the session, e.g. `sess:<id>`. */
  key: string;
  /** How long it had left to live, in ms (-1: no TTL). */
  ttlMs: number;
}

/**
 * Ends a session the way its TTL running out would: finds the key that holds it in the app's Redis
 * (connect-redis's `sess:<id>`, whatever the prefix) and makes Redis expire it now. Nothing in the
 * app is told, as nothing is when a real TTL ends. Undefined when Redis holds no such session.
 */
export async function expireSession(ctx: CheckContext, sessionId: string): Promise<ExpiredSession | undefined> {
  if (!ctx.redisUrl) return undefined;
  return withRedis(ctx, async (client) => {
    const key = await sessionKeyIn(client, sessionId);
    if (!key) return undefined;
    const ttlMs = await client.pTTL(key);
    await client.pExpire(key, 1);
    // Redis drops an expired key the first time it is asked for it.
    const deadline = performance.now() + 1000;
    while ((await client.exists(key)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    return { key, ttlMs };
  });
}

/** The Redis key that holds a session (connect-redis's `sess:<id>`, whatever the prefix), if any. */
export async function findSessionKey(ctx: CheckContext, sessionId: string): Promise<string | undefined> {
  return withRedis(ctx, (client) => sessionKeyIn(client, sessionId));
}

export interface RedisConnection {
  /** The client's address as Redis sees it, e.g. 127.0.0.1:53122. */
  addr: string;
}

/** The app's connections to its Redis right now (every client but the verifier's own). */
export async function redisConnections(ctx: CheckContext): Promise<RedisConnection[]> {
  return withRedis(ctx, (client) => connectionsOf(client));
}

/**
 * Closes every connection to the app's Redis from the Redis side, as Redis does to clients idle
 * longer than its `timeout`, and as a restart, a failover or a network blip does. Returns how many
 * it closed. Only for apps with a Redis of their own (manifest `redis: "own"`): no other app's check
 * may feel it.
 */
export async function dropRedisConnections(ctx: CheckContext): Promise<number> {
  return withRedis(ctx, async (client) => {
    let closed = 0;
    for (const type of ["normal", "pubsub"]) {
      closed += Number(await client.sendCommand(["CLIENT", "KILL", "TYPE", type, "SKIPME", "yes"]));
    }
    return closed;
  });
}

/**
 * Waits until the app has at least one new connection to its Redis (none of `dropped`), at most
 * `ms`; undefined if not.
 */
export async function redisReconnected(ctx: CheckContext, ms: number, dropped: RedisConnection[] = []): Promise<RedisConnection[] | undefined> {
  const old = new Set(dropped.map((c) => c.addr));
  return withRedis(ctx, async (client) => {
    const deadline = performance.now() + ms;
    for (;;) {
      const connections = (await connectionsOf(client)).filter((c) => !old.has(c.addr));
      if (connections.length) return connections;
      if (performance.now() > deadline) return undefined;
      await new Promise((r) => setTimeout(r, 10));
    }
  });
}

const newRedisClient = async (url: string) =>
  (await import("redis")).createClient({ url, socket: { connectTimeout: 3000, reconnectStrategy: false } });
type RedisClient = Awaited<ReturnType<typeof newRedisClient>>;

/** Runs `work` with a short-lived connection of the verifier's own to the app's Redis. */
async function withRedis<T>(ctx: CheckContext, work: (client: RedisClient) => Promise<T>): Promise<T> {
  if (!ctx.redisUrl) throw new Error("this lesson's app was given no Redis (manifest: redis)");
  const client = await newRedisClient(ctx.redisUrl);
  client.on("error", () => {}); // a failed command rejects; the event would only repeat it
  await client.connect();
  try {
    return await work(client);
  } finally {
    client.destroy();
  }
}

async function sessionKeyIn(client: RedisClient, sessionId: string): Promise<string | undefined> {
  let key: string | undefined;
  for await (const keys of client.scanIterator({ MATCH: `*${sessionId.replace(/[*?[\]\\]/g, "\\$&")}`, COUNT: 1000 })) {
    key ??= keys.find((k) => k.endsWith(sessionId));
  }
  return key;
}

async function connectionsOf(client: RedisClient): Promise<RedisConnection[]> {
  const [own, list] = await Promise.all([client.sendCommand(["CLIENT", "ID"]), client.sendCommand(["CLIENT", "LIST"])]);
  return String(list)
    .split("\n")
    .filter(Boolean)
    .map((line) => Object.fromEntries(line.trim().split(" ").map((field) => field.split("=", 2) as [string, string])))
    .filter((fields) => fields.id !== String(own))
    .map((fields) => ({ addr: fields.addr ?? "?" }));
}
