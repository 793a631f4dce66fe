// npm run verify [N ...] [-- --solution] [-- --reporter human|json|junit|gradescope]
// Verifies the learner's lessons (or the solutions), in parallel, on one browser.
import { ROOT, TRACE_ENV, firstServerSpawned, interruptedBy, launchBrowserAfter, lessonDir, lessonText, onCleanup, solutionDir, verifyAll, type LessonResult, type Target } from "../verify/index.ts";
import { parse, someLessons } from "./args.ts";
import { readProgress, recordVerdict } from "./state/progress-file.ts";
import { editedLessons } from "./state/pristine.ts";
import { resultDetails, resultLine, summaryLine } from "./report.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";
import { messages } from "./messages.ts";
import { checkReporter, render, reportError } from "./results/reporters.ts";
import { learnerProgress, lessonEntry, resultsDocument } from "./results/build.ts";

const USAGE = "npm run verify [LESSON ...] [-- --solution] [-- --reporter human|json|junit|gradescope] [-- --trace]";

const facts = { command: "verify" as const, root: ROOT, startedAt: new Date(), solution: process.argv.includes("--solution") };

await runCommand(async () => {
  const { values, positionals } = parse(USAGE, {
    solution: { type: "boolean", default: false },
    reporter: { type: "string", default: "human" },
    trace: { type: "boolean", default: false },
  });
  if (values.trace) process.env[TRACE_ENV] = "1";
  const reporter = checkReporter(values.reporter, USAGE);
  const json = reporter !== "human";
  const lessons = someLessons(positionals);
  // A verdict is recorded for the lessons the learner has begun (run, asked a hint for, edited) or
  // named here; the others stay "not started" in `npm run progress`, whatever their verdict.
  const progress = readProgress();
  const edited = values.solution || positionals.length ? new Set<string>() : editedLessons();
  const begun = (slug: string) => {
    const entry = progress.lessons[slug];
    return positionals.length > 0 || progress.current === slug || entry?.status !== undefined || (entry?.hintsShown ?? 0) > 0 || edited.has(slug);
  };
  const targets: Target[] = lessons.map((lesson) => ({
    lesson,
    appDir: values.solution ? solutionDir(lesson) : lessonDir(lesson),
    checkDir: lessonDir(lesson),
  }));

  const started = performance.now();
  // The first lesson servers start before Playwright loads, so that they boot on another core
  // meanwhile; the browser then launches while they finish starting and the apps type-check.
  const launching = launchBrowserAfter(firstServerSpawned);
  onCleanup(async () => (await launching.catch(() => undefined))?.close());
  if (!json) say(ui.dim(messages().verifying(values.solution, lessons.map((l) => l.number))));

  // Lessons finish out of order in parallel; print them in lesson order as soon as possible.
  const done = new Map<number, LessonResult>();
  let printed = 0;
  const results = await verifyAll(launching, targets, (result) => {
    // A check that ran while Ctrl-C stopped its server and browser judged nothing: no verdict.
    if (interruptedBy()) return;
    if (!values.solution && result.status !== "skip" && begun(result.slug)) recordVerdict(result.slug, result.status === "pass" ? "pass" : "fail", result.fault);
    done.set(result.number, result);
    while (!json && printed < lessons.length && done.has(lessons[printed]!.number)) {
      const next = done.get(lessons[printed++]!.number)!;
      say(resultLine(next));
      if (next.status !== "pass") say(resultDetails(next));
      else if (lessons.length === 1) say(ui.dim(`  ${lessonText(lessons[0]!).passed}`));
    }
  });
  await (await launching).close();
  const ok = results.every((r) => r.status === "pass");
  const durationMs = Math.round(performance.now() - started);
  if (reporter !== "human") {
    const mine = learnerProgress();
    process.stdout.write(render(reporter, resultsDocument(facts, results.map((r) => lessonEntry(r, mine)))));
  } else {
    say();
    say(`${ok ? ui.green(summaryLine(results)) : ui.red(summaryLine(results))} ${ui.dim(messages().took(`${(durationMs / 1000).toFixed(1)}s`))}`);
  }
  // 2: something on this machine kept a lesson from being checked (as for a missing browser).
  return ok ? 0 : results.some((r) => r.status === "skip") ? 2 : 1;
}, { onError: reportError(facts) });
