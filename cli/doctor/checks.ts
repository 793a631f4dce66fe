// The items `npm run doctor` checks, one function each. Each tries the real thing the lessons use
// (the engine's browser finder and launcher, its Redis, the lesson's ports and file watcher) and
// answers with one line, and for a problem the exact command that fixes it. Whatever an item
// starts it stops again; runCommand's cleanup ends it too on an error or Ctrl-C.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import {
  BROWSER_ENV,
  LESSONS,
  LESSONS_DIR,
  REDIS_ENV,
  ROOT,
  WORK_DIR,
  WorkshopError,
  assertPortFree,
  findBrowser,
  findRedis,
  HAPROXY_ENV,
  findHaproxy,
  haproxyVersion,
  startBalancer,
  freePort,
  viteWorks,
  launchBrowser,
  onCleanup,
  redisUrl,
  type FoundBrowser,
} from "../../verify/index.ts";
// @ts-expect-error: plain JavaScript without types, so that it runs on any Node (cli/launch.mjs checks with it)
import { NODE_FLOOR as FLOOR } from "../node-version.mjs";
import { messages } from "../messages.ts";
import { pollsIn, watchLesson } from "../watch.ts";
import { whoListens } from "./who-listens.ts";

export interface Outcome {
  ok: boolean;
  /** The item's one line, after its ✓ or ✗. */
  line: string;
  /** For a problem: the command (or commands) that fix it. */
  fix?: string;
}

const ok = (line: string): Outcome => ({ ok: true, line });
const problem = (line: string, fix: string): Outcome => ({ ok: false, line, fix });
const NODE_FLOOR: number[] = FLOOR;

/** 1. Node.js at or above the floor cli/node-version.mjs enforces (the same comparison as requireNode). */
export function checkNode(version = process.versions.node): Outcome {
  const m = messages().doctor;
  const floor = NODE_FLOOR.join(".");
  const have = version.split(".").map(Number);
  const differs = NODE_FLOOR.findIndex((part, i) => have[i] !== part);
  const newEnough = differs === -1 || have[differs]! > NODE_FLOOR[differs]!;
  return newEnough ? ok(m.node(version, floor)) : problem(m.nodeOld(version, floor), m.nodeFix);
}

/**
 * 2. Every dependency in package.json installed in node_modules, at the version package-lock.json
 * pins (what `npm ci`, run by `npm run setup`, installs; npm checked it against package.json's range).
 */
export function checkDependencies(): Outcome {
  const m = messages().doctor;
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  let lock: { packages?: Record<string, { version?: string }> } | undefined;
  try {
    lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
  } catch {
    lock = undefined; // no lock file: the ranges in package.json decide
  }
  const wanted = Object.entries(manifest.dependencies ?? {});
  const wrong: string[] = [];
  for (const [name] of wanted) {
    let installed: string | undefined;
    try {
      installed = (JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version?: string }).version;
    } catch {
      installed = undefined;
    }
    const locked = lock?.packages?.[`node_modules/${name}`]?.version;
    if (!installed) wrong.push(m.depMissing(name));
    else if (locked && installed !== locked) wrong.push(m.depDiffers(name, installed, `package-lock.json: ${locked}`));
  }
  if (!wrong.length) return ok(m.deps(wanted.length, Boolean(lock)));
  const shown = wrong.length > 4 ? [...wrong.slice(0, 3), m.andMore(wrong.length - 3)] : wrong;
  return problem(m.depsBad(shown.join(", ")), "npm run setup");
}

/** 3. The browser the verifier would use, launched, on about:blank, closed again. */
export async function checkBrowser(): Promise<Outcome> {
  const m = messages().doctor;
  const envSet = Boolean(process.env[BROWSER_ENV]);
  let found: FoundBrowser;
  try {
    found = findBrowser();
  } catch (err) {
    if (!(err instanceof WorkshopError)) throw err;
    return problem(envSet ? m.browserEnvMissing(BROWSER_ENV, process.env[BROWSER_ENV]!) : m.browserNone, m.browserFix(envSet, BROWSER_ENV));
  }
  try {
    const browser = await launchBrowser(found);
    const forget = onCleanup(() => browser.close());
    try {
      const page = await browser.newPage();
      await page.goto("about:blank");
    } finally {
      await browser.close().catch(() => {});
      forget();
    }
  } catch (err) {
    // launchBrowser's message: "The browser at … did not start:\n    <Playwright's first lines>\n…"
    const said = String((err as Error).message).split("\n").slice(1).map((line) => line.trim()).find(Boolean) ?? String(err);
    return problem(m.browserFailed(found.path, said), m.browserFix(envSet, BROWSER_ENV));
  }
  return ok(m.browser(found.path, m.browserSource[found.source], found.headlessShell));
}

