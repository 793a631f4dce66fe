// The workshop's central promise: every untouched lesson fails with its declared fault, every
// solution passes, and every plausible wrong fix still fails. Runs the committed lessons, so a
// learner's edits in lessons/ do not change the outcome.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright";
import { launchBrowser } from "../verify/browser.ts";
import { verifyAll, type LessonResult, type Target } from "../verify/run.ts";
import { LESSONS, lessonDir, solutionDir } from "../verify/lessons.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { WRONG_FIXES } from "./wrong-fixes.ts";
import { RIGHT_FIXES } from "./right-fixes.ts";
import { lessonByNumber, wrongFixDir } from "./helpers.ts";

let browser: Browser;
const results = new Map<string, LessonResult>();

before(async () => {
  browser = await launchBrowser();
  const targets: (Target & { key: string })[] = [
    ...LESSONS.map((lesson) => ({ key: `pristine ${lesson.slug}`, lesson, appDir: selfTestDir(lesson), checkDir: selfTestDir(lesson) })),
    ...LESSONS.map((lesson) => ({ key: `solution ${lesson.slug}`, lesson, appDir: solutionDir(lesson), checkDir: selfTestDir(lesson) })),
    ...WRONG_FIXES.map((fix) => {
      const lesson = lessonByNumber(fix.lesson);
      return { key: `wrong ${lesson.slug} ${fix.name}`, lesson, appDir: wrongFixDir(fix), checkDir: selfTestDir(lesson) };
    }),
    ...RIGHT_FIXES.map((fix) => {
      const lesson = lessonByNumber(fix.lesson);
      return { key: `right ${lesson.slug} ${fix.name}`, lesson, appDir: wrongFixDir(fix), checkDir: selfTestDir(lesson) };
    }),
  ];
  const all = await verifyAll(browser, targets);
  targets.forEach((target, i) => results.set(target.key, all[i]!));
});

after(() => browser?.close());

const explain = (r: LessonResult | undefined) => `${r?.status} ${r?.fault}\n${r?.message ?? ""}`;

for (const lesson of LESSONS) {
  describe(`lesson ${lesson.slug}`, () => {
    test(`untouched, it fails with ${lesson.fault}`, () => {
      const r = results.get(`pristine ${lesson.slug}`);
      assert.equal(r?.status, "fail", explain(r));
      assert.equal(r?.fault, lesson.fault, explain(r));
      assert.match(r!.message!, /What the verifier saw:\n {4}- /, "a failure explains what was seen");
    });

    test("its solution passes", () => {
      const r = results.get(`solution ${lesson.slug}`);
      assert.equal(r?.status, "pass", explain(r));
      assert.equal(r?.fault, null);
    });

    for (const fix of RIGHT_FIXES.filter((f) => f.lesson === lesson.number)) {
      test(`another right fix, "${fix.name}", passes`, () => {
        const r = results.get(`right ${lesson.slug} ${fix.name}`);
        assert.equal(r?.status, "pass", explain(r));
      });
    }

    for (const fix of WRONG_FIXES.filter((f) => f.lesson === lesson.number)) {
      test(`wrong fix "${fix.name}" still fails with ${fix.fault}`, () => {
        const r = results.get(`wrong ${lesson.slug} ${fix.name}`);
        assert.equal(r?.status, "fail", explain(r));
        assert.equal(r?.fault, fix.fault, explain(r));
      });
    }
  });
}

test("the lessons on disk are the ones under test when untouched", () => {
  // Sanity: lessonDir and selfTestDir hold the same lesson set, so the test covers what learners get.
  for (const lesson of LESSONS) assert.ok(lessonDir(lesson).endsWith(lesson.slug));
});
