// npm run soak -- N: verifies every solution, every untouched lesson, every known wrong fix and right fix
// N times on one browser, and reports any verdict that is not the expected one or that changed
// between rounds. A flake found here is fixed at its cause, never hidden by a retry.
import { parseArgs } from "node:util";
import { launchBrowser } from "../verify/browser.ts";
import { verifyAll, type Target } from "../verify/run.ts";
import { LESSONS, solutionDir } from "../verify/lessons.ts";
import { cleanupAll } from "../verify/processes.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { WRONG_FIXES } from "../test/wrong-fixes.ts";
import { RIGHT_FIXES } from "../test/right-fixes.ts";
import { lessonByNumber, wrongFixDir } from "../test/helpers.ts";

const { positionals } = parseArgs({ allowPositionals: true });
const rounds = Number(positionals[0] ?? 20);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`usage: npm run soak -- N   (N rounds, a whole number ≥ 1; got "${positionals[0]}")`);
  process.exit(2);
}

type Case = Target & { name: string; expected: string };
const cases: Case[] = [
  ...LESSONS.map((lesson) => ({ name: `${lesson.slug} (untouched)`, lesson, appDir: selfTestDir(lesson), checkDir: selfTestDir(lesson), expected: `fail ${lesson.fault}` })),
  ...LESSONS.map((lesson) => ({ name: `${lesson.slug} (solution)`, lesson, appDir: solutionDir(lesson), checkDir: selfTestDir(lesson), expected: "pass" })),
  ...WRONG_FIXES.map((fix) => {
    const lesson = lessonByNumber(fix.lesson);
    return { name: `${lesson.slug} (wrong fix: ${fix.name})`, lesson, appDir: wrongFixDir(fix), checkDir: selfTestDir(lesson), expected: `fail ${fix.fault}` };
  }),
  ...RIGHT_FIXES.map((fix) => {
    const lesson = lessonByNumber(fix.lesson);
    return { name: `${lesson.slug} (right fix: ${fix.name})`, lesson, appDir: wrongFixDir(fix), checkDir: selfTestDir(lesson), expected: "pass" };
  }),
];

const browser = await launchBrowser();
const seen = new Map<string, Map<string, number>>(cases.map((c) => [c.name, new Map()]));
const started = performance.now();
for (let round = 1; round <= rounds; round++) {
  const t0 = performance.now();
  const results = await verifyAll(browser, cases);
  let off = 0;
  results.forEach((result, i) => {
    const verdict = result.status === "pass" ? "pass" : `fail ${result.fault}`;
    const counts = seen.get(cases[i]!.name)!;
    counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
    if (verdict !== cases[i]!.expected) {
      off++;
      console.log(`  round ${round}: ${cases[i]!.name}: expected ${cases[i]!.expected}, got ${verdict}\n    ${(result.message ?? "").split("\n").join("\n    ")}`);
    }
  });
  console.log(`round ${round}/${rounds}: ${results.length} verdicts, ${off} unexpected (${((performance.now() - t0) / 1000).toFixed(1)}s)`);
}
await browser.close();
await cleanupAll();

const unstable = cases.filter((c) => {
  const counts = seen.get(c.name)!;
  return counts.size > 1 || !counts.has(c.expected);
});
console.log(`\n${cases.length} cases × ${rounds} rounds in ${((performance.now() - started) / 1000).toFixed(0)}s`);
for (const c of unstable) {
  const counts = [...seen.get(c.name)!].map(([verdict, n]) => `${verdict} ×${n}`).join(", ");
  console.log(`CHANGED ${c.name}: expected ${c.expected}; saw ${counts}`);
}
console.log(`${cases.length - unstable.length} passed, ${unstable.length} failed`);
process.exit(unstable.length ? 1 : 0);
