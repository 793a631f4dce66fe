// Resolves what the learner types ("3", "03", "03-wrong-path") to a lesson and its folders.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { LESSONS, type LessonInfo } from "../lessons/manifest.ts";
import { LESSONS_DIR, SOLUTIONS_DIR } from "./paths.ts";
import { WorkshopError } from "./errors.ts";
import type { LessonCheck } from "./lesson-kit.ts";

export type { LessonInfo };
export { LESSONS };

export function findLesson(input: string): LessonInfo {
  const text = input.trim();
  const lesson = /^\d+$/.test(text)
    ? LESSONS.find((l) => l.number === Number(text))
    : LESSONS.find((l) => l.slug === text || l.slug.slice(3) === text);
  if (lesson) return lesson;
  const known = `Lessons are numbered 1 to ${LESSONS.length}; \`npm run progress\` lists them.`;
  if (!/^\d+$/.test(text) && !LESSONS.some((l) => l.slug.includes(text))) {
    throw new WorkshopError("UNKNOWN_LESSON", `"${input}" is not a lesson number. ${known}`);
  }
  throw new WorkshopError("UNKNOWN_LESSON", `There is no lesson ${input}. ${known}`);
}

export const lessonDir = (lesson: LessonInfo) => path.join(LESSONS_DIR, lesson.slug);
export const solutionDir = (lesson: LessonInfo) => path.join(SOLUTIONS_DIR, lesson.slug);

/** Loads a lesson's verify.ts from the given folder (a lesson folder or a pristine copy). */
export async function loadCheck(dir: string): Promise<LessonCheck> {
  const file = path.join(dir, "verify.ts");
  if (!existsSync(file)) return {};
  const module = (await import(pathToFileURL(file).href)) as { default?: LessonCheck };
  return module.default ?? {};
}
