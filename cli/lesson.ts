// npm run lesson [N] [-- --once] [-- --poll]
// Runs lesson N on http://localhost:8080 (API on :3000), verifies it at once, and again after
// every save: a server change restarts the server, a client change rebundles the page. Enter checks
// again from scratch. Without N, it goes on where the learner left off (args.ts).
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright";
import { launchBrowserAfter } from "../verify/browser.ts";
import { portInUse } from "../verify/client-host.ts";
import { WorkshopError } from "../verify/errors.ts";
import { lessonDir, type LessonInfo } from "../verify/lessons.ts";
import { ROOT } from "../verify/paths.ts";
import { firstServerSpawned, withoutLibraryFrames } from "../verify/lesson-server.ts";
import { interruptedBy, onCleanup } from "../verify/processes.ts";
import { startRedisServer, type RedisServer } from "../verify/redis.ts";
import { asFinding, judgeRunning, result, startApp, type App, type Target } from "../verify/run.ts";
import { freshTab, type Tab } from "../verify/tabs.ts";
import { LESSONS } from "../lessons/manifest.ts";
import { lessonToResume, namedOrCurrentLesson, parse, type ResumeReason } from "./args.ts";
import { messages } from "./messages.ts";
import { language, lessonText } from "../verify/language.ts";
import { readProgress, recordVerdict, setCurrentLesson } from "./state/progress-file.ts";
import { resultDetails } from "./report.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";
import { watchLesson } from "./watch.ts";

const USAGE = "npm run lesson [N] [-- --once] [-- --poll]";

async function main(): Promise<number> {
  const { values, positionals } = parse(USAGE, { once: { type: "boolean", default: false }, poll: { type: "boolean", default: false } });
  const { lesson, why } = namedOrCurrentLesson(positionals, USAGE, readProgress());
  const target: Target = { lesson, appDir: lessonDir(lesson), checkDir: lessonDir(lesson) };
  const port = envPort("PORT", 3000);
  const clientPort = envPort("CLIENT_PORT", 8080);
  await Promise.all([assertFree(port, "the lesson's API server"), assertFree(clientPort, "the lesson's client page")]);
  // The lesson server starts before Playwright loads, so that it boots on another core meanwhile.
  const browserPromise = launchBrowserAfter(firstServerSpawned);
  onCleanup(async () => (await browserPromise.catch(() => undefined))?.close());

  const session = new LessonSession(target, port, clientPort, values.once);
  onCleanup(() => session.close());
  setCurrentLesson(lesson.slug);
  printIntro(lesson, values.once, why);
  if (values.once) return (await session.round(browserPromise, "start")) ? 0 : 1;

  // Watch before the first round, so that a save made while it runs is not missed.
  const polling = values.poll || process.env.WORKSHOP_WATCH === "poll" || onWslWindowsDrive(target.appDir);
  session.watch(browserPromise, polling);
  session.listenForEnter(browserPromise);
  await session.exclusive(() => session.round(browserPromise, "start"));
  const browser = await browserPromise;
  say(ui.dim(`\n${messages().watching(path.relative(ROOT, target.appDir), polling)}`));
  await session.drain(browser);
  return new Promise<never>(() => {}); // until Ctrl-C
}

class LessonSession {
  private app: App | undefined;
  private readonly secret = randomBytes(18).toString("base64url");
  private running = false;
  private pending = new Set<string>();
  /** Enter was pressed: check again from scratch, whatever the watcher saw. */
  private asked = false;
  private stopWatching = () => {};
  private nextTab: Promise<Tab> | undefined;
  /** How the server ended on its own, if it did since it last started. */
  private died: string | undefined;
  /** A lesson's own Redis (`redis: "own"`) outlives server restarts: a save must not log the learner out. */
  private ownRedis: Promise<RedisServer> | undefined;

  constructor(
    private readonly target: Target,
    private readonly port: number,
    private readonly clientPort: number,
    private readonly quiet: boolean,
  ) {}

  /** (Re)starts what changed, verifies, prints the verdict; true on pass. */
  async round(browserLaunch: Browser | Promise<Browser>, changed: "start" | "asked" | Set<string>): Promise<boolean> {
    const started = performance.now();
    const restartServer = typeof changed === "string" || !this.app || this.died !== undefined || [...changed].some((f) => f !== "client.ts");
    let finding = await asFinding(
      (async () => {
        if (restartServer) {
          await this.startServer();
          if (changed === "start") {
            const m = messages();
            const proxied = this.target.lesson.behindTlsProxy ? `, ${m.behindProxy}` : "";
            const redis = this.app!.redisUrl ? `; ${m.redisAt(this.app!.redisUrl)}` : "";
            say(`${ui.bold(m.open)} ${ui.cyan(this.app!.pageUrl)} ${ui.dim(`(${m.apiOn(this.app!.apiUrl)}${proxied}${redis})`)}\n`);
          }
        } else {
          await this.app!.client.rebuild();
        }
        return undefined;
      })(),
    );
    const browser = await browserLaunch;
    if (!finding && this.app) {
      const tab = this.nextTab ?? freshTab(browser);
      this.nextTab = undefined;
      finding = await judgeRunning(browser, this.target, this.app, tab);
    }
    // While the learner edits, open the next check's fresh tab, so a save need not wait for it.
    if (!this.quiet) {
      this.nextTab ??= freshTab(browser);
      this.nextTab.catch(() => {});
    }
    const verdict = result(this.target.lesson, finding, Math.round(performance.now() - started));
    // A check that ran while Ctrl-C stopped its server and browser judged nothing: no verdict.
    if (interruptedBy()) return false;
    recordVerdict(verdict.slug, verdict.status === "pass" ? "pass" : "fail", verdict.fault);
    printVerdict(this.target.lesson, verdict.status === "pass", verdict.fault, resultDetails(verdict), verdict.durationMs);
    if (!this.quiet && this.died) {
      // The check killed the server (lesson 19's bug does): start it again, so the page keeps working.
      say(ui.yellow(messages().serverDiedInCheck(this.died)));
      const failed = await asFinding(this.startServer().then(() => undefined));
      if (failed) say(ui.red(failed.seen[0] ?? failed.fault));
    }
    return verdict.status === "pass";
  }

