// Starts a lesson's server.ts as its own Node process (compiled first, no loader or wrapper
// process), waits until it listens, and keeps what it prints as evidence.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { isBuiltin } from "node:module";
import { spawnOwned, killGroup } from "./processes.ts";
import { buildServer as build } from "../build/esbuild.mjs";
import { vendoredPackages, vendorFileName, vendorModules, type Vendor } from "../build/vendor.ts";
import { ROOT } from "../paths.ts";
import { WorkshopError } from "../errors.ts";

export interface ServerEnv {
  port: number;
  clientOrigin: string;
  secret: string;
  /** The secret before the last rotation, for apps that still accept cookies signed with it. */
  previousSecret?: string;
  /** Where the app finds Redis (lessons with `redis: true`). */
  redisUrl?: string;
}

export interface LessonServer {
  url: string;
  /** Everything the server printed so far, newest last. */
  output(): string;
  /** Resolves with a description once the process exits (crash, or stopped). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

const LISTEN_TIMEOUT_MS = 10_000;

let markSpawned = () => {};
/** Settles once this process has spawned its first lesson server (see cli/verify.ts). */
export const firstServerSpawned = new Promise<void>((resolve) => (markSpawned = resolve));

/**
 * Compiles server.ts (and the lesson's own imports) to one ES module whose library imports point
 * at the prebuilt libraries (vendor.ts). Plain `node` then starts it without a TypeScript loader
 * and with a third less CPU than loading the libraries from node_modules, and a syntax error is
 * reported here with its exact place. Source maps keep stack traces on the .ts lines. Without
 * prebuilt libraries (none could be built, or the lesson imports one that is not prebuilt), it
 * imports them from node_modules: slower, same behaviour.
 */
export async function buildServer(dir: string, entry = "server.ts"): Promise<string> {
  const vendor = await vendorModules();
  const plain = () => build(ROOT, { dir, entry, extra: ["plain"] });
  try {
    if (!vendor) return file(await plain());
    try {
      return file(await build(ROOT, { dir, entry, extra: [vendor.key], resolve: (specifier) => prebuilt(vendor, specifier) }));
    } catch (err) {
      // A library that is not prebuilt might import express-session or socket.io itself, and two
      // copies must never meet: then none is prebuilt.
      if (!(err instanceof NotPrebuilt) && !String((err as Error).message).includes(NOT_PREBUILT)) throw err;
      return file(await plain());
    }
  } catch (err) {
    const first = (err as { errors?: { text: string; location?: { file: string; line: number; column: number } }[] }).errors?.[0];
    if (!first?.location) throw new WorkshopError("SYNTAX_ERROR", `${entry} could not be compiled: ${String(err)}`);
    const where = `${path.relative(ROOT, path.resolve(first.location.file))}:${first.location.line}:${first.location.column + 1}`;
    throw new WorkshopError("SYNTAX_ERROR", `${where}: ${first.text}${sourceExcerpt(where)}`, { file: where });
  }
  function file(folder: string): string {
    return path.join(folder, entry.replace(/\.ts$/, ".mjs"));
  }
}

const NOT_PREBUILT = "workshop: a library that is not prebuilt";
class NotPrebuilt extends Error {}

/** A prebuilt library's URL; a package that is not prebuilt stops the build (see buildServer). */
function prebuilt(vendor: Vendor, specifier: string): string | undefined {
  if (isBuiltin(specifier)) return undefined;
  const url = vendor.modules.get(specifier);
  if (url) return url;
  throw new NotPrebuilt(`${NOT_PREBUILT}: ${specifier}`);
}

export async function startLessonServer(
  dir: string,
  env: ServerEnv,
  onOutput?: (text: string) => void,
): Promise<LessonServer> {
  const file = await buildServer(dir);
  const child = spawnOwned(process.execPath, ["--enable-source-maps", "--require", LISTEN_REPORTER, file], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: String(env.port),
      CLIENT_ORIGIN: env.clientOrigin,
      SESSION_SECRET: env.secret,
      ...(env.previousSecret ? { PREVIOUS_SESSION_SECRET: env.previousSecret } : {}),
      ...(env.redisUrl ? { REDIS_URL: env.redisUrl } : {}),
      NODE_ENV: "development",
      FORCE_COLOR: "0",
    },
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  markSpawned();
  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    onOutput?.(text);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ? `stopped by ${signal}` : `exited with code ${code}`)),
  );

  const server: LessonServer = {
    url: `http://localhost:${env.port}`,
    output: () => output,
    exited,
    stop: () => stop(child, exited),
  };

  const outcome = await Promise.race([
    listenedOn(child, env.port, LISTEN_TIMEOUT_MS),
    exited.then(() => "exited" as const),
  ]);
  if (typeof outcome === "object" && isLoopback(outcome.address)) return server;
  await server.stop();
  if (typeof outcome === "object") {
    // Anyone on the network (a classroom's other laptops) would reach the app, and its sessions.
    throw new WorkshopError(
      "SERVER_NOT_ON_LOOPBACK",
      `server.ts listens on ${outcome.address === "::" || outcome.address === "0.0.0.0" ? "every network interface" : outcome.address} (${outcome.address}), ` +
        `so anyone on your network can reach your app and its sessions. The workshop stopped it.\n` +
        `Listen on loopback only: httpServer.listen(Number(process.env.PORT ?? 3000), "127.0.0.1").`,
    );
  }
  if (outcome === "exited") throw serverStartError(dir, output, await exited, env.port);
  if (typeof outcome === "number") {
    throw new WorkshopError(
      "SERVER_WRONG_PORT",
      `server.ts listens on port ${outcome}, but the workshop started it with PORT=${env.port}.\n` +
        `Read the port from the environment: httpServer.listen(Number(process.env.PORT ?? 3000), "127.0.0.1").`,
    );
  }
  throw new WorkshopError(
    "SERVER_NEVER_LISTENED",
    `server.ts started but nothing listened on port ${env.port} within ${LISTEN_TIMEOUT_MS / 1000} s.\n` +
      `The workshop passes the port in the PORT environment variable: the server must call ` +
      `httpServer.listen(Number(process.env.PORT ?? 3000), "127.0.0.1").` +
      tail(output),
  );
}

