// The learner's progress: last verdict per lesson and how many hints were shown.
// A damaged file is set aside (never deleted) and progress starts again, with a warning.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { STATE_DIR, type FaultCode } from "../../verify/index.ts";

export interface LessonProgress {
  status?: "pass" | "fail";
  fault?: FaultCode | null;
  checkedAt?: string;
  passedAt?: string;
  hintsShown?: number;
  /** When `npm run solution N` first showed the learner the answer (reported by verify and grade). */
  solutionViewedAt?: string;
}

export interface ProgressData {
  version: 1;
  lessons: Record<string, LessonProgress>;
  /** The slug of the lesson last run with `npm run lesson`: where a bare `npm run lesson` resumes. */
  current?: string;
}

export const PROGRESS_FILE = path.join(STATE_DIR, "progress.json");

export function readProgress(file = PROGRESS_FILE, onWarning: (message: string) => void = (m) => process.stderr.write(m + "\n")): ProgressData {
  if (!existsSync(file)) return { version: 1, lessons: {} };
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as ProgressData;
    if (data?.version !== 1 || typeof data.lessons !== "object" || data.lessons === null) throw new Error("unexpected shape");
    return data;
  } catch {
    const aside = `${file}.damaged-${Date.now()}`;
    renameSync(file, aside);
    onWarning(`warning: the progress file was damaged; it was moved to ${path.relative(process.cwd(), aside)} and progress starts fresh. Your lesson files are untouched.`);
    return { version: 1, lessons: {} };
  }
}

export function updateProgress(slug: string, change: (entry: LessonProgress) => void, file = PROGRESS_FILE): LessonProgress {
  const data = readProgress(file);
  const entry = (data.lessons[slug] ??= {});
  change(entry);
  write(data, file);
  return entry;
}

/** Remembers the lesson the learner is on, for a bare `npm run lesson` or `npm run hint`. */
export function setCurrentLesson(slug: string, file = PROGRESS_FILE): void {
  const data = readProgress(file);
  if (data.current === slug) return;
  data.current = slug;
  write(data, file);
}

function write(data: ProgressData, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(data, null, 2) + "\n");
  renameSync(temp, file); // atomic: a Ctrl-C never leaves half a file
}

export function recordVerdict(slug: string, status: "pass" | "fail", fault: FaultCode | null): void {
  updateProgress(slug, (entry) => {
    const now = new Date().toISOString();
    entry.status = status;
    entry.fault = fault;
    entry.checkedAt = now;
    if (status === "pass") entry.passedAt ??= now;
  });
}
