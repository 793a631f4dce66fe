// The lessons: every folder lessons/NN-slug/ is one, found by scanning, with its number and slug
// from the folder's name and the rest from its lesson.ts. Nothing else lists them. Also resolves
// what the learner types ("3", "03", "03-wrong-path") to a lesson, and loads a lesson's check.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildCheck } from "../build/esbuild.mjs";
import { LESSONS_DIR, ROOT, SOLUTIONS_DIR } from "../paths.ts";
import { WorkshopError } from "../errors.ts";
import type { LessonCheck } from "../kit/check.ts";
import type { LessonInfo, LessonMeta } from "./define.ts";

export type { LessonInfo };

/** A lesson folder's name: two digits, a dash, a slug. */
export const LESSON_FOLDER = /^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Running compiled (cli/launch.mjs), the metadata was compiled along with the CLI, beside this module. */
const compiled = import.meta.url.endsWith(".mjs");

async function loadLessons(): Promise<LessonInfo[]> {
  const folders = existsSync(LESSONS_DIR) ? readdirSync(LESSONS_DIR).filter((name) => LESSON_FOLDER.test(name)).sort() : [];
  return Promise.all(
    folders.map(async (slug) => {
      const file = path.join(LESSONS_DIR, slug, "lesson.ts");
      if (!existsSync(file)) {
        throw new WorkshopError("BAD_LESSON", `lessons/${slug}/ has no lesson.ts: every lesson folder holds its metadata there (see any other lesson's).`);
      }
      const url = compiled ? new URL(`../../lessons/${slug}/lesson.mjs`, import.meta.url).href : pathToFileURL(file).href;
      const meta = ((await import(url)) as { default: LessonMeta }).default;
      return { ...meta, number: Number(LESSON_FOLDER.exec(slug)![1]), slug, needs: meta.needs ?? {} };
    }),
  );
}

export const LESSONS: LessonInfo[] = await loadLessons();

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

export const lessonDir = (lesson: Pick<LessonInfo, "slug">) => path.join(LESSONS_DIR, lesson.slug);
export const solutionDir = (lesson: Pick<LessonInfo, "slug">) => path.join(SOLUTIONS_DIR, lesson.slug);

/**
 * Loads a lesson's check (verify.ts) from the given folder: a lesson folder or a copy of one.
 * Running compiled, the check is compiled too, with "#verify" bound to this very compiled kit, so
 * that the check and the CLI share one harness (one process registry).
 */
export async function loadCheck(dir: string): Promise<LessonCheck> {
  const file = path.join(dir, "verify.ts");
  if (!existsSync(file)) return {};
  const url = compiled
    ? pathToFileURL(path.join(await buildCheck(ROOT, { dir, kitUrl: new URL("../kit/index.mjs", import.meta.url).href }), "verify.mjs")).href
    : pathToFileURL(file).href;
  const module = (await import(url)) as { default?: LessonCheck };
  return module.default ?? {};
}