async function stop(child: ChildProcess, exited: Promise<string>): Promise<void> {
  killGroup(child, "SIGTERM");
  const done = await Promise.race([exited.then(() => true), sleep(1500).then(() => false)]);
  if (!done) {
    killGroup(child, "SIGKILL");
    await exited;
  }
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6: reachable from this machine only. */
export function isLoopback(address: string): boolean {
  return /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address) || address === "::1";
}

const LISTEN_REPORTER = path.join(ROOT, "verify", "app", "listen-reporter.cjs");

/**
 * The address, once the server reports (listen-reporter.cjs) that it listens on the expected port;
 * the port it chose instead, if it listens elsewhere; "timeout" if it never listens at all.
 */
function listenedOn(child: ChildProcess, port: number, timeoutMs: number): Promise<{ address: string } | "timeout" | number> {
  return new Promise((resolve) => {
    let elsewhere: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    const finish = (outcome: { address: string } | "timeout" | number) => {
      clearTimeout(timer);
      clearTimeout(elsewhere);
      reports.off("data", onData);
      resolve(outcome);
    };
    let pending = "";
    const onData = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        let reported: number;
        let address: string;
        try {
          const report = JSON.parse(line) as { port: number; address: string };
          reported = Number(report.port);
          address = String(report.address);
        } catch {
          continue;
        }
        if (reported === port) return finish({ address });
        // Another port first: give the expected one a moment (a second server may be starting).
        elsewhere ??= setTimeout(() => finish(reported), 300);
      }
    };
    const reports = child.stdio[3] as NodeJS.ReadableStream;
    reports.on("data", onData);
  });
}

