// Resolves what the learner types ("3", "03", "03-wrong-path") to a lesson and its folders.
import { existsSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
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
  const url = import.meta.url.endsWith(".mjs") ? await compileCheck(file) : pathToFileURL(file).href;
  const module = (await import(url)) as { default?: LessonCheck };
  return module.default ?? {};
}

/**
 * Running compiled (cli/launch.mjs), a lesson's verify.ts is compiled too, with "#verify" bound
 * to this very compiled kit, so the check and the CLI share one harness (one process registry).
 */
async function compileCheck(file: string): Promise<string> {
  const kit = new URL("./lesson-kit.mjs", import.meta.url).href;
  const outfile = fileURLToPath(new URL(`../checks/${createHash("sha1").update(file).digest("hex").slice(0, 12)}.mjs`, import.meta.url));
  await esbuild.build({
    entryPoints: [file],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "inline",
    logLevel: "silent",
    plugins: [{ name: "workshop-kit", setup: (build) => build.onResolve({ filter: /^#verify$/ }, () => ({ path: kit, external: true })) }],
  });
  return `${pathToFileURL(outfile).href}?${Date.now()}`; // a check edited meanwhile is loaded anew
}