/** 4. The Redis the lessons get: started on a free loopback port, PINGed; it ends with the command. */
export async function checkRedis(): Promise<Outcome> {
  const m = messages().doctor;
  const needing = LESSONS.filter((lesson) => lesson.needs.redis).map((lesson) => lesson.number).join(", ");
  const fix = m.redisFix(REDIS_ENV);
  const binary = findRedis();
  if (!binary) return problem(m.redisNone(needing), fix);
  if (!existsSync(binary)) return problem(m.redisEnvMissing(REDIS_ENV, binary, needing), fix);
  const version = await redisVersion(binary);
  let url: string;
  try {
    url = await redisUrl(); // the workshop's shared Redis; cleanupAll ends it with the command
  } catch (err) {
    if (!(err instanceof WorkshopError)) throw err;
    const said = err.message.split("\n")[1]?.trim() ?? err.message;
    return problem(m.redisFailed(binary, said), fix);
  }
  const answer = await ping(url);
  if (answer !== "+PONG") return problem(m.redisNoPong(binary, url, answer), fix);
  return ok(m.redis(binary, version, url));
}

/**
 * 5. HAProxy, for lessons that run several instances behind it: started with a config of one
 * frontend on a free loopback port (not the learner's haproxy.cfg, which is theirs to get wrong).
 */
export async function checkHaproxy(): Promise<Outcome> {
  const m = messages().doctor;
  const needing = LESSONS.filter((lesson) => lesson.needs.balancer).map((lesson) => lesson.number).join(", ");
  const fix = m.haproxyFix(HAPROXY_ENV);
  const binary = findHaproxy();
  if (!binary) return problem(m.haproxyNone(needing), fix);
  if (!existsSync(binary)) return problem(m.haproxyEnvMissing(HAPROXY_ENV, binary, needing), fix);
  mkdirSync(WORK_DIR, { recursive: true });
  const dir = mkdtempSync(path.join(WORK_DIR, "doctor-haproxy-"));
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(config, 'defaults\n  mode http\n  timeout connect 1s\n  timeout client 5s\n  timeout server 5s\nfrontend doctor\n  bind "127.0.0.1:${PORT}"\n  http-request return status 200\n');
  try {
    const balancer = await startBalancer(config, await freePort(), []);
    balancer.stop();
  } catch (err) {
    if (!(err instanceof WorkshopError)) throw err;
    return problem(m.haproxyFailed(binary, err.message.split("\n")[1]?.trim() ?? err.message), fix);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return ok(m.haproxy(binary, haproxyVersion(binary)));
}

/** 6. Vite, the dev server of the lesson that keeps one origin in development: a dev server of it serves a page. */
export async function checkVite(): Promise<Outcome> {
  const m = messages().doctor;
  const needing = LESSONS.filter((lesson) => lesson.needs.devServer).map((lesson) => lesson.number).join(", ");
  try {
    return ok(m.vite(await viteWorks(await freePort()), needing));
  } catch (err) {
    if (!(err instanceof WorkshopError)) throw err;
    return problem(m.viteFailed(err.message.split("\n")[0]!, needing), m.viteFix);
  }
}

function redisVersion(binary: string): Promise<string | undefined> {
  return new Promise((resolve) =>
    execFile(binary, ["--version"], { timeout: 5000 }, (error, stdout) => resolve(error ? undefined : /v=(\S+)/.exec(stdout)?.[1])),
  );
}

/** Sends PING in Redis' inline protocol; resolves with the first line of the answer. */
function ping(url: string, timeoutMs = 3000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let answer = "";
    const done = (text: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    };
    const timer = setTimeout(() => done(answer.trim() || "(no answer)"), timeoutMs);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.includes("\r\n")) done(answer.split("\r\n")[0]!);
    });
    socket.once("error", (err) => done(err.message));
  });
}

