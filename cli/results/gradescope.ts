// The results in Gradescope's autograder format (results.json): one test per lesson, worth one
// point, passed or failed, with the verdict as its output. A run that could not judge scores 0 and
// says why in the top-level output.
import { caseName } from "./junit.ts";
import type { ResultsDocument } from "./document.ts";

export function gradescope(doc: ResultsDocument): string {
  const tests = doc.lessons.map((l) => ({
    name: caseName(l),
    number: String(l.number),
    score: l.status === "pass" ? 1 : 0,
    max_score: 1,
    status: l.status === "pass" ? "passed" : "failed",
    output: l.status === "pass" ? "PASS" : l.status === "skip" ? `Not checked: ${l.message ?? ""}` : (l.message ?? l.fault ?? "FAIL"),
    visibility: "visible",
    extra_data: { fault: l.fault, hintsShown: l.hintsShown, solutionViewed: l.solutionViewed, ...(l.checkFilesChanged ? { checkFilesChanged: l.checkFilesChanged } : {}) },
  }));
  const passed = tests.filter((t) => t.score === 1).length;
  const output = doc.error
    ? `The workshop could not grade this submission (${doc.error.code}): ${doc.error.message}`
    : `${passed} of ${tests.length} lessons pass.`;
  const result = {
    score: passed,
    execution_time: Math.round(doc.durationMs / 1000),
    output,
    output_format: "text",
    test_output_format: "text",
    stdout_visibility: "hidden",
    extra_data: { format: doc.format, command: doc.command, learner: doc.learner, commit: doc.commit, startedAt: doc.startedAt, shippedList: doc.shippedList },
    tests,
  };
  return JSON.stringify(result, null, 2) + "\n";
}
