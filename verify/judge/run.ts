// Verifies one lesson app: start it (client page + server), type-check it, run the browser
// scenario in a clean browser tab (verify/tabs.ts), diagnose, stop it. verifyAll runs many in parallel on one browser.
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import type { Browser, BrowserContext, Page } from "playwright";
import { findLocation, tail } from "../app/lesson-server.ts";
import { startApp, type App } from "../app/start.ts";
import { runScenario, type Observation } from "../evidence/scenario.ts";
import { diagnose, type Finding } from "../evidence/diagnose.ts";
import { Wire } from "../evidence/wire.ts";
import { decodeSessionCookie } from "../evidence/session-cookie.ts";
import { probeSocketPaths, replayHandshake } from "../evidence/probes.ts";
import { withTrail, type TrailEntry } from "../evidence/trail.ts";
import { sequenceOf, type Arrow } from "../evidence/sequence.ts";
import { typecheck, typecheckMany, type TypecheckResult } from "../build/typecheck.ts";
import { machinery } from "../machinery.ts";
import { freshTab, ReusedTab, type Tab } from "../app/tabs.ts";
import { WorkshopError } from "../errors.ts";
import type { FaultCode } from "../catalogue/faults.ts";
import { explainHeadings, faultInfo, isFaultCode, language } from "../catalogue/language.ts";
import { browserCheckLine, TYPE_ERRORS, typeErrorCodes } from "../catalogue/type-errors.ts";
import { loadCheck, type LessonInfo } from "../catalogue/lessons.ts";
import type { CheckContext } from "../kit/check.ts";
import { runBattery } from "../battery/index.ts";
import { endTrace, startTrace, tracing } from "./trace.ts";

export interface Target {
  lesson: LessonInfo;
  /** The app to check: a lesson folder, a solution folder or a pristine copy. */
  appDir: string;
  /** Where the lesson's verify.ts lives. */
  checkDir: string;
}

export interface LessonResult {
  number: number;
  slug: string;
  status: "pass" | "fail" | "skip";
  durationMs: number;
  fault: FaultCode | null;
  message: string | null;
  seen: string[];
  phases: Record<string, number>;
}

/** What a check saw, for a picture of it: filled in by judgeApp as the check goes. */
export interface Evidence {
  /** The standard scenario's observation (absent when the check stopped before it). */
  obs?: Observation;
  /**
   * What the lesson's extra check's probes did, in order (evidence/trail.ts), then those of the
   * battery item that found the fault, if one did.
   */
  trail: TrailEntry[];
  /** The battery items that passed, told in one line: their probes would bury the picture. */
  battery?: { passed: number; probes: number };
}

/** What a caller may ask of a check beside its verdict. */
export interface JudgeOptions {
  /**
   * Called once the verdict is known, with the check's arrows (evidence/sequence.ts) and what they
   * were drawn from; not called when the check saw nothing (the app did not start). Observation
   * only: whatever it does, the verdict is the same.
   */
  onEvidence?: (arrows: Arrow[], evidence: { obs: Observation; trail: TrailEntry[]; finding: Finding | undefined }) => void;
}

/** Runs the browser scenario against a running app and judges it. */
export async function checkApp(
  browserOrLaunch: Browser | Promise<Browser>,
  target: Target,
  app: App,
  /** A tab opened ahead of time (while the app started), or a reused one; a fresh one otherwise. */
  tabAhead?: Promise<Tab>,
  /** Filled in with what the check saw, for a caller that draws it. */
  evidence?: Evidence,
): Promise<Finding | undefined> {
  const { context, page, release } = await (tabAhead ?? freshTab(browserOrLaunch));
  let detach = () => {};
  const cleanups: (() => Promise<unknown> | void)[] = [];
  const traced = tracing() && (await startTrace(context, target.lesson.slug).then(() => true, () => false));
  let finding: Finding | undefined;
  let failed = true; // until judged: a check that throws fails too
  try {
    finding = await judgeApp(browserOrLaunch, target, app, { context, page }, (d) => (detach = d), cleanups, evidence);
    failed = Boolean(finding);
    return finding;
  } finally {
    detach();
    await Promise.all(cleanups.map((cleanup) => Promise.resolve(cleanup()).catch(() => {})));
    // The trace's files are named in the evidence: the verdict itself is the same with or without.
    if (traced) {
      const lines = await endTrace(context, page, target.lesson.slug, failed);
      finding?.seen.push(...lines);
    }
    await release();
  }
}

