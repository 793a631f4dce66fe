// npm run soak -- N: verifies every solution, every untouched lesson, every known wrong fix and right fix
// N times on one browser, and reports any verdict that is not the expected one or that changed
// between rounds. A flake found here is fixed at its cause, never hidden by a retry.
import { parseArgs } from "node:util";
import { launchBrowser } from "../verify/app/browser.ts";
import { verifyAll, type Target } from "../verify/judge/run.ts";
import { LESSONS, solutionDir } from "../verify/catalogue/lessons.ts";
import { cleanupAll } from "../verify/app/processes.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { fixDir, loadFixes } from "../test/fixes.ts";

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
  ...loadFixes().map((fix) => ({
    name: `${fix.lesson.slug} (${fix.kind} fix: ${fix.title})`,
    lesson: fix.lesson,
    appDir: fixDir(fix),
    checkDir: selfTestDir(fix.lesson),
    expected: fix.fault ? `fail ${fix.fault}` : "pass",
  })),
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
