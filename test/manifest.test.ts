// The lesson list is valid, every lesson has its files, and lesson and solution differ only
// where the bug is (a small diff in the app files; README and verifier are not duplicated).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { diffLines } from "diff";
import { LESSONS } from "../lessons/manifest.ts";
import { FAULTS } from "../verify/faults.ts";
import { LESSONS_DIR, SOLUTIONS_DIR } from "../verify/paths.ts";
import { selfTestDir } from "../cli/state/pristine.ts";

test("lessons are numbered 1..n in order, with slugs NN-name", () => {
  LESSONS.forEach((lesson, i) => {
    assert.equal(lesson.number, i + 1);
    assert.match(lesson.slug, new RegExp(`^${String(i + 1).padStart(2, "0")}-[a-z0-9-]+$`));
    assert.ok(lesson.title.trim().length > 5);
  });
});

test("every lesson declares a known fault, and no two lessons share one", () => {
  for (const lesson of LESSONS) assert.ok(Object.hasOwn(FAULTS, lesson.fault), `${lesson.slug}: unknown fault ${lesson.fault}`);
  assert.equal(new Set(LESSONS.map((l) => l.fault)).size, LESSONS.length);
});

test("every lesson has at least two non-empty hints", () => {
  for (const lesson of LESSONS) {
    assert.ok(lesson.hints.length >= 2, lesson.slug);
    for (const hint of lesson.hints) assert.ok(hint.trim().length > 10, `${lesson.slug}: empty hint`);
  }
});

test("every lesson says in one sentence what its pass proves", () => {
  for (const lesson of LESSONS) assert.match(lesson.passed, /^[A-Z][^\n]{20,140}\.$/, lesson.slug);
  assert.equal(new Set(LESSONS.map((l) => l.passed)).size, LESSONS.length);
});

test("lesson and solution folders match the manifest exactly", () => {
  const dirs = (root: string) => readdirSync(root).filter((f) => /^\d\d-/.test(f)).sort();
  assert.deepEqual(dirs(LESSONS_DIR), LESSONS.map((l) => l.slug));
  assert.deepEqual(dirs(SOLUTIONS_DIR), LESSONS.map((l) => l.slug));
});

test("every lesson has its app, its verifier and both READMEs", () => {
  for (const lesson of LESSONS) {
    for (const file of ["server.ts", "client.ts", "verify.ts", "README.md", "README.zh-CN.md"]) {
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
      assert.ok(!/README|verify/.test(file), `solutions/${lesson.slug}/${file}: solutions hold only the app`);
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
    if (/dropRedisConnections\(/.test(check)) assert.equal(lesson.redis, "own", `${lesson.slug} drops Redis connections: give it redis: "own"`);
  }
});
