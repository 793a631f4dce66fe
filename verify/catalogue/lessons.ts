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

/** A lesson folder whose lesson.ts is missing or does not load: its problem, said once for the CLI to show. */
export interface BrokenLesson {
  number: number;
  slug: string;
  problem: string;
}

async function loadLessons(): Promise<{ lessons: LessonInfo[]; broken: BrokenLesson[] }> {
  const folders = existsSync(LESSONS_DIR) ? readdirSync(LESSONS_DIR).filter((name) => LESSON_FOLDER.test(name)).sort() : [];
  const loaded = await Promise.all(
    folders.map(async (slug): Promise<LessonInfo | BrokenLesson> => {
      const number = Number(LESSON_FOLDER.exec(slug)![1]);
      const file = path.join(LESSONS_DIR, slug, "lesson.ts");
      const restore = `\`git checkout -- lessons/${slug}/lesson.ts\` or \`npm run reset ${number}\` restores it`;
      if (!existsSync(file)) return { number, slug, problem: `lessons/${slug}/ has no lesson.ts, the lesson's metadata: ${restore}.` };
      try {
        const url = compiled ? new URL(`../../lessons/${slug}/lesson.mjs`, import.meta.url).href : pathToFileURL(file).href;
        const meta = ((await import(url)) as { default: LessonMeta }).default;
        return { ...meta, number, slug, needs: meta.needs ?? {} };
      } catch (err) {
        return { number, slug, problem: `lessons/${slug}/lesson.ts does not load (${(err as Error).message.split("\n")[0]}): ${restore}.` };
      }
    }),
  );
  return {
    lessons: loaded.filter((l): l is LessonInfo => "title" in l),
    broken: loaded.filter((l): l is BrokenLesson => "problem" in l),
  };
}

const loaded = await loadLessons();
export const LESSONS: LessonInfo[] = loaded.lessons;
/** Lesson folders that could not be read: every command says so, and naming one says how to restore it. */
export const BROKEN_LESSONS: BrokenLesson[] = loaded.broken;

export function findLesson(input: string): LessonInfo {
  const text = input.trim();
  const broken = BROKEN_LESSONS.find((l) => (/^\d+$/.test(text) ? l.number === Number(text) : l.slug === text || l.slug.slice(3) === text));
  if (broken) throw new WorkshopError("BAD_LESSON", broken.problem);
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
