// Unified diffs between two versions of a lesson's files (the learner's, the solution, a pristine copy).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTwoFilesPatch } from "diff";

/** The files a lesson's app is made of: every file in the solution folder. */
export function appFiles(solutionDir: string): string[] {
  return readdirSync(solutionDir).filter((f) => !f.startsWith(".")).sort();
}

export function diffFiles(fromDir: string, toDir: string, files: string[], labels: [string, string]): string[] {
  const patches: string[] = [];
  for (const file of files) {
    const read = (dir: string) => (existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), "utf8") : "");
    const before = read(fromDir);
    const after = read(toDir);
    if (before === after) continue;
    patches.push(createTwoFilesPatch(`${labels[0]}/${file}`, `${labels[1]}/${file}`, before, after, "", "", { context: 3 }));
  }
  return patches;
}