/**
 * 5. The ports `npm run lesson` serves on: PORT and CLIENT_PORT, else 3000 and 8080 (as
 * cli/lesson.ts reads them), free on 127.0.0.1, tried exactly as the lesson tries them.
 */
export async function checkPorts(env: NodeJS.ProcessEnv = process.env): Promise<Outcome> {
  const m = messages().doctor;
  const wanted = [
    { name: "PORT", fallback: 3000, what: m.apiServer },
    { name: "CLIENT_PORT", fallback: 8080, what: m.clientPage },
  ];
  const busy: string[] = [];
  const holders: number[] = [];
  const ports: number[] = [];
  for (const { name, fallback } of wanted) {
    const raw = env[name];
    if (raw === undefined || raw === "") {
      ports.push(fallback);
      continue;
    }
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return problem(m.portNotANumber(name, raw), m.portNotANumberFix(name));
    ports.push(port);
  }
  const answers = await Promise.all(
    ports.map((port, i) =>
      assertPortFree(port, wanted[i]!.what).then(
        () => undefined,
        (err: unknown) => {
          if (!(err instanceof WorkshopError)) throw err;
          return err.message;
        },
      ),
    ),
  );
  answers.forEach((refused, i) => {
    if (refused === undefined) return;
    const port = ports[i]!;
    if (!/already in use/.test(refused)) {
      busy.push(m.portUnusable(port, wanted[i]!.what, refused.replace(/^Cannot use port \d+ \([^)]*\): /, "")));
      return;
    }
    const holder = whoListens(port);
    if (holder && holder.pid !== process.pid) holders.push(holder.pid);
    busy.push(m.portBusy(port, wanted[i]!.what, holder && `${holder.command} (pid ${holder.pid})`));
  });
  if (!busy.length) return ok(m.ports(ports[0]!, ports[1]!));
  const others = ports[0] === 3100 || ports[1] === 8180 ? "PORT=3200 CLIENT_PORT=8280" : "PORT=3100 CLIENT_PORT=8180";
  return problem(busy.join("; "), m.portsFix(others, [...new Set(holders)]));
}

/**
 * 6. A file saved in this folder is reported within ~2 s, with the same watcher `npm run lesson`
 * uses (cli/watch.ts), in the mode it would pick: polling under WORKSHOP_WATCH=poll and on WSL's
 * view of a Windows drive, the system's file events otherwise.
 */
export async function checkWatching(timeoutMs = 2000): Promise<Outcome> {
  const m = messages().doctor;
  const polling = pollsIn(LESSONS_DIR);
  const dir = path.join(WORK_DIR, `doctor-watch-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  const remove = async () => rmSync(dir, { recursive: true, force: true });
  const forget = onCleanup(remove);
  const started = performance.now();
  let stop = () => {};
  try {
    const seen = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      const watcher = watchLesson(dir, (file) => file === "probe.ts" && (clearTimeout(timer), resolve(true)), polling ? "poll" : "events");
      stop = () => watcher.close();
      // A poll compares with what it saw first; a save in the same millisecond could look unchanged.
      setTimeout(() => writeFileSync(path.join(dir, "probe.ts"), `// npm run doctor ${Date.now()}\n`), polling ? 50 : 20);
    });
    if (seen) return ok(m.watching(Math.round(performance.now() - started), polling));
    return polling ? problem(m.watchingPollFailed, m.watchingPollFix) : problem(m.watchingFailed(timeoutMs / 1000), "npm run lesson N -- --poll");
  } finally {
    stop();
    await remove();
    forget();
  }
}

/** 7. git on PATH, and this folder in a git repository with a commit (reset and solution read the shipped lessons from it). */
export async function checkGit(): Promise<Outcome> {
  const m = messages().doctor;
  const run = (args: string[]) =>
    new Promise<string | undefined>((resolve) =>
      execFile("git", args, { cwd: ROOT, timeout: 10_000 }, (error, stdout) => resolve(error ? undefined : String(stdout).trim())),
    );
  const version = await run(["--version"]);
  if (!version) return problem(m.gitMissing, m.gitMissingFix);
  const head = await run(["rev-parse", "--verify", "-q", "HEAD"]);
  const shown = version.replace(/^git version\s*/, "");
  if (!head) return problem(m.notARepository(shown), m.notARepositoryFix);
  return ok(m.git(shown));
}
