// npm run lesson [N] [-- --once] [-- --poll]
// Runs lesson N on http://localhost:8080 (API on :3000), verifies it at once, and again after
// every save: a server change restarts the server, a client change rebundles the page. Enter checks
// again from scratch. Without N, it goes on where the learner left off (args.ts).
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import path from "node:path";
import type { Browser } from "playwright";
import {
  TRACE_ENV,
  LESSONS,
  LiveLesson,
  ROOT,
  WorkshopError,
  assertPortFree,
  firstServerSpawned,
  interruptedBy,
  language,
  launchBrowserAfter,
  lessonDir,
  lessonText,
  onCleanup,
  result,
  withoutLibraryFrames,
  type LessonInfo,
  type Target,
} from "../verify/index.ts";
import { lessonToResume, namedOrCurrentLesson, parse, type ResumeReason } from "./args.ts";
import { messages } from "./messages.ts";
import { readProgress, recordVerdict, setCurrentLesson } from "./state/progress-file.ts";
import { resultDetails } from "./report.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";
import { pollsIn, watchLesson } from "./watch.ts";
import { startWorkshopPage, type WorkshopPage } from "./workshop-page/server.ts";

const USAGE = "npm run lesson [N] [-- --once] [-- --poll] [-- --trace]";

async function main(): Promise<number> {
  const { values, positionals } = parse(USAGE, { once: { type: "boolean", default: false }, poll: { type: "boolean", default: false }, trace: { type: "boolean", default: false } });
  if (values.trace) process.env[TRACE_ENV] = "1";
  const { lesson, why } = namedOrCurrentLesson(positionals, USAGE, readProgress());
  const target: Target = { lesson, appDir: lessonDir(lesson), checkDir: lessonDir(lesson) };
  const port = envPort("PORT", 3000);
  const clientPort = envPort("CLIENT_PORT", 8080);
  await Promise.all([assertPortFree(port, "the lesson's API server"), assertPortFree(clientPort, "the lesson's client page")]);
  // The lesson server starts before Playwright loads, so that it boots on another core meanwhile.
  const browserPromise = launchBrowserAfter(firstServerSpawned);
  onCleanup(async () => (await browserPromise.catch(() => undefined))?.close());

  const session = new LessonSession(target, port, clientPort, values.once);
  onCleanup(() => session.close());
  setCurrentLesson(lesson.slug);
  printIntro(lesson, values.once, why);
  if (values.once) return (await session.round(browserPromise, "start")) ? 0 : 1;
  await session.openPage(browserPromise, envPort("PAGE_PORT", 4000, true));

  // Watch before the first round, so that a save made while it runs is not missed.
  const polling = pollsIn(target.appDir, values.poll);
  session.watch(browserPromise, polling);
  session.listenForEnter(browserPromise);
  await session.exclusive(() => session.round(browserPromise, "start"));
  const browser = await browserPromise;
  say(ui.dim(`\n${messages().watching(path.relative(ROOT, target.appDir), polling)}`));
  await session.drain(browser);
  return new Promise<never>(() => {}); // until Ctrl-C
}

class LessonSession {
  private readonly live: LiveLesson;
  private running = false;
  private pending = new Set<string>();
  /** Enter was pressed: check again from scratch, whatever the watcher saw. */
  private asked = false;
  private stopWatching = () => {};
  private page: WorkshopPage | undefined;

  constructor(
    private readonly target: Target,
    port: number,
    clientPort: number,
    private readonly quiet: boolean,
  ) {
    this.live = new LiveLesson(target, {
      port,
      clientPort,
      onServerOutput: quiet ? undefined : printServerOutput,
      // Between checks (the learner's own experiment): say so; the next save or Enter starts it again.
      onServerExit: (how) => !this.running && !quiet && say(ui.yellow(messages().serverDied(how))),
    });
  }

  /**
   * The workshop page beside the app (lesson text, hints, the live verdict, the picture of the last
   * check). A port that is taken costs the page, not the lesson: the terminal says so and goes on.
   */
  async openPage(browser: Browser | Promise<Browser>, port: number): Promise<void> {
    try {
      this.page = await startWorkshopPage({
        port,
        lesson: this.target.lesson,
        app: () => this.live.running,
        check: () => {
          this.asked = true;
          void this.drain(browser);
        },
        sequence: () => this.live.lastSequence,
      });
      say(`${ui.bold(messages().workshopPage)} ${ui.cyan(this.page.url)}`);
    } catch (err) {
      if (!(err instanceof WorkshopError)) throw err;
      say(ui.yellow(err.message));
    }
  }

  /** (Re)starts what changed, verifies, prints the verdict; true on pass. */
  async round(browserLaunch: Browser | Promise<Browser>, changed: "start" | "asked" | Set<string>): Promise<boolean> {
    const started = performance.now();
    const live = this.live;
    this.page?.update({ status: "checking", fault: null, seen: [], at: new Date().toISOString() });
    const restartServer = typeof changed === "string" || !live.running || live.died !== undefined || [...changed].some((f) => f !== "client.ts");
    let finding = restartServer ? await live.start() : await live.rebuildClient();
    if (restartServer && changed === "start" && live.running) {
      const m = messages();
      const app = live.running;
      const proxied = this.target.lesson.needs.tlsProxy ? `, ${m.behindProxy}` : "";
      const redis = app.redisUrl ? `; ${m.redisAt(app.redisUrl)}` : "";
      say(`${ui.bold(m.open)} ${ui.cyan(app.pageUrl)} ${ui.dim(`(${m.apiOn(app.apiUrl)}${proxied}${redis})`)}\n`);
    }
    const browser = await browserLaunch;
    if (!finding && live.running) finding = await live.check(browser);
    // While the learner edits, open the next check's fresh tab, so a save need not wait for it.
    if (!this.quiet) live.prepare(browser);
    const verdict = result(this.target.lesson, finding, Math.round(performance.now() - started));
    // A check that ran while Ctrl-C stopped its server and browser judged nothing: no verdict.
    if (interruptedBy()) return false;
    recordVerdict(verdict.slug, verdict.status === "pass" ? "pass" : "fail", verdict.fault);
    this.page?.update({ status: verdict.status === "pass" ? "pass" : "fail", fault: verdict.fault, seen: verdict.seen, durationMs: verdict.durationMs, at: new Date().toISOString() });
    printVerdict(this.target.lesson, verdict.status === "pass", verdict.fault, resultDetails(verdict), verdict.durationMs);
    if (!this.quiet && live.died) {
      // The check killed the server (lesson 19's bug does): start it again, so the page keeps working.
      say(ui.yellow(messages().serverDiedInCheck(live.died)));
      const failed = await live.start();
      if (failed) say(ui.red(failed.seen[0] ?? failed.fault));
    }
    return verdict.status === "pass";
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

  async close(): Promise<void> {
    this.stopWatching();
    await this.page?.close();
    await this.live.close();
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

/** A port from the environment; 0 (a free one) only where `anyFree` allows it. */
function envPort(name: string, fallback: number, anyFree = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < (anyFree ? 0 : 1) || port > 65535) {
    throw new WorkshopError("BAD_ARGUMENTS", `${name}=${raw} is not a port number (1-65535).`);
  }
  return port;
}

await runCommand(main);