/** Turns what a server printed before dying into "file:line: message" the learner can act on. */
export function serverStartError(dir: string, output: string, how: string, port: number): WorkshopError {
  if (/EADDRINUSE/.test(output)) {
    return new WorkshopError("PORT_IN_USE", `The lesson server could not listen: port ${port} is already in use.` + tail(output));
  }
  if (how === "exited with code 0") {
    // Nothing failed: the program simply ran out of things to do, so nothing keeps it listening.
    return new WorkshopError(
      "SERVER_NEVER_LISTENED",
      `server.ts ran to its end (exit code 0) without listening on port ${port}. Is the ` +
        `httpServer.listen(Number(process.env.PORT ?? 3000), "127.0.0.1") call missing?` +
        tail(output),
    );
  }
  const location = findLocation(dir, output);
  // Node reports an import of a name the module lacks as a SyntaxError, though the code parses.
  const missing = /The requested module '([^']+)' does not provide an export named '([^']+)'/.exec(output);
  if (missing) {
    const from = vendoredPackages().find((name) => missing[1]!.endsWith(`/${vendorFileName(name)}`)) ?? missing[1];
    return new WorkshopError(
      "IMPORT_ERROR",
      `${location ? `${location}: ` : ""}server.ts imports \`${missing[2]}\` from "${from}", and "${from}" exports no such name.${sourceExcerpt(location)}`,
      { file: location },
    );
  }
  const syntax = /TransformError|SyntaxError|ERROR: /.test(output);
  const message = firstErrorLine(output) ?? `server.ts ${how} before it listened`;
  const where = location ? `${location}: ` : "";
  if (syntax) {
    return new WorkshopError("SYNTAX_ERROR", `${where}${message}${sourceExcerpt(location)}`, { file: location });
  }
  return new WorkshopError(
    "SERVER_CRASHED",
    `${where}${message}\nThe server ${how} before it listened on port ${port}.${tail(output)}`,
    { file: location },
  );
}

/** The first place in the learner's folder that output points at, preferring file:line:column. */
export function findLocation(dir: string, output: string): string | undefined {
  const files = /((?:file:\/\/)?\/[^\s:()'"]+\.(?:ts|js|mjs|cjs)):(\d+)(?::(\d+))?/g;
  const places = [...output.matchAll(files)]
    .map((match) => ({ file: match[1]!.replace(/^file:\/\//, ""), line: match[2], column: match[3] }))
    .filter((place) => place.file.startsWith(dir) && !place.file.includes("node_modules"));
  const best = places.find((place) => place.column) ?? places[0];
  return best && `${path.relative(ROOT, best.file)}:${best.line}${best.column ? `:${best.column}` : ""}`;
}

/** The line a location points at, with a caret under the column. */
function sourceExcerpt(location: string | undefined): string {
  const match = location && /^(.*?):(\d+)(?::(\d+))?$/.exec(location);
  if (!match) return "";
  try {
    const line = readFileSync(path.join(ROOT, match[1]!), "utf8").split("\n")[Number(match[2]) - 1];
    if (line === undefined) return "";
    const caret = match[3] ? `\n    ${" ".repeat(Math.max(0, Number(match[3]) - 1))}^` : "";
    return `\n    ${line}${caret}`;
  } catch {
    return "";
  }
}

function firstErrorLine(output: string): string | undefined {
  const esbuild = /ERROR: (.+)/.exec(output);
  if (esbuild) return esbuild[1];
  const thrown = /^(?:\w*Error|Error)(?: \[[^\]]+\])?: .+$/m.exec(output);
  return thrown?.[0];
}

/** What a program printed, without stack frames from libraries and Node's internals. */
export function withoutLibraryFrames(output: string): string[] {
  return output
    .trim()
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^\s+at .*(node_modules|[\\/]\.workshop[\\/]vendor[\\/]|node:internal|\(<anonymous>\)|\(native\))/.test(line));
}

export function tail(output: string, lines = 10): string {
  const text = withoutLibraryFrames(output).slice(-lines).join("\n    ");
  return text ? `\n  Server output (last lines):\n    ${text}` : "";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export { freePort } from "./ports.ts";