async function judgeApp(
  browserOrLaunch: Browser | Promise<Browser>,
  target: Target,
  app: App,
  { context, page }: { context: BrowserContext; page: Page },
  onDetach: (detach: () => void) => void,
  cleanups: (() => Promise<unknown> | void)[],
  evidence: Evidence = { trail: [] },
): Promise<Finding | undefined> {
  const [check, browser] = await Promise.all([loadCheck(target.checkDir), browserOrLaunch]);
  // A page whose dev server passes the API on (a proxy in vite.config.ts) calls it on its own origin.
  const wire = new Wire(app.apiUrl, undefined, target.lesson.needs.devServer ? new URL(app.pageUrl).origin : undefined);
  onDetach(wire.attach(page));
  let crashed: string | undefined;
  void app.server.exited.then((how) => {
    crashed = how;
    wire.stop(`the server ${how}`);
  });
  const username = `learner-${randomBytes(3).toString("hex")}`;
  const obs = await runScenario(page, context, wire, { pageUrl: app.pageUrl, apiUrl: app.apiUrl, username });
  evidence.obs = obs;
  if (crashed) return crashFinding(target.appDir, app.server.output(), crashed);
  let finding = diagnose(obs, app.secret);
  if (finding && check.refine) finding = check.refine(finding, obs);
  if (!finding) {
    const decoded = decodeSessionCookie(obs.cookie!.value, app.secret);
    const ctx: CheckContext = {
      page,
      context,
      browser,
      wire,
      obs,
      // Behind a load balancer, checks (and the battery) reach the app's code on its first instance;
      // the balancer, which a Node client without a cookie jar cannot stick to, is the lesson's own
      // check's business (ctx.balancer).
      // Where a dev server passes the API on, they reach it as the page does, on the page's own
      // origin (the lesson's check has made sure the page calls nothing else).
      apiUrl: app.instances?.[0] ?? wire.pageOrigin ?? app.apiUrl,
      balancer: app.instances ? app.apiUrl : undefined,
      pageUrl: app.pageUrl,
      socketPath: socketPathOf(wire),
      routePrefix: obs.login?.url.pathname.replace(/\/login$/, "") ?? "",
      serverUrl: app.server.url,
      instances: app.instances,
      secret: app.secret,
      previousSecret: app.previousSecret,
      username,
      sessionId: decoded.ok ? decoded.sid : "",
      cookie: obs.cookie!.value,
      serverOutput: () => app.server.output(),
      serverExited: app.server.exited,
      appDir: target.appDir,
      redisUrl: app.redisUrl,
      restartRedis: app.ownRedis && ((downMs: number) => app.ownRedis!.restart(downMs)),
      lesson: target.lesson,
      onDone: (cleanup) => void cleanups.push(cleanup),
    };
    // The lesson's own check, then the battery every lesson's app must withstand, with a trail of
    // what their probes did (for the picture of the check; it decides nothing).
    const { result, trail } = await withTrail(
      async () => {
        let found: Finding | undefined;
        if (check.extra) found = await runStep("the lesson's extra check", () => check.extra!(ctx));
        if (found || crashed) return found;
        // Each battery item keeps a trail of its own: the picture shows the one that found the fault.
        const battery = await runBattery(ctx);
        const failed = battery.report.failed;
        const passed = [...battery.report.trails].filter(([id]) => id !== failed);
        evidence.battery = { passed: passed.length, probes: passed.reduce((n, [, t]) => n + t.length, 0) };
        evidence.trail.push(...((failed && battery.report.trails.get(failed)) || []));
        return battery.finding;
      },
      { apiUrl: ctx.apiUrl, cookie: ctx.cookie, secrets: [app.secret, app.previousSecret] },
    );
    finding = result;
    evidence.trail.unshift(...trail);
    // A failed check is often the server dying under it. A server that still answers HTTP did
    // not; one that does not is given a moment for its exit to be seen. (No fixed wait: a failing
    // lesson must be judged as fast as a passing one.)
    if (finding && !crashed && !finding.explainsExit && !(await stillServing(app.apiUrl))) {
      await Promise.race([app.server.exited, new Promise((r) => setTimeout(r, 1000))]);
    }
    if (crashed && !finding?.explainsExit) return crashFinding(target.appDir, app.server.output(), crashed);
  }
  if (finding?.fault === "SOCKET_PATH_MISMATCH") finding.seen.push(...(await probeSocketPaths(app.apiUrl, app.pageUrl)));
  if (finding?.fault.startsWith("CORS_") && obs.lastHandshake?.http) {
    // Right after the line about that handshake, which it shows from the server's side.
    const replay = await replayHandshake(obs.lastHandshake.http.url, app.pageUrl, obs.cookie?.value);
    const at = finding.seen.findIndex((line) => line.startsWith("handshake "));
    finding.seen.splice(at >= 0 ? at + 1 : finding.seen.length, 0, replay);
  }
  return finding;
}

