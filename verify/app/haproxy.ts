// HAProxy in front of several instances of a lesson's server, as production runs them (needs.balancer).
// The lesson's own haproxy.cfg is the learner's to edit; the workshop runs it as it is, telling it the
// ports in the environment (HAProxy expands "${PORT}" in its config): PORT where the browser reaches
// the app, APP1_PORT, APP2_PORT… where the instances listen. HAProxy runs in the foreground (-db) on
// loopback, writes nothing to disk, and ends with every other process the workshop started.
import { existsSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { killGroup, spawnOwned } from "./processes.ts";
import { findProgram } from "./programs.ts";
import { WorkshopError } from "../errors.ts";

export const HAPROXY_ENV = "WORKSHOP_HAPROXY";
export const BALANCER_CONFIG = "haproxy.cfg";

const CANDIDATES = ["/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/local/bin/haproxy", "/opt/homebrew/bin/haproxy", "/opt/homebrew/sbin/haproxy"];

export const HOW_TO_GET_HAPROXY = [
  "Lessons that run several instances behind a load balancer need HAProxy (the workshop starts and stops it itself). Any one of these works:",
  "  - npm run setup                          (installs Debian/Ubuntu's haproxy when run as root)",
  "  - sudo apt-get install haproxy           (Debian/Ubuntu)",
  "  - brew install haproxy                   (macOS)",
  `  - ${HAPROXY_ENV}=/path/to/haproxy npm run verify   (an haproxy you already have)`,
].join("\n");

/** The haproxy to run: WORKSHOP_HAPROXY, else one on PATH or in the usual places (Debian keeps it in /usr/sbin). */
export function findHaproxy(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findProgram("haproxy", HAPROXY_ENV, CANDIDATES, env);
}

/** "HAProxy version 2.6.12-1+deb12u4 …" of the haproxy found, or undefined when none runs. */
export function haproxyVersion(binary = findHaproxy()): string | undefined {
  if (!binary) return undefined;
  const run = spawnSync(binary, ["-v"], { encoding: "utf8", timeout: 5000 });
  return run.status === 0 ? run.stdout.split("\n")[0]!.replace(/ - https?:\S+/, "").trim() : undefined;
}

export interface Balancer {
  /** http://localhost:<port>: where the browser reaches the app. */
  url: string;
  /** Everything HAProxy printed (warnings, and its log if the config sends one to stdout). */
  output(): string;
  stop(): void;
}

/** Starts HAProxy with `configFile` on 127.0.0.1:`port`, in front of the instances on `backends`. */
export async function startBalancer(file: string, port: number, backends: number[]): Promise<Balancer> {
  const configFile = path.resolve(file);
  const binary = findHaproxy();
  if (!binary || !existsSync(binary)) {
    const which = process.env[HAPROXY_ENV] ? `${HAPROXY_ENV}=${process.env[HAPROXY_ENV]} does not exist.` : "No haproxy was found.";
    throw new WorkshopError("HAPROXY_MISSING", `${which}\n${HOW_TO_GET_HAPROXY}`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  backends.forEach((backend, i) => (env[`APP${i + 1}_PORT`] = String(backend)));
  const child = spawnOwned(binary, ["-db", "-f", configFile], { cwd: path.dirname(configFile), env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (err) => {
      output += String(err);
      resolve(-1);
    });
  });
  // HAProxy prints nothing when it is ready: it is ready when its port takes connections.
  const deadline = performance.now() + 10_000;
  let ready = false;
  while (!ready && performance.now() < deadline) {
    const outcome = await Promise.race([exited.then(() => "exited" as const), accepts(port)]);
    if (outcome === "exited") break;
    ready = outcome;
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!ready) {
    killGroup(child);
    throw configError(configFile, output, port);
  }
  return { url: `http://localhost:${port}`, output: () => output, stop: () => killGroup(child) };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** HAProxy's own words, with the line of haproxy.cfg it names ("parsing [haproxy.cfg:12] : …"). */
function configError(configFile: string, output: string, port: number): WorkshopError {
  const alerts = output
    .split("\n")
    .filter((line) => /\[(ALERT|WARNING)\]/.test(line) && !/Fatal errors found|Error\(s\) found in configuration file/.test(line))
    .map((line) => line.replace(/^\[(ALERT|WARNING)\]\s+\(\d+\)\s+:\s+(config\s+:\s+)?/, "").trim())
    .slice(0, 6);
  const at = /\[([^\]]*?\.cfg):(\d+)\]/.exec(output);
  const where = at ? `${path.relative(process.cwd(), configFile)}:${at[2]}` : path.relative(process.cwd(), configFile);
  const said = alerts.length ? alerts.join("\n    ") : output.trim().split("\n").slice(-4).join("\n    ") || "(it printed nothing)";
  return new WorkshopError(
    "BALANCER_CONFIG_ERROR",
    `HAProxy did not start with ${where} (it should listen on 127.0.0.1:${port}, the PORT the workshop gives it):\n    ${said}\n` +
      `Check the file against the comments at its top; \`haproxy -c -f ${BALANCER_CONFIG}\` checks it by hand.`,
    { file: where },
  );
}
