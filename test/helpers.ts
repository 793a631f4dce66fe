// Shared by the tests: pristine copies, fixture apps, processes. (The real CLI runs in a Workspace.)
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, WORK_DIR } from "../verify/paths.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { LESSONS } from "../lessons/manifest.ts";
import type { WrongFix } from "./wrong-fixes.ts";

// The tests read the workshop's English; a learner's Chinese locale must not change what they see.
process.env.WORKSHOP_LANG = "en";

export const lessonByNumber = (n: number) => LESSONS.find((l) => l.number === n)!;

/** The committed lesson with a wrong fix applied, in its own folder under .workshop/. */
export function wrongFixDir(fix: Pick<WrongFix, "lesson" | "name" | "edits">): string {
  const lesson = lessonByNumber(fix.lesson);
  const dir = path.join(WORK_DIR, "wrong-fixes", `${lesson.slug}-${fix.name.replace(/\W+/g, "-")}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(selfTestDir(lesson), dir, { recursive: true });
  for (const edit of fix.edits) {
    const file = path.join(dir, edit.file);
    const text = readFileSync(file, "utf8");
    if (!text.includes(edit.from)) throw new Error(`wrong fix "${fix.name}": ${edit.file} no longer contains ${JSON.stringify(edit.from)}`);
    writeFileSync(file, text.replace(edit.from, edit.to));
  }
  return dir;
}

/** Processes whose environment carries WORKSHOP_TEST_TAG=tag: a CLI run and everything it started. */
export function taggedProcesses(tag: string): number[] {
  const needle = Buffer.from(`WORKSHOP_TEST_TAG=${tag}\0`);
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(needle)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

export async function eventually<T>(check: () => T | undefined, ms: number, interval = 50): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, interval));
  }
}
