// Shared by the tests: lessons by number, and processes. (The real CLI runs in a Workspace; fixtures
// come from fixes.ts.)
import { readdirSync, readFileSync } from "node:fs";
import { LESSONS } from "../verify/catalogue/lessons.ts";

// The tests judge lessons as shipped, in a copy of the workshop that `npm test` makes; run here,
// in a learner's tree, they would read the learner's lessons.
if (!process.env.WORKSHOP_SELF_TEST_COPY) {
  throw new Error("Run the tests with `npm test` (one file: `npm test -- test/cli.test.ts`): they run in a copy of the workshop, with its lessons as shipped.");
}

// The tests read the workshop's English; a learner's Chinese locale must not change what they see.
process.env.WORKSHOP_LANG = "en";

export const lessonByNumber = (n: number) => LESSONS.find((l) => l.number === n)!;

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
