// Argument parsing shared by the verbs, with errors that say what was expected.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { WorkshopError } from "../verify/errors.ts";
import { findLesson, LESSONS, type LessonInfo } from "../verify/lessons.ts";

export function parse<T extends NonNullable<ParseArgsConfig["options"]>>(usage: string, options: T, argv = process.argv.slice(2)) {
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

/** Lessons named on the command line, or all of them. */
export function someLessons(positionals: string[]): LessonInfo[] {
  if (!positionals.length) return LESSONS;
  const chosen = positionals.map(findLesson);
  return LESSONS.filter((lesson) => chosen.includes(lesson));
}

export function lessonList(): string {
  return `Lessons:\n${LESSONS.map((l) => `  ${String(l.number).padStart(2)}  ${l.title}`).join("\n")}`;
}
