// Redis servers for lessons whose apps keep sessions in Redis (manifest: `redis`). One is shared by
// the whole workshop process, started on first use: checks never share keys, since each app gets a
// random secret and session ids are random. An app whose check disrupts Redis itself (lesson 19
// drops its connections) gets one of its own, so that no other app's check feels it. Each listens
// on a free loopback port, writes nothing to disk, and ends with every other process the workshop
// started.
import { existsSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { spawnOwned, killGroup } from "./processes.ts";
import { findProgram } from "./programs.ts";
import { freePort } from "./ports.ts";
import { WorkshopError } from "../errors.ts";

export const REDIS_ENV = "WORKSHOP_REDIS";

const CANDIDATES = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/opt/homebrew/bin/redis-server"];

export const HOW_TO_GET_REDIS = [
  "Lessons that keep sessions in Redis need a Redis server (the workshop starts and stops it itself). Any one of these works:",
  "  - npm run setup                          (installs Debian/Ubuntu's redis-server when run as root)",
  "  - sudo apt-get install redis-server      (Debian/Ubuntu)",
  "  - brew install redis                     (macOS)",
  `  - ${REDIS_ENV}=/path/to/redis-server npm run verify   (a redis-server you already have)`,
].join("\n");

/** The redis-server to run: WORKSHOP_REDIS, else one on PATH or in the usual places. */
export function findRedis(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findProgram("redis-server", REDIS_ENV, CANDIDATES, env);
}

export interface RedisServer {
  /** redis://127.0.0.1:<port> */
  url: string;
  stop(): void;
  /** Kills the server and starts it again on the same port after `downMs`, empty, as a restart without persistence does. */
  restart(downMs: number): Promise<void>;
}

let shared: Promise<RedisServer> | undefined;

/** redis://127.0.0.1:<port> of the workshop's shared Redis, started if needed. */
export async function redisUrl(): Promise<string> {
  if (!shared) {
    const starting = startRedisServer();
    shared = starting;
    starting.catch(() => shared === starting && (shared = undefined)); // a later lesson may try again
  }
  return (await shared).url;
}

/** A Redis server of its own, for one app; the caller stops it (or the workshop's exit does). */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child = await spawnRedis(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => killGroup(child),
    async restart(downMs: number) {
      const gone = new Promise((resolve) => child.once("exit", resolve));
      killGroup(child, "SIGKILL"); // as a crash or a failover does: no goodbye to the clients
      await gone;
      await new Promise((resolve) => setTimeout(resolve, downMs));
      child = await spawnRedis(port);
    },
  };
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const binary = findRedis();
  if (!binary || !existsSync(binary)) {
    const which = process.env[REDIS_ENV] ? `${REDIS_ENV}=${process.env[REDIS_ENV]} does not exist.` : "No redis-server was found.";
    throw new WorkshopError("REDIS_MISSING", `${which}\n${HOW_TO_GET_REDIS}`);
  }
  const child = spawnOwned(
    binary,
    // set-proc-title no: Redis otherwise writes its title over its environment, where the leak tests
    // look for the tag every process the workshop starts inherits.
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "notice", "--set-proc-title", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const ready = new Promise<boolean>((resolve) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (/Ready to accept connections/.test(output)) resolve(true);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", () => resolve(false));
    child.once("error", (err) => {
      output += String(err);
      resolve(false);
    });
    setTimeout(() => resolve(false), 10_000).unref();
  });
  if (!(await ready)) {
    killGroup(child);
    const last = output.trim().split("\n").slice(-4).join("\n    ");
    throw new WorkshopError("REDIS_FAILED", `${binary} did not start on 127.0.0.1:${port}:\n    ${last || "(it printed nothing)"}\n${HOW_TO_GET_REDIS}`);
  }
  // Redis serves for as long as the workshop runs, without keeping it running: the process-exit
  // handler (processes.ts) ends it.
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.resume();
    (stream as NodeJS.ReadableStream & { unref?: () => void }).unref?.();
  }
  child.unref();
  return child;
}
