// The lessons as the engine finds them: every lesson folder is complete and consistent, the
// faults it names are explained, its check and its solution keep to their shape, and nothing
// lists lessons by hand (the README's table is generated from the metadata).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { diffLines } from "diff";
import { LESSONS } from "../verify/catalogue/lessons.ts";
import { FAULTS } from "../verify/catalogue/language.ts";
import { SHARED_FAULTS } from "../verify/catalogue/faults.ts";
import { LESSONS_DIR, ROOT, SOLUTIONS_DIR } from "../verify/paths.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { loadFixes } from "./fixes.ts";
import { lessonTable } from "../scripts/readme.ts";

test("lessons are numbered 1..n in order, with slugs NN-name", () => {
  LESSONS.forEach((lesson, i) => {
    assert.equal(lesson.number, i + 1);
    assert.match(lesson.slug, new RegExp(`^${String(i + 1).padStart(2, "0")}-[a-z0-9-]+$`));
    assert.ok(lesson.title.en.trim().length > 5);
  });
});

test("every lesson declares a fault the catalogue or the lesson explains, and no two lessons share one", () => {
  for (const lesson of LESSONS) assert.ok(Object.hasOwn(FAULTS, lesson.fault), `${lesson.slug}: unknown fault ${lesson.fault}`);
  assert.equal(new Set(LESSONS.map((l) => l.fault)).size, LESSONS.length);
});

test("a lesson's own faults are its own: not in the shared catalogue", () => {
  for (const lesson of LESSONS) {
    for (const code of Object.keys(lesson.faults ?? {})) assert.ok(!Object.hasOwn(SHARED_FAULTS, code), `${lesson.slug} declares ${code}, which the shared catalogue explains`);
  }
});

test("every fault code a check or the engine names is explained", () => {
  const named = (file: string) => [...readFileSync(file, "utf8").matchAll(/\bfault: "([A-Z_]+)"/g)].map((m) => m[1]!);
  for (const lesson of LESSONS) {
    for (const code of named(path.join(LESSONS_DIR, lesson.slug, "verify.ts"))) {
      assert.ok(Object.hasOwn(FAULTS, code), `lessons/${lesson.slug}/verify.ts names ${code}, which neither the shared catalogue nor its lesson.ts explains`);
    }
  }
  for (const fix of loadFixes()) if (fix.fault) assert.ok(Object.hasOwn(FAULTS, fix.fault), `${fix.file}: unknown fault ${fix.fault}`);
});

test("every lesson has at least two non-empty hints", () => {
  for (const lesson of LESSONS) {
    assert.ok(lesson.hints.length >= 2, lesson.slug);
    for (const hint of lesson.hints) assert.ok(hint.en.trim().length > 10, `${lesson.slug}: empty hint`);
  }
});

test("every lesson says in one sentence what its pass proves", () => {
  for (const lesson of LESSONS) assert.match(lesson.passed.en, /^[A-Z][^\n]{20,140}\.$/, lesson.slug);
  assert.equal(new Set(LESSONS.map((l) => l.passed.en)).size, LESSONS.length);
});

test("lesson and solution folders match one for one", () => {
  const dirs = (root: string) => readdirSync(root).filter((f) => /^\d\d-/.test(f)).sort();
  assert.deepEqual(dirs(LESSONS_DIR), LESSONS.map((l) => l.slug));
  assert.deepEqual(dirs(SOLUTIONS_DIR), LESSONS.map((l) => l.slug));
});

test("every lesson folder holds its app, its check, its metadata and both READMEs", () => {
  for (const lesson of LESSONS) {
    for (const file of ["server.ts", "client.ts", "verify.ts", "lesson.ts", "README.md", "README.zh-CN.md"]) {
      assert.ok(existsSync(path.join(LESSONS_DIR, lesson.slug, file)), `lessons/${lesson.slug}/${file} is missing`);
    }
  }
});

test("a solution changes only the app, and only a few lines of it", () => {
  for (const lesson of LESSONS) {
    const pristine = selfTestDir(lesson);
    const solution = path.join(SOLUTIONS_DIR, lesson.slug);
    let changed = 0;
    for (const file of readdirSync(solution)) {
      assert.ok(!/README|verify|lesson\.ts/.test(file), `solutions/${lesson.slug}/${file}: solutions hold only the app`);
      const before = existsSync(path.join(pristine, file)) ? readFileSync(path.join(pristine, file), "utf8") : "";
      const after = readFileSync(path.join(solution, file), "utf8");
      changed += diffLines(before, after).filter((part) => part.added || part.removed).reduce((n, part) => n + (part.count ?? 0), 0);
    }
    assert.ok(changed > 0, `${lesson.slug}: the solution is identical to the lesson`);
    assert.ok(changed <= 12, `${lesson.slug}: the solution changes ${changed} lines; a lesson has one bug`);
  }
});

test("a check that disrupts Redis runs only against a Redis of the app's own", () => {
  // Closing connections on a shared Redis would break other lessons' checks running beside it.
  for (const lesson of LESSONS) {
    const check = readFileSync(path.join(LESSONS_DIR, lesson.slug, "verify.ts"), "utf8");
    if (/dropRedisConnections\(|restartRedis\(/.test(check)) assert.equal(lesson.needs.redis, "own", `${lesson.slug} disrupts Redis: give it needs: { redis: "own" }`);
  }
});

test("every lesson has fixtures: at least two wrong fixes", () => {
  const fixes = loadFixes();
  for (const lesson of LESSONS) {
    assert.ok(fixes.filter((f) => f.lesson === lesson && f.kind === "wrong").length >= 2, `${lesson.slug}: fewer than two wrong fixes in test/fixes/${lesson.slug}/wrong/`);
  }
});

test("the README's lesson table is the one the metadata makes (npm run readme writes it)", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  assert.ok(readme.includes(lessonTable()), "README.md's lesson table is out of date: run `npm run readme`");
});

test("a lesson's check reads as its spec: named kit steps, no helpers of its own, no raw protocol", () => {
  for (const lesson of LESSONS) {
    const file = `lessons/${lesson.slug}/verify.ts`;
    const check = readFileSync(path.join(ROOT, file), "utf8");
    assert.doesNotMatch(check, /^(export )?(async )?function |^class /m, `${file} declares a helper of its own: it belongs in verify/kit/, once`);
    assert.doesNotMatch(check, /EIO=|transport=|["'`]4[0-4]\[|["'`]42\[/, `${file} speaks raw Engine.IO: protocol detail belongs in verify/kit/`);
    assert.match(check, /^import lesson from "\.\/lesson\.ts";$/m, `${file} ties its check to its lesson's metadata (defineCheck(lesson, …))`);
  }
});
