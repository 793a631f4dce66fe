// Builds the results document from verdicts: who the learner is (git's user, or WORKSHOP_LEARNER),
// the commit judged, and per lesson what the learner's progress says of hints and the solution.
import { execFileSync } from "node:child_process";
import { LESSONS, lessonText, type LessonResult } from "../../verify/index.ts";
import { readProgress, type ProgressData } from "../state/progress-file.ts";
import { RESULTS_FORMAT, type LessonEntry, type ResultsDocument } from "./document.ts";

function git(cwd: string, ...args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || null;
  } catch {
    return null;
  }
}

/** WORKSHOP_LEARNER ("Name <email>" or a name) wins over git's user.name and user.email. */
export function learnerOf(root: string): ResultsDocument["learner"] {
  const given = process.env.WORKSHOP_LEARNER?.trim();
  if (given) {
    const m = /^(.*?)\s*<([^>]*)>$/.exec(given);
    return m ? { name: m[1] || null, email: m[2] || null } : { name: given, email: null };
  }
  return { name: git(root, "config", "user.name"), email: git(root, "config", "user.email") };
}

export const commitOf = (root: string): string | null => git(root, "rev-parse", "HEAD");

export function lessonEntry(result: Pick<LessonResult, "number" | "slug" | "status" | "fault" | "message" | "durationMs">, progress: ProgressData): LessonEntry {
  const lesson = LESSONS.find((l) => l.slug === result.slug);
  const mine = progress.lessons[result.slug];
  return {
    number: result.number,
    slug: result.slug,
    title: lesson ? lessonText(lesson).title : result.slug,
    status: result.status,
    fault: result.fault,
    message: result.message,
    durationMs: result.durationMs,
    hintsShown: mine?.hintsShown ?? 0,
    solutionViewed: Boolean(mine?.solutionViewedAt),
  };
}

export interface RunFacts {
  command: ResultsDocument["command"];
  root: string;
  startedAt: Date;
  solution: boolean;
  shippedList?: string;
}

export function resultsDocument(facts: RunFacts, lessons: LessonEntry[], error: ResultsDocument["error"] = null): ResultsDocument {
  return {
    format: RESULTS_FORMAT,
    command: facts.command,
    ok: error === null && lessons.length > 0 && lessons.every((l) => l.status === "pass"),
    error,
    learner: learnerOf(facts.root),
    commit: commitOf(facts.root),
    startedAt: facts.startedAt.toISOString(),
    durationMs: Math.round(Date.now() - facts.startedAt.getTime()),
    shippedList: facts.shippedList ?? null,
    solution: facts.solution,
    lessons,
  };
}

export const learnerProgress = (): ProgressData => readProgress(undefined, () => {});
