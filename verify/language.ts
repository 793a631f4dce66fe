// The language the workshop speaks to the learner: WORKSHOP_LANG (en or zh-CN), else the system's
// locale when it is Chinese, else English. Lesson titles, hints and pass sentences, the fault
// explanations and the CLI's own lines follow it; the evidence lines ("what the verifier saw")
// quote requests, headers and frames, and stay as they were seen.
import { FAULTS, type FaultCode, type FaultInfo } from "./faults.ts";
import { FAULTS_ZH_CN } from "./faults.zh-CN.ts";
import { LESSONS_ZH_CN } from "../lessons/manifest.zh-CN.ts";
import type { LessonInfo } from "../lessons/manifest.ts";

export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_ENV = "WORKSHOP_LANG";

/** Read at each call, not at load: tests and the CLI set the environment before they ask. */
export function language(env: NodeJS.ProcessEnv = process.env): Language {
  const named = env[LANGUAGE_ENV];
  if (named) return /^zh/i.test(named) ? "zh-CN" : "en";
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^zh/i.test(locale) ? "zh-CN" : "en";
}

/** WORKSHOP_LANG names a language the workshop does not speak (the CLI warns and uses English). */
export function unknownLanguage(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env[LANGUAGE_ENV];
  return named && !/^(en|zh)([-_].*)?$/i.test(named) ? named : undefined;
}

/** The two headings of a fault's explanation. */
export function explainHeadings(): { saw: string; means: string } {
  return language() === "zh-CN"
    ? { saw: "验证器看到的情况：", means: "这通常意味着：" }
    : { saw: "What the verifier saw:", means: "What that usually means:" };
}

export function faultInfo(code: FaultCode): FaultInfo {
  return language() === "zh-CN" ? FAULTS_ZH_CN[code] : FAULTS[code];
}

/** A lesson's title, pass sentence and hints in the learner's language. */
export function lessonText(lesson: LessonInfo): Pick<LessonInfo, "title" | "passed" | "hints"> {
  return (language() === "zh-CN" && LESSONS_ZH_CN[lesson.number]) || lesson;
}
