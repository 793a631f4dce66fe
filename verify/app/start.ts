// Starts a lesson's app as the verifier runs it: the page on its own origin (client-host.ts, or the
// lesson's own Vite dev server: vite.ts), the server with a random SESSION_SECRET (lesson-server.ts),
// and what the lesson needs beside them: a Redis, a TLS-terminating proxy in front, or several
// instances behind HAProxy (haproxy.ts). Stopping the app stops all of it.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startClientHost, type ClientHost } from "./client-host.ts";
import { startViteDevServer } from "./vite.ts";
import { freePort, startLessonServer, type LessonServer } from "./lesson-server.ts";
import { startRecordingProxy, type RecordingProxy } from "./recording-proxy.ts";
import { BALANCER_CONFIG, startBalancer, type Balancer } from "./haproxy.ts";
import { redisUrl, startRedisServer, type RedisServer } from "./redis.ts";
import { WorkshopError } from "../errors.ts";
import type { LessonInfo } from "../catalogue/define.ts";

export interface App {
  pageUrl: string;
  apiUrl: string;
  secret: string;
  previousSecret: string;
  redisUrl?: string;
  /** The app's Redis when it has one of its own (needs.redis "own"): checks may restart it. */
  ownRedis?: RedisServer;
  server: LessonServer;
  /** Behind a load balancer (needs.balancer): every instance's own address, in the order of APP1_PORT, APP2_PORT… */
  instances?: string[];
  client: ClientHost;
  stop(): Promise<void>;
}

export interface AppOptions {
  port?: number;
  clientPort?: number;
  secret?: string;
  onServerOutput?: (text: string) => void;
  /**
   * For lessons that need a Redis of their own (`needs: { redis: "own" }`): the app's own Redis, kept by the caller across restarts (npm run
   * lesson, so that a save does not log the learner out). Without it the app gets one that stops with it.
   */
  ownRedis?: RedisServer;
}

/** What an app is started from: its lesson, and the folder its files are in. */
export interface AppSource {
  lesson: LessonInfo;
  appDir: string;
}

export async function startApp(target: AppSource, opts: AppOptions = {}): Promise<App> {
  // A port we picked can still be lost to another program in the instant before the server binds
  // it: then pick another. A port the learner chose is theirs to free (the error says how).
  for (let attempt = 1; ; attempt++) {
    try {
      return await startAppOn(target, opts.port ?? (await freePort()), opts);
    } catch (err) {
      const retry = opts.port === undefined && err instanceof WorkshopError && err.code === "PORT_IN_USE" && attempt < 3;
      if (!retry) throw err;
    }
  }
}

async function startAppOn(target: AppSource, port: number, opts: AppOptions): Promise<App> {
  const secret = opts.secret ?? randomBytes(18).toString("base64url");
  // As after a secret rotation: apps that accept the previous secret get one (lesson 10 checks it).
  const previousSecret = randomBytes(18).toString("base64url");
  const apiUrl = `http://localhost:${port}`;
  // The page: the lesson's own Vite dev server where it has one (its origin, from its config, is
  // the page's: CLIENT_ORIGIN below), else the workshop's page host.
  const client = target.lesson.needs.devServer
    ? await startViteDevServer({ dir: target.appDir, apiUrl, port: opts.clientPort || (await freePort()) })
    : await startClientHost({
        dir: target.appDir,
        title: `Lesson ${target.lesson.number}: ${target.lesson.title.en}`,
        apiUrl,
        port: opts.clientPort ?? 0,
      });
  // Behind a TLS-terminating proxy (as in production), the proxy takes the API's port and the
  // server gets one of its own. localhost counts as secure to browsers, so Secure cookies work.
  const serverPort = target.lesson.needs.tlsProxy ? await freePort() : port;
  let proxy: RecordingProxy | undefined;
  let balancer: Balancer | undefined;
  // A Redis of the app's own that the caller did not give is started here, and stops with the app.
  let ownRedis: RedisServer | undefined;
  try {
    let redis: string | undefined;
    let own: RedisServer | undefined;
    if (target.lesson.needs.redis === "own") redis = (own = opts.ownRedis ?? (ownRedis = await startRedisServer())).url;
    else if (target.lesson.needs.redis) redis = await redisUrl();
    if (target.lesson.needs.tlsProxy) {
      proxy = await startRecordingProxy(serverPort, { port, addHeaders: { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7" } });
    }
    const env = { clientOrigin: client.url, secret, previousSecret, redisUrl: redis };
    let server: LessonServer;
    let instances: string[] | undefined;
    if (target.lesson.needs.balancer) {
      // Several instances, each on a port of its own, and HAProxy on the app's port in front of them.
      const ports = await Promise.all(Array.from({ length: target.lesson.needs.balancer.instances }, () => freePort()));
      const started = await Promise.allSettled(ports.map((p) => startLessonServer(target.appDir, { ...env, port: p }, opts.onServerOutput)));
      const servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      server = together(servers);
      const failed = started.find((s) => s.status === "rejected");
      if (failed) {
        await server.stop();
        throw failed.reason;
      }
      instances = servers.map((s) => s.url);
      try {
        balancer = await startBalancer(path.join(target.appDir, BALANCER_CONFIG), port, ports);
      } catch (err) {
        await server.stop();
        throw err;
      }
    } else {
      server = await startLessonServer(target.appDir, { ...env, port: serverPort }, opts.onServerOutput);
    }
    return {
      pageUrl: client.url,
      apiUrl,
      secret,
      previousSecret,
      redisUrl: redis,
      ownRedis: own,
      server,
      instances,
      client,
      stop: async () => {
        balancer?.stop();
        await Promise.all([server.stop(), client.close(), proxy?.close()]);
        ownRedis?.stop();
      },
    };
  } catch (err) {
    await Promise.all([client.close(), proxy?.close()]);
    ownRedis?.stop();
    throw err;
  }
}

/**
 * The instances behind a balancer, seen as one server by the judge: their output one after the
 * other, and the first that ends ends the app (a crash of any instance is the app's crash).
 */
function together(servers: LessonServer[]): LessonServer {
  return {
    url: servers[0]?.url ?? "",
    output: () => servers.map((s, i) => `--- instance app${i + 1} (${s.url}) ---\n${s.output()}`).join("\n"),
    exited: Promise.race(servers.map((s, i) => s.exited.then((how) => `${how} (instance app${i + 1})`))),
    stop: async () => void (await Promise.all(servers.map((s) => s.stop()))),
  };
}
