// Argument parsing shared by the verbs, with errors that say what was expected.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { LESSONS, WorkshopError, findLesson, lessonText, type LessonInfo } from "../verify/index.ts";
import type { ProgressData } from "./state/progress-file.ts";
import { currentVerb, helpText } from "./help.ts";

export function parse<T extends NonNullable<ParseArgsConfig["options"]>>(usage: string, options: T, argv = process.argv.slice(2)) {
  // --help wins over everything else on the line, as in most command-line tools.
  if (argv.some((arg) => arg === "--help" || arg === "-h")) {
    process.stdout.write(`${helpText(currentVerb()) ?? `Usage: ${usage}`}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new WorkshopError("BAD_ARGUMENTS", `${(err as Error).message.split("\n")[0]}\nUsage: ${usage}`);
  }
}

/** Exactly one lesson, e.g. `npm run hint 3`. */
export function oneLesson(positionals: string[], usage: string): LessonInfo {
  if (positionals.length !== 1) {
    throw new WorkshopError(
      "BAD_ARGUMENTS",
      `${positionals.length ? "Name exactly one lesson." : "Which lesson?"}\nUsage: ${usage}\n${lessonList()}`,
    );
  }
  return findLesson(positionals[0]!);
}

/**
 * The lesson named, or with none named, the one to go on with: the lesson last run with
 * `npm run lesson` until it passes, then the next one not passed yet (like rustlings' resume).
 */
export type ResumeReason = "current" | "next" | "first";

export function namedOrCurrentLesson(positionals: string[], usage: string, progress: ProgressData): { lesson: LessonInfo; why?: ResumeReason } {
  if (positionals.length) return { lesson: oneLesson(positionals, usage) };
  const resumed = lessonToResume(progress);
  if (!resumed) {
    throw new WorkshopError(
      "BAD_ARGUMENTS",
      `You have passed all ${LESSONS.length} lessons. Name one to run it again.\nUsage: ${usage}\n${lessonList()}`,
    );
  }
  return resumed;
}

export function lessonToResume(progress: ProgressData): { lesson: LessonInfo; why: ResumeReason } | undefined {
  const passed = (lesson: LessonInfo) => progress.lessons[lesson.slug]?.status === "pass";
  const at = LESSONS.findIndex((lesson) => lesson.slug === progress.current);
  if (at >= 0 && !passed(LESSONS[at]!)) return { lesson: LESSONS[at]!, why: "current" };
  const next = LESSONS.slice(at + 1).find((lesson) => !passed(lesson)) ?? LESSONS.find((lesson) => !passed(lesson));
  if (!next) return undefined;
  return { lesson: next, why: at >= 0 ? "next" : "first" };
}

/** Lessons named on the command line, or all of them. */
export function someLessons(positionals: string[]): LessonInfo[] {
  if (!positionals.length) return LESSONS;
  const chosen = positionals.map(findLesson);
  return LESSONS.filter((lesson) => chosen.includes(lesson));
}

export function lessonList(): string {
  return `Lessons:\n${LESSONS.map((l) => `  ${String(l.number).padStart(2)}  ${lessonText(l).title}`).join("\n")}`;
}
