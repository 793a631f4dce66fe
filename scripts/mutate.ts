// `npm run mutate [N...]`: mutation testing of the reference solutions with StrykerJS. Stryker
// changes one thing at a time in a solution's code (a condition, an option, a string, a block) and
// runs the verifier on it (its command runner: `verify N --solution`); a mutant the verifier passes
// "survives": either the checks miss a way the app can be wrong, or the change makes no difference
// a user could notice (an equivalent mutant). Every survivor must be one of the equivalent mutants
// listed, with the reason, in test/mutation/equivalent-mutants.json; the run prints each lesson's
// score over the mutants that are not equivalent, and fails on any survivor not listed there.
//
// It takes about a minute per lesson (every mutant is a full verification), so it runs on demand,
// not in `npm test`; test/mutation.test.ts keeps the equivalents file in step with the solutions.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, styleText } from "node:util";
import { ROOT } from "../verify/paths.ts";
import { loadEquivalents, matchEquivalent, type Equivalent } from "../test/mutation/equivalents.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    concurrency: { type: "string", default: "2" },
    help: { type: "boolean", short: "h" },
  },
});

const solutions = readdirSync(path.join(ROOT, "solutions")).filter((name) => /^\d\d-/.test(name)).sort();
if (values.help) {
  process.stdout.write("usage: npm run mutate [N...] [-- --concurrency 2]\nMutation-tests the solutions of the lessons given (all by default) with StrykerJS.\n");
  process.exit(0);
}
const chosen = positionals.length ? positionals.map((n) => solutions.find((name) => Number(name.slice(0, 2)) === Number(n)) ?? fail(`no lesson ${n}: the lessons are 1 to ${solutions.length}`)) : solutions;

/** What this script reads of Stryker's results (typed here: setup installs no dev dependency, so no types either). */
interface MutantResult {
  fileName: string;
  mutatorName: string;
  replacement: string;
  status: "Killed" | "Survived" | "NoCoverage" | "CompileError" | "RuntimeError" | "Timeout" | "Ignored" | "Pending";
  location: { start: { line: number; column: number } };
}
type StrykerClass = new (options: Record<string, unknown>) => { runMutationTest(): Promise<MutantResult[]> };

const STRYKER = "@stryker-mutator/core";
let Stryker: StrykerClass;
try {
  ({ Stryker } = (await import(STRYKER)) as { Stryker: StrykerClass });
} catch {
  fail("npm run mutate needs StrykerJS, a development dependency that `npm run setup` leaves out. Install it once with `npm install --include=dev`, then run this again.");
}

const equivalents = loadEquivalents();
const workDir = path.join(ROOT, ".workshop", "mutation");
mkdirSync(workDir, { recursive: true });
const rows: { slug: string; killed: number; counted: number; equivalent: number; survivors: string[] }[] = [];

for (const slug of chosen) {
  const dir = path.join("solutions", slug);
  const files = ["server.ts", "client.ts", "bot.ts"].map((name) => path.join(dir, name)).filter((file) => existsSync(path.join(ROOT, file)));
  process.stdout.write(`\n${styleText("bold", `lesson ${Number(slug.slice(0, 2))}`)}: ${files.join(", ")}\n`);
  const results = await new Stryker({
    testRunner: "command",
    commandRunner: { command: `node cli/launch.mjs verify ${Number(slug.slice(0, 2))} --solution` },
    mutate: files,
    concurrency: Number(values.concurrency),
    // The project's own tsconfig would make Stryker type-check every mutant with the compiler's
    // JavaScript API, which TypeScript 7 no longer has; the verifier type-checks what it runs.
    tsconfigFile: path.join(".workshop", "mutation", "no-tsconfig.json"),
    disableTypeChecks: `${dir}/**/*.ts`,
    ignorePatterns: [".workshop", "test/fixes", ".git"],
    tempDirName: path.join(".workshop", "mutation", "sandboxes"),
    cleanTempDir: "always",
    timeoutMS: 20_000,
    reporters: ["progress", "html"],
    htmlReporter: { fileName: path.join(".workshop", "mutation", `${slug}.html`) },
    logLevel: "warn",
  }).runMutationTest();

  const row = { slug, killed: 0, counted: 0, equivalent: 0, survivors: [] as string[] };
  for (const mutant of results) {
    if (mutant.status === "Ignored" || mutant.status === "CompileError") continue;
    const source = readFileSync(path.resolve(ROOT, mutant.fileName), "utf8").split("\n")[mutant.location.start.line - 1] ?? "";
    const file = path.relative(ROOT, path.resolve(ROOT, mutant.fileName));
    const listed: Equivalent | undefined = matchEquivalent(equivalents, { file, line: source, column: mutant.location.start.column, mutator: mutant.mutatorName, replacement: mutant.replacement });
    if (mutant.status === "Killed" || mutant.status === "Timeout") {
      row.killed++;
      row.counted++;
    } else if (listed) {
      row.equivalent++;
    } else {
      row.counted++;
      row.survivors.push(`${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName} → ${mutant.replacement.split("\n")[0]!.slice(0, 100)}\n      ${source.trim()}`);
    }
  }
  rows.push(row);
  for (const survivor of row.survivors) process.stdout.write(`  ${styleText("red", "survived")} ${survivor}\n`);
}

process.stdout.write(`\n${"lesson".padEnd(28)} ${"score".padStart(7)}  killed / not equivalent (equivalent)\n`);
let failed = false;
for (const row of rows) {
  const score = row.counted ? (100 * row.killed) / row.counted : 100;
  const bad = row.survivors.length > 0 || score < 95;
  failed ||= bad;
  process.stdout.write(`${styleText(bad ? "red" : "green", row.slug.padEnd(28))} ${score.toFixed(1).padStart(6)}%  ${row.killed} / ${row.counted} (${row.equivalent})\n`);
}
if (failed) {
  process.stdout.write(
    `\nEvery survivor is a way the app can change that no check noticed: add a check that fails it (with a wrong-fix\nfixture), or, if no user could tell the difference, list it in test/mutation/equivalent-mutants.json with the reason.\n`,
  );
  process.exit(1);
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}
