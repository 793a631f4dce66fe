// The CI templates for grading each push: the GitHub workflow passes the action validator from npm,
// both templates run the README's setup and the same grading commands, and those commands, run
// here in a copy of the workshop as the runner would, leave a JUnit file, a job summary and a report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ROOT } from "../verify/paths.ts";
import { LESSONS } from "../verify/catalogue/lessons.ts";
import { useWorkspace } from "./workspace.ts";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
const github = parse(readFileSync(path.join(ROOT, ".github", "workflows", "grade.yml"), "utf8")) as { jobs: { grade: { steps: Step[] } } };
const gitlab = parse(readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8")) as { grade: { script: string[]; after_script: string[]; variables: Record<string, unknown>; artifacts: { reports: { junit: string } } } };
const steps = github.jobs.grade.steps;
const runs = steps.filter((s) => s.run).map((s) => s.run!.trim());

const held = useWorkspace();

test("the GitHub workflow passes @action-validator/cli", () => {
  const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "@action-validator", "cli", "cli.mjs"), path.join(ROOT, ".github", "workflows", "grade.yml")], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test("both templates check out the full history, run the README's setup, and grade with the same commands", () => {
  assert.equal(steps.find((s) => s.uses?.startsWith("actions/checkout@"))?.with?.["fetch-depth"], 0);
  assert.equal(gitlab.grade.variables.GIT_DEPTH, 0);
  assert.match(readFileSync(path.join(ROOT, "README.md"), "utf8"), /npm run setup/);
  assert.equal(runs[0], "npm run setup");
  assert.deepEqual(gitlab.grade.script, runs.slice(0, 2).flatMap((run) => run.split("\n")));
  assert.deepEqual(gitlab.grade.after_script, [runs[2]!.replace(/ >> "\$GITHUB_STEP_SUMMARY"$/, "")]);
  assert.equal(gitlab.grade.artifacts.reports.junit, "grade/results.xml");
});

test("the workflow's own commands, after setup, grade every lesson and write the summary and the report", () => {
  const { ws, state } = held;
  const summary = path.join(state, "summary.md");
  const env = { ...process.env, CI: "true", GITHUB_STEP_SUMMARY: summary, WORKSHOP_STATE_DIR: state, NO_COLOR: "1" };
  const [, grade, report] = runs;
  // The lessons are as shipped, so every one fails and the grade step fails: the runner goes on
  // with the steps marked `if: always()`.
  const graded = spawnSync("bash", ["-e", "-c", grade!], { cwd: ws.root, env, encoding: "utf8", timeout: 600_000 });
  assert.equal(graded.status, 1, graded.stderr);
  const xml = readFileSync(path.join(ws.root, "grade", "results.xml"), "utf8");
  assert.equal(xml.match(/<testcase /g)?.length, LESSONS.length);
  assert.equal(xml.match(/<failure /g)?.length, LESSONS.length);
  const reported = spawnSync("bash", ["-e", "-c", report!], { cwd: ws.root, env, encoding: "utf8", timeout: 120_000 });
  assert.equal(reported.status, 0, reported.stderr);
  const table = readFileSync(summary, "utf8");
  assert.match(table, /^\|.*\|$/m, table);
  assert.ok(existsSync(path.join(ws.root, "grade", "report.html")));
  // --trace: each failing lesson left its trace for the artifact.
  assert.ok(readFileSync(path.join(ws.root, "grade", "results.xml"), "utf8").includes("npx playwright show-trace"));
});
