// npm run grade [N ...] [-- --reporter human|json|junit|gradescope] [-- --shipped REF] [-- --trace]
// Grades the learner's lessons with the checks, metadata and engine as shipped: they are rebuilt
// from git's history by shipped.json, so no edit inside lessons/ (a check that always passes, a
// lesson.ts, a README) changes a grade. Changed check files are reported, as information. The
// learner's progress is read (hints, solution viewed), never written.
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT, WorkshopError } from "../verify/index.ts";
import { parse, someLessons } from "./args.ts";
import { runCommand } from "./run-command.ts";
import { say, ui, warn } from "./ui.ts";
import { messages } from "./messages.ts";
import { checkReporter, render, reportError } from "./results/reporters.ts";
import { learnerProgress, lessonEntry, resultsDocument, type RunFacts } from "./results/build.ts";
import type { ResultsDocument } from "./results/document.ts";
import { resultDetails, resultLine, summaryLine } from "./report.ts";
import { readShipped } from "./grade/shipped.ts";
import { buildSandbox } from "./grade/sandbox.ts";

const USAGE = "npm run grade [LESSON ...] [-- --reporter human|json|junit|gradescope] [-- --shipped REF] [-- --trace]";

const facts: RunFacts = { command: "grade", root: ROOT, startedAt: new Date(), solution: false };

/** Runs the shipped verifier in the sandbox; its JSON document, or an error. */
function verifyIn(root: string, numbers: number[], trace: boolean): Promise<ResultsDocument> {
  return new Promise((resolve, reject) => {
    const args = [path.join(root, "cli", "launch.mjs"), "verify", ...numbers.map(String), "--reporter", "json", ...(trace ? ["--trace"] : [])];
    // The sandbox's own state folder: the learner's progress is never written.
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, WORKSHOP_STATE_DIR: path.join(root, ".workshop"), WORKSHOP_TRACE_DIR: path.join(ROOT, ".workshop", "traces") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", () => {
      try {
        resolve(JSON.parse(out) as ResultsDocument);
      } catch {
        reject(new Error(`the shipped verifier printed no results document.\n${err.trim().slice(-2000)}`));
      }
    });
  });
}

await runCommand(async () => {
  const { values, positionals } = parse(USAGE, {
    reporter: { type: "string", default: "human" },
    shipped: { type: "string" },
    trace: { type: "boolean", default: false },
  });
  const reporter = checkReporter(values.reporter, USAGE);
  const lessons = someLessons(positionals);
  const shipped = readShipped(ROOT, values.shipped);
  facts.shippedList = shipped.hash;
  const sandbox = await buildSandbox(ROOT, shipped);
  if (reporter === "human") say(ui.dim(messages().grading(lessons.map((l) => l.number))));
  const inner = await verifyIn(sandbox.root, lessons.map((l) => l.number), values.trace);
  if (inner.error) throw new WorkshopError(inner.error.code, inner.error.message);

  const mine = learnerProgress();
  const entries = inner.lessons.map((l) => {
    const entry = lessonEntry(l, mine);
    const changed = sandbox.changed.get(l.slug);
    return changed?.length ? { ...entry, checkFilesChanged: changed } : entry;
  });
  const doc = resultsDocument(facts, entries);
  if (reporter !== "human") {
    process.stdout.write(render(reporter, doc));
  } else {
    for (const entry of entries) {
      say(resultLine(entry));
      if (entry.status !== "pass") say(resultDetails(entry));
      if (entry.checkFilesChanged) say(ui.dim(`  ${messages().checkFilesChanged(entry.number, entry.checkFilesChanged)}`));
    }
    if (sandbox.changedElsewhere.length) warn(ui.dim(messages().engineFilesChanged(sandbox.changedElsewhere.length)));
    say();
    say(`${doc.ok ? ui.green(summaryLine(entries)) : ui.red(summaryLine(entries))} ${ui.dim(messages().took(`${(doc.durationMs / 1000).toFixed(1)}s`))}`);
  }
  return doc.ok ? 0 : entries.some((e) => e.status === "skip") ? 2 : 1;
}, { onError: reportError(facts) });
