// From result files to the class: one row per learner (their newest file), one column per lesson
// that any file mentions, in lesson order.
import { LESSONS, faultInfo, lessonText } from "../../verify/index.ts";
import type { LessonCell, Run } from "./read.ts";

export interface Learner {
  /** What the learner is known by: email, else name, else where their file was. */
  key: string;
  /** What the report calls them: their name, else their email, else their file's folder (or file). */
  label: string;
  email: string | null;
  run: Run;
  /** Their older files, left out. */
  older: Run[];
  /** Other files of the very same run (the same start time: JSON and JUnit of one run), read once. */
  sameRun: Run[];
  /** Their lessons by number. */
  cells: Map<number, LessonCell>;
  passed: number;
  /**
   * Graded with another list of shipped files than most of the class: the learner's shipped.json
   * was changed, and with it what the grade trusted as the shipped checks.
   */
  listDiffers: boolean;
}

export interface Column {
  number: number;
  slug: string;
  title: string;
  /** How many learners passed it. */
  passed: number;
}

export interface ClassReport {
  learners: Learner[];
  columns: Column[];
  /** Each fault code seen, with how many learners fail with it and what it means (when this workshop knows it). */
  faults: { code: string; learners: number; title: string | null }[];
}

const time = (run: Run) => {
  const ms = run.startedAt ? Date.parse(run.startedAt) : NaN;
  return Number.isNaN(ms) ? -Infinity : ms;
};

export const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

export function buildReport(runs: Run[]): ClassReport {
  const byLearner = new Map<string, Run[]>();
  for (const run of runs) {
    const key = identity(run);
    byLearner.set(key, [...(byLearner.get(key) ?? []), run]);
  }

  const learners: Learner[] = [...byLearner].map(([key, files]) => {
    // The newest run; on a tie (one run given as JSON and as JUnit) the JSON, which says more.
    const [run, ...rest] = [...files].sort((a, b) => time(b) - time(a) || (a.kind === b.kind ? collator.compare(a.file, b.file) : a.kind === "json" ? -1 : 1));
    const cells = new Map(run!.lessons.map((cell) => [cell.number, cell]));
    return {
      key,
      label: run!.learner.name ?? files.find((f) => f.learner.name)?.learner.name ?? run!.learner.email ?? pathIdentity(run!),
      email: run!.learner.email,
      run: run!,
      older: rest.filter((other) => time(other) !== time(run!)),
      sameRun: rest.filter((other) => time(other) === time(run!)),
      cells,
      passed: run!.lessons.filter((cell) => cell.status === "pass").length,
      listDiffers: false,
    };
  });
  const lists = new Map<string, number>();
  for (const learner of learners) if (learner.run.shippedList) lists.set(learner.run.shippedList, (lists.get(learner.run.shippedList) ?? 0) + 1);
  const usual = [...lists].sort((a, b) => b[1] - a[1])[0]?.[0];
  for (const learner of learners) learner.listDiffers = Boolean(learner.run.shippedList && usual && learner.run.shippedList !== usual);
  learners.sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.key, b.key));

  const numbers = [...new Set(learners.flatMap((learner) => [...learner.cells.keys()]))].sort((a, b) => a - b);
  const columns = numbers.map((number): Column => {
    const seen = learners.map((learner) => learner.cells.get(number)).filter((cell) => cell !== undefined);
    const first = seen[0]!;
    // This workshop's own title, in the reader's language, when the files name one of its lessons.
    const known = LESSONS.find((lesson) => lesson.number === number && lesson.slug === first.slug);
    return {
      number,
      slug: first.slug,
      title: known ? lessonText(known).title : first.title,
      passed: seen.filter((cell) => cell.status === "pass").length,
    };
  });

  const faults = new Map<string, Set<string>>();
  for (const learner of learners) {
    for (const cell of learner.cells.values()) {
      if (cell.status === "fail" && cell.fault) faults.set(cell.fault, (faults.get(cell.fault) ?? new Set()).add(learner.key));
    }
  }
  return {
    learners,
    columns,
    faults: [...faults]
      .map(([code, who]) => ({ code, learners: who.size, title: knownFaultTitle(code) }))
      .sort((a, b) => b.learners - a.learners || collator.compare(a.code, b.code)),
  };
}

/** Who a file belongs to: the learner's email, else their name, else the folder the file sits in (or the file). */
function identity(run: Run): string {
  if (run.learner.email) return `email:${run.learner.email.trim().toLowerCase()}`;
  if (run.learner.name) return `name:${run.learner.name.trim().replace(/\s+/g, " ").toLowerCase()}`;
  return `path:${pathIdentity(run)}`;
}

/** An anonymous file is known by its folder (an artifact folder per learner), or by its own path at the top. */
function pathIdentity(run: Run): string {
  const slash = run.file.lastIndexOf("/");
  return slash < 0 ? run.file : run.file.slice(0, slash);
}

function knownFaultTitle(code: string): string | null {
  try {
    const title = faultInfo(code)?.title;
    return typeof title === "string" ? title : null;
  } catch {
    return null; // a code this version of the workshop does not know (or a made-up one)
  }
}