/** The Socket.IO path the page's socket used (its first handshake), or the default. */
function socketPathOf(wire: Wire): string {
  const used = wire.handshakes.map((h) => h.http?.url ?? h.wsUrl).find(Boolean);
  const path = used?.pathname ?? "/socket.io/";
  return path.endsWith("/") ? path : `${path}/`;
}

/** true if the API answers an HTTP request at all (any status): its process is alive and serving. */
async function stillServing(apiUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${apiUrl.replace("localhost", "127.0.0.1")}/`, { signal: AbortSignal.timeout(500) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** A check that throws (a refused request, a closed page) fails the lesson, with the reason. */
async function runStep(what: string, step: () => Promise<Finding | undefined>): Promise<Finding | undefined> {
  try {
    return await step();
  } catch (err) {
    return { fault: "NO_DECISION", seen: [`${what} could not finish: ${(err as Error).message.split("\n")[0]}`] };
  }
}

function crashFinding(dir: string, output: string, how: string): Finding {
  const location = findLocation(dir, output);
  const error = /^\s*(\w*Error\b.*)$/m.exec(output)?.[1];
  return {
    fault: "SERVER_CRASHED",
    seen: [`the server ${how} during the check`, ...(location || error ? [`${location ?? ""}${location && error ? ": " : ""}${error ?? ""}`] : []), tail(output).trim()].filter(Boolean),
  };
}

/** A WorkshopError that names a lesson fault (syntax error, crash…) is a verdict, not an error. */
export async function asFinding(work: Promise<Finding | undefined>): Promise<Finding | undefined> {
  try {
    return await work;
  } catch (err) {
    if (!(err instanceof WorkshopError) || !isFaultCode(err.code)) throw err;
    const [first, ...rest] = err.message.split("\n");
    return { fault: err.code, seen: [first!, ...(rest.length ? [rest.join("\n")] : [])] };
  }
}

/** Type errors fail a lesson even when the browser check passes: this is a TypeScript workshop. */
export function withTypecheck(finding: Finding | undefined, types: TypecheckResult): Finding | undefined {
  const { errors, syntaxOnly } = types;
  // Code that does not parse or bundle is the first thing to fix; its type errors follow from it.
  if (!errors.length || finding?.fault === "SYNTAX_ERROR" || finding?.fault === "CLIENT_BUNDLE_ERROR") return finding;
  const lang = language();
  // What the codes seen usually mean (only codes with a known meaning), and whether the browser
  // check passed: is the type error all there is to fix?
  const meanings = syntaxOnly ? [] : typeErrorCodes(errors).flatMap((code) => (TYPE_ERRORS[code] ? [`${code}: ${TYPE_ERRORS[code]![lang]}`] : []));
  return { fault: syntaxOnly ? "SYNTAX_ERROR" : "TYPE_ERROR", seen: [...errors.slice(0, 6), ...meanings, browserCheckLine(lang, finding?.fault)] };
}

/** Judges an app that is already running (npm run lesson keeps one running between saves). */
export async function judgeRunning(
  browser: Browser | Promise<Browser>,
  target: Target,
  app: App,
  tabAhead?: Promise<Tab>,
  options: JudgeOptions = {},
): Promise<Finding | undefined> {
  const types = typecheck(target.appDir);
  const evidence: Evidence = { trail: [] };
  const finding = withTypecheck(await asFinding(checkApp(browser, target, app, tabAhead, evidence)), await types);
  report(options, evidence, finding);
  return finding;
}

/** Hands the check's arrows to the caller that asked; a picture that cannot be drawn changes no verdict. */
function report(options: JudgeOptions, evidence: Evidence, finding: Finding | undefined): void {
  if (!options.onEvidence || !evidence.obs) return;
  try {
    const arrows = sequenceOf(evidence.obs, evidence.trail, finding);
    if (evidence.battery?.passed) arrows.push(batteryArrow(evidence.battery, arrows.length + 1));
    options.onEvidence(arrows, { obs: evidence.obs, trail: evidence.trail, finding });
  } catch {
    // The verdict stands without its picture (test/sequence.test.ts keeps the drawing honest).
  }
}

/** One arrow for the battery items that passed: the rules every app keeps (lessons/RULES.md). */
function batteryArrow({ passed, probes }: { passed: number; probes: number }, seq: number): Arrow {
  return {
    from: "probe",
    to: "api",
    seq,
    ok: true,
    label: `the rules every app keeps: ${passed} item${passed === 1 ? "" : "s"} passed (${probes} probes, not drawn)`,
    zh: { label: `每个应用都要遵守的规则：${passed} 项通过（${probes} 次探测，未画出）` },
  };
}

/** Start, check and stop one app; every lesson failure becomes a result, never an exception. */
/** `browser` may still be launching: the app starts and type-checks meanwhile. */
export async function verifyTarget(
  browser: Browser | Promise<Browser>,
  target: Target,
  /** Type-check results for many targets at once (verifyAll); checked here otherwise. */
  checked?: Promise<Map<string, TypecheckResult>>,
  /** The worker's tab, reused across lessons (verifyAll); a fresh one otherwise. */
  reused?: ReusedTab,
  options: JudgeOptions = {},
): Promise<LessonResult> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  const timed = async <T>(name: string, work: Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work;
    } finally {
      phases[name] = Math.round(performance.now() - t0);
    }
  };
  const types = timed("typecheck", checked ? checked.then((all) => all.get(target.appDir)!) : typecheck(target.appDir));
  // A fresh tab opens while the app starts: both take a fraction of a second.
  const tabAhead = reused ? undefined : freshTab(browser);
  tabAhead?.catch(() => {});
  let app: App | undefined;
  let finding: Finding | undefined;
  const evidence: Evidence = { trail: [] };
  try {
    finding = await asFinding(
      (async () => {
        app = await timed("start", startApp(target));
        const tab = tabAhead ?? reused!.take([app.pageUrl, app.apiUrl]);
        return timed("browser", checkApp(browser, target, app, tab, evidence));
      })(),
    );
  } catch (err) {
    // A lesson that needs what this machine lacks (Redis) cannot be judged; the others still can.
    if (!(err instanceof WorkshopError && NOT_CHECKABLE_HERE.has(err.code))) throw err;
    await types.catch(() => {});
    return { ...result(target.lesson, undefined, Math.round(performance.now() - started), phases), status: "skip", message: err.message };
  } finally {
    if (app) await timed("stop", app.stop());
    if (!app) await tabAhead?.then((t) => t.release()).catch(() => {});
  }
  finding = withTypecheck(finding, await types);
  report(options, evidence, finding);
  return result(target.lesson, finding, Math.round(performance.now() - started), phases);
}

/** Errors that say a lesson cannot be checked on this machine: reported as skipped, never passed. */
const NOT_CHECKABLE_HERE = new Set(["REDIS_MISSING", "REDIS_FAILED", "HAPROXY_MISSING"]);

export function result(
  lesson: LessonInfo,
  finding: Finding | undefined,
  durationMs: number,
  phases: Record<string, number> = {},
): LessonResult {
  return {
    number: lesson.number,
    slug: lesson.slug,
    status: finding ? "fail" : "pass",
    durationMs,
    fault: finding?.fault ?? null,
    message: finding ? explain(finding) : null,
    seen: finding?.seen ?? [],
    phases,
  };
}

/** The learner-facing explanation of a finding: what it is, what was seen, what it usually means. */
export function explain(finding: Finding): string {
  const info = faultInfo(finding.fault);
  const { saw, means } = explainHeadings();
  const seen = finding.seen.map((line) => `    - ${line.replace(/\n/g, "\n      ")}`).join("\n");
  return `${info.title}\n  ${saw}\n${seen}\n  ${means}\n    ${info.meaning}`;
}

/** Verifies targets in parallel, at most one per core, all on one browser, the slowest first; each
 * worker reuses one tab (verify/tabs.ts says why that is safe). */
export async function verifyAll(
  browser: Browser | Promise<Browser>,
  targets: Target[],
  onResult?: (result: LessonResult, index: number) => void,
  concurrency = Math.max(1, Math.min(availableParallelism(), 4)),
): Promise<LessonResult[]> {
  const results: LessonResult[] = new Array(targets.length);
  // One compiler run checks every app, sharing the work all of them have in common.
  const checked = typecheckMany(targets.map((t) => t.appDir));
  let next = 0;
  const worker = async () => {
    const tab = machinery.reusedTabs ? new ReusedTab(browser) : undefined;
    tab?.warm();
    try {
      while (next < targets.length) {
        const index = next++;
        results[index] = await verifyTarget(browser, targets[index]!, checked, tab);
        onResult?.(results[index]!, index);
      }
    } finally {
      await tab?.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return results;
}
