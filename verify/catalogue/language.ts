// The language the workshop speaks to the learner: WORKSHOP_LANG (en or zh-CN), else the system's
// locale when it is Chinese, else English. Lesson titles, hints and pass sentences, the fault
// explanations and the CLI's own lines follow it; the evidence lines ("what the verifier saw")
// quote requests, headers and frames, and stay as they were seen.
import { LANGUAGES, type FaultEntry, type FaultText, type Language, type LessonInfo, type Text } from "./define.ts";
import { SHARED_FAULTS, type FaultCode } from "./faults.ts";
import { LESSONS } from "./lessons.ts";

export { LANGUAGES, type Language };
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

/**
 * Every fault the workshop can report: the shared catalogue and each lesson's own. A lesson copied
 * under another number declares the same faults again, word for word: that is one fault, not a clash.
 */
export const FAULTS: Record<FaultCode, FaultEntry> = { ...SHARED_FAULTS };
for (const lesson of LESSONS) {
  for (const [code, entry] of Object.entries(lesson.faults ?? {})) {
    const known = FAULTS[code];
    if (known && JSON.stringify(known) !== JSON.stringify(entry)) {
      throw new Error(`lessons/${lesson.slug}/lesson.ts declares the fault ${code}, which another lesson or the shared catalogue explains differently`);
    }
    FAULTS[code] = entry;
  }
}

export function isFaultCode(code: string): boolean {
  return Object.hasOwn(FAULTS, code);
}

/** A fault's explanation in the learner's language, or in `lang` (the workshop page has a switch). */
export function faultInfo(code: FaultCode, lang: Language = language()): FaultText {
  const entry = FAULTS[code];
  if (!entry) throw new Error(`no explanation for the fault ${code}: add it to the shared catalogue or to the lesson's lesson.ts`);
  return entry[lang];
}

/** A text in the learner's language. */
export function say(text: Text): string {
  return text[language()];
}

/** A lesson's title, pass sentence and hints in the learner's language, or in `lang`. */
export function lessonText(lesson: LessonInfo, lang: Language = language()): { title: string; passed: string; hints: string[] } {
  return { title: lesson.title[lang], passed: lesson.passed[lang], hints: lesson.hints.map((hint) => hint[lang]) };
}