  /** Starts the lesson's server and page (again), and notices when the server dies on its own. */
  private async startServer(): Promise<void> {
    await this.stop();
    const app = await startApp(this.target, {
      port: this.port,
      clientPort: this.clientPort,
      secret: this.secret,
      onServerOutput: this.quiet ? undefined : printServerOutput,
      ownRedis: this.target.lesson.redis === "own" ? await (this.ownRedis ??= startRedisServer()) : undefined,
    });
    this.app = app;
    this.died = undefined;
    void app.server.exited.then((how) => {
      if (this.app !== app) return; // stopped by us
      this.died = how;
      // Between checks (the learner's own experiment): say so; the next save or Enter starts it again.
      if (!this.running && !this.quiet) say(ui.yellow(messages().serverDied(how)));
    });
  }

  watch(browser: Browser | Promise<Browser>, polling: boolean): void {
    let timer: NodeJS.Timeout | undefined;
    const saved = (file: string) => {
      this.pending.add(file);
      clearTimeout(timer);
      timer = setTimeout(() => void this.drain(browser), 80); // editors write a file in bursts
    };
    const watcher = watchLesson(this.target.appDir, saved, polling ? "poll" : "events");
    this.stopWatching = () => watcher.close();
  }

  /** Enter checks again from scratch (rustlings' manual run): for saves that no watcher sees. */
  listenForEnter(browser: Browser | Promise<Browser>): void {
    // terminal: false leaves the terminal as it is, so Ctrl-C still reaches the process as SIGINT.
    const lines = createInterface({ input: process.stdin, terminal: false });
    lines.on("line", () => {
      this.asked = true;
      void this.drain(browser);
    });
  }

  /** Runs work while no round runs; saves that arrive meanwhile wait in `pending`. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.running = true;
    try {
      return await work();
    } finally {
      this.running = false;
    }
  }

  async drain(browser: Browser | Promise<Browser>): Promise<void> {
    if (this.running) return; // the running round calls drain again when it ends
    while (this.pending.size || this.asked) {
      const changed = new Set(this.pending);
      const time = new Date().toLocaleTimeString();
      say(ui.dim(`\n${this.asked ? messages().askedAgain(time) : messages().savedAgain(time, [...changed].join(", "))}`));
      const round = this.asked ? "asked" : changed;
      this.pending.clear();
      this.asked = false;
      await this.exclusive(() => this.round(browser, round));
    }
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    this.died = undefined;
    await app?.stop();
  }

  async close(): Promise<void> {
    this.stopWatching();
    await this.stop();
    (await this.ownRedis?.catch(() => undefined))?.stop();
    await this.nextTab?.then((t) => t.release()).catch(() => {});
  }
}

function printIntro(lesson: LessonInfo, once: boolean, why: ResumeReason | undefined): void {
  const readme = path.relative(ROOT, path.join(lessonDir(lesson), language() === "zh-CN" ? "README.zh-CN.md" : "README.md"));
  const m = messages();
  if (why) say(ui.dim(m.resumed(lesson.number, why)));
  say(ui.bold(m.lessonOf(lesson.number, LESSONS.length, lessonText(lesson).title)));
  say(m.readAndEdit(ui.cyan(readme), path.dirname(readme)));
  if (!once) say(ui.dim(m.randomSecret));
}

function printVerdict(lesson: LessonInfo, passed: boolean, fault: string | null, details: string, ms: number): void {
  const time = ui.dim(`(${(ms / 1000).toFixed(1)}s)`);
  if (passed) {
    say(`${ui.pass(`PASS  lesson ${lesson.number}`)} ${time}\n${ui.green(lessonText(lesson).passed)}`);
    // The next lesson not passed yet (the verdict is recorded): not simply the next number.
    const next = lessonToResume(readProgress());
    const m = messages();
    say(ui.dim(`${m.compare(lesson.number)}   ${next ? m.next(next.lesson.number) : m.allPassed(LESSONS.length)}`));
  } else {
    say(`${ui.fail(`FAIL  lesson ${lesson.number}: ${fault}`)} ${time}`);
    say(details);
  }
}

function printServerOutput(text: string): void {
  for (const line of withoutLibraryFrames(text)) say(ui.dim(`  server │ ${line}`));
}

/** WSL's view of a Windows drive (/mnt/c/…), where file changes are not reported to Linux. */
function onWslWindowsDrive(dir: string): boolean {
  if (process.platform !== "linux" || !dir.startsWith("/mnt/")) return false;
  try {
    return /microsoft/i.test(readFileSync("/proc/version", "utf8"));
  } catch {
    return false;
  }
}

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new WorkshopError("BAD_ARGUMENTS", `${name}=${raw} is not a port number (1-65535).`);
  }
  return port;
}

function assertFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? portInUse(port, what) : new WorkshopError("PORT_IN_USE", `Cannot use port ${port} (${what}): ${err.message}`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

await runCommand(main);
