// The one document every reporter of `npm run verify` and `npm run grade` prints: what ran, for
// whom, at which commit, and each lesson's verdict. The JSON reporter prints it as it is; JUnit and
// Gradescope are views of it. `npm run class-report` reads it back (or the JUnit view).
import type { FaultCode } from "../../verify/index.ts";

export const RESULTS_FORMAT = "socket-session-workshop/results@1";

export interface LessonEntry {
  number: number;
  slug: string;
  title: string;
  status: "pass" | "fail" | "skip";
  fault: FaultCode | null;
  /** The verdict as the learner reads it: title, evidence, what it usually means. */
  message: string | null;
  durationMs: number;
  /** From the learner's progress (absent in a fresh clone): hints shown, solution diff viewed. */
  hintsShown: number;
  solutionViewed: boolean;
  /** grade only: the lesson's check files differ from the shipped ones (information, not an error). */
  checkFilesChanged?: string[];
}

export interface ResultsDocument {
  format: typeof RESULTS_FORMAT;
  command: "verify" | "grade";
  ok: boolean;
  /** Set when the run could not judge at all (bad input, no browser, an internal error). */
  error: { code: string; message: string } | null;
  learner: { name: string | null; email: string | null };
  /** The learner's commit (git rev-parse HEAD), null outside git. */
  commit: string | null;
  startedAt: string;
  durationMs: number;
  /**
   * grade: the git blob hash of the list of shipped files (shipped.json) the grade was made with.
   * Every learner of a class shows the same one unless their shipped.json was changed: the class
   * report marks the odd ones out. verify: null.
   */
  shippedList: string | null;
  /** verify --solution: the reference solutions were judged, not the learner's work. */
  solution: boolean;
  lessons: LessonEntry[];
}
