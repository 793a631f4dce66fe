// The workshop's central promise: every untouched lesson fails with its declared fault, every
// solution passes, and every plausible wrong fix still fails. Runs copies of the lessons as shipped
// (git's HEAD), so a learner's edits in lessons/ neither change the outcome nor get changed.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright";
import { launchBrowser } from "../verify/app/browser.ts";
import { verifyAll, type LessonResult, type Target } from "../verify/judge/run.ts";
import { LESSONS, lessonDir, solutionDir } from "../verify/catalogue/lessons.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { fixDir, loadFixes } from "./fixes.ts";
import { BATTERY } from "../verify/battery/index.ts";
import { PROVEN_BY_UNIT_TESTS } from "./battery-proofs.ts";

const FIXES = loadFixes();
let browser: Browser;
type Key = string;
const targets: (Target & { key: Key })[] = [
  ...LESSONS.map((lesson) => ({ key: `pristine ${lesson.slug}`, lesson, appDir: selfTestDir(lesson), checkDir: selfTestDir(lesson) })),
  ...LESSONS.map((lesson) => ({ key: `solution ${lesson.slug}`, lesson, appDir: solutionDir(lesson), checkDir: selfTestDir(lesson) })),
  ...FIXES.map((fix) => ({ key: `${fix.kind} ${fix.lesson.slug} ${fix.name}`, lesson: fix.lesson, appDir: fixDir(fix), checkDir: selfTestDir(fix.lesson) })),
];

// Every case is checked in parallel from the start; each test waits for its own case, so results
// are reported as they come in, and a progress line says how far the whole batch is.
const waiting = new Map<Key, (result: LessonResult) => void>();
const results = new Map<Key, Promise<LessonResult>>(targets.map((t) => [t.key, new Promise((resolve) => waiting.set(t.key, resolve))]));
let batch: Promise<void> | undefined;
function checkEveryCase(): void {
  const started = performance.now();
  let done = 0;
  let said = started;
  batch = (async () => {
    browser = await launchBrowser();
    console.log(`Checking ${targets.length} cases: every lesson untouched and solved, and every wrong and right fix…`);
    await verifyAll(browser, targets, (result, i) => {
      waiting.get(targets[i]!.key)!(result);
      done++;
      if (performance.now() - said > 5000 || done === targets.length) {
        said = performance.now();
        console.log(`  … ${done} of ${targets.length} cases checked (${Math.round((said - started) / 1000)} s)`);
      }
    });
  })();
  // A batch that fails outright fails every test that waits for it, with its error.
  batch.catch((err: Error) => {
    for (const resolve of waiting.values()) resolve({ status: "error", message: err.stack } as unknown as LessonResult);
  });
}
const explain = (r: LessonResult | undefined) => `${r?.status} ${r?.fault}\n${r?.message ?? ""}`;

describe("every lesson, untouched and solved, and every known fix", () => {
  before(checkEveryCase);
  // A suite's own hook: it runs when the suite ends (a file's top-level after() waits for an idle process).
  after(async () => {
    await batch?.catch(() => {});
    await browser?.close();
  });

  for (const lesson of LESSONS) {
    describe(`lesson ${lesson.slug}`, () => {
      test(`untouched, it fails with ${lesson.fault}`, async () => {
        const r = await results.get(`pristine ${lesson.slug}`);
        assert.equal(r?.status, "fail", explain(r));
        assert.equal(r?.fault, lesson.fault, explain(r));
        assert.match(r!.message!, /What the verifier saw:\n {4}- /, "a failure explains what was seen");
      });

      test("its solution passes", async () => {
        const r = await results.get(`solution ${lesson.slug}`);
        assert.equal(r?.status, "pass", explain(r));
        assert.equal(r?.fault, null);
      });

      for (const fix of FIXES.filter((f) => f.lesson === lesson && f.kind === "right")) {
        test(`another right fix, "${fix.title}", passes`, async () => {
          const r = await results.get(`right ${lesson.slug} ${fix.name}`);
          assert.equal(r?.status, "pass", `${fix.file}: ${fix.why}\n${explain(r)}`);
        });
      }

      for (const fix of FIXES.filter((f) => f.lesson === lesson && f.kind === "wrong")) {
        test(`wrong fix "${fix.title}" still fails with ${fix.fault}`, async () => {
          const r = await results.get(`wrong ${lesson.slug} ${fix.name}`);
          assert.equal(r?.status, "fail", `${fix.file}: ${fix.why}\n${explain(r)}`);
          assert.equal(r?.fault, fix.fault, `${fix.file}: ${fix.why}\n${explain(r)}`);
        });
      }
    });
  }
});

test("every battery item is proven by a wrong fix that fails on it (or by a unit test)", async () => {
  const proven = new Set<string>(PROVEN_BY_UNIT_TESTS);
  for (const fix of FIXES.filter((f) => f.kind === "wrong")) {
    const r = await results.get(`wrong ${fix.lesson.slug} ${fix.name}`);
    const id = /\(the battery's ([a-z]+\.[a-z-]+):/.exec(r?.message ?? "")?.[1];
    if (id && r?.fault === fix.fault) proven.add(id);
  }
  assert.deepEqual(BATTERY.map((item) => item.id).filter((id) => !proven.has(id)), [], "battery items no wrong fix proves can fail");
});

test("the lessons on disk are the ones under test when untouched", () => {
  // Sanity: lessonDir and selfTestDir hold the same lesson set, so the test covers what learners get.
  for (const lesson of LESSONS) assert.ok(lessonDir(lesson).endsWith(lesson.slug));
});
