// How long each app took to verify last time on this machine, so that verifyAll starts the
// longest first: with one worker per core, a long lesson started last leaves the other cores
// idle while it finishes. Only an ordering hint: a missing or damaged file changes nothing else.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, WORK_DIR } from "../paths.ts";

const FILE = path.join(WORK_DIR, "durations.json");

export function readDurations(): Record<string, number> {
  try {
    const data = JSON.parse(readFileSync(FILE, "utf8")) as unknown;
    return typeof data === "object" && data !== null ? (data as Record<string, number>) : {};
  } catch {
    return {};
  }
}

export function recordDurations(measured: { appDir: string; ms: number }[]): void {
  const data = readDurations();
  for (const { appDir, ms } of measured) data[key(appDir)] = Math.round(ms);
  try {
    mkdirSync(WORK_DIR, { recursive: true });
    const temp = `${FILE}.${process.pid}`;
    writeFileSync(temp, JSON.stringify(data, null, 1));
    renameSync(temp, FILE); // a parallel run may win; either file is a fine hint
  } catch {
    // read-only checkout: keep the natural order
  }
}

/** Indices of `appDirs` in the order to start them: longest last time first, unknown ones in place after. */
export function longestFirst(appDirs: string[]): number[] {
  const known = readDurations();
  const indices = appDirs.map((_, i) => i);
  return indices.sort((a, b) => (known[key(appDirs[b]!)] ?? -1) - (known[key(appDirs[a]!)] ?? -1) || a - b);
}

function key(appDir: string): string {
  return path.relative(ROOT, appDir);
}
