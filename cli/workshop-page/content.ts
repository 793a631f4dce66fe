// What the workshop page shows, made on the server from the same sources the terminal uses: the
// lesson list with progress (progress.json), a lesson's README rendered with markdown-it, its hints
// as `npm run hint` reveals them (and records them), the diff to its solution as `npm run solution`
// shows it (and records that it was seen), rendered with diff2html. Nothing is fetched at run time.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { html as diffToHtml } from "diff2html";
import { LESSONS, ROOT, lessonDir, lessonText, solutionDir, type Language, type LessonInfo } from "../../verify/index.ts";
import { appFiles, diffFiles } from "../state/lesson-diff.ts";
import { readProgress, updateProgress } from "../state/progress-file.ts";

// html: false: raw HTML in a README is shown as text, never run.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export interface LessonRow {
  number: number;
  slug: string;
  title: string;
  status: "pass" | "fail" | "not-started";
  fault: string | null;
}

/** Every lesson with its last verdict, as `npm run progress` reads it. */
export function lessonRows(lang: Language): LessonRow[] {
  const progress = readProgress(undefined, () => {});
  return LESSONS.map((lesson) => {
    const entry = progress.lessons[lesson.slug];
    return { number: lesson.number, slug: lesson.slug, title: lessonText(lesson, lang).title, status: entry?.status ?? "not-started", fault: entry?.fault ?? null };
  });
}

/** One line of the catalogue's text (a fault's meaning, a hint), with its `code` as code. */
export function inlineHtml(text: string): string {
  return markdown.renderInline(text);
}

/** A Markdown file of the workshop's, as HTML; its links to the lessons' READMEs and rules stay inside the page. */
export function markdownHtml(file: string): string {
  const source = readFileSync(file, "utf8");
  const env = {};
  const tokens = markdown.parse(source, env);
  for (const token of tokens) {
    for (const child of token.children ?? []) {
      if (child.type !== "link_open") continue;
      const href = child.attrGet("href") ?? "";
      if (/^https?:\/\//.test(href)) {
        child.attrSet("target", "_blank");
        child.attrSet("rel", "noopener noreferrer");
      } else {
        child.attrSet("href", localLink(file, href));
      }
    }
  }
  return markdown.renderer.render(tokens, markdown.options, env);
}

/** A relative link in a README, as the page's own address for it. */
function localLink(from: string, href: string): string {
  const target = path.resolve(path.dirname(from), href.split("#")[0]!);
  const name = path.basename(target);
  const lang = name.endsWith(".zh-CN.md") ? "zh-CN" : "en";
  const lesson = LESSONS.find((l) => path.dirname(target) === lessonDir(l));
  if (lesson && /^README(\.zh-CN)?\.md$/.test(name)) return `/?lesson=${lesson.number}&lang=${lang}`;
  if (/^RULES(\.zh-CN)?\.md$/.test(name)) return `/rules?lang=${lang}`;
  return "#"; // a file the page does not show: the README names it, the editor opens it
}

export function readmeFile(lesson: LessonInfo, lang: Language): string {
  return path.join(lessonDir(lesson), lang === "zh-CN" ? "README.zh-CN.md" : "README.md");
}

export function rulesFile(lang: Language): string {
  return path.join(ROOT, "lessons", lang === "zh-CN" ? "RULES.zh-CN.md" : "RULES.md");
}

export interface Hints {
  shown: string[];
  total: number;
}

/** The hints revealed so far, in `lang`. */
export function hintsOf(lesson: LessonInfo, lang: Language): Hints {
  const { hints } = lessonText(lesson, lang);
  const shown = readProgress(undefined, () => {}).lessons[lesson.slug]?.hintsShown ?? 0;
  return { shown: hints.slice(0, Math.min(shown, hints.length)).map(inlineHtml), total: hints.length };
}

/** One more hint, recorded in progress exactly as `npm run hint` records it. */
export function revealHint(lesson: LessonInfo, lang: Language): Hints {
  const total = lesson.hints.length;
  updateProgress(lesson.slug, (entry) => (entry.hintsShown = Math.min((entry.hintsShown ?? 0) + 1, total)));
  return hintsOf(lesson, lang);
}

export interface SolutionDiff {
  /** The learner's files already match the solution. */
  same: boolean;
  html: string;
}

/** The diff from the learner's files to the solution; like `npm run solution`, it records that the answer was seen. */
export function solutionDiff(lesson: LessonInfo): SolutionDiff {
  const mine = lessonDir(lesson);
  const theirs = solutionDir(lesson);
  const files = appFiles(theirs).filter((file) => existsSync(path.join(theirs, file)));
  const patches = diffFiles(mine, theirs, files, [path.relative(ROOT, mine), path.relative(ROOT, theirs)]);
  if (!patches.length) return { same: true, html: "" };
  updateProgress(lesson.slug, (entry) => (entry.solutionViewedAt ??= new Date().toISOString()));
  return { same: false, html: diffToHtml(patches.join("\n"), { drawFileList: false, outputFormat: "line-by-line", matching: "lines" }) };
}
