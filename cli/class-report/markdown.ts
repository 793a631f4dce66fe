// The class as a Markdown table, for a terminal or a GitHub job summary: a row per learner, a
// column per lesson, a last row with how many learners passed each lesson.
import { messages } from "../messages.ts";
import type { ClassReport, Learner } from "./model.ts";
import type { LessonCell } from "./read.ts";

/**
 * Text from a learner's file, as Markdown that shows it as it is: no link, emphasis, math, table
 * cell break or HTML can come out of it.
 */
export function mdText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!)
    .replace(/[\\`*_[\]|~$]/g, "\\$&");
}

/** A fault code as inline code when it looks like one, else as escaped text. */
const mdCode = (code: string) => (/^[A-Za-z0-9_.-]{1,80}$/.test(code) ? `\`${code}\`` : mdText(code));

export const number2 = (n: number) => String(n).padStart(2, "0");

export function marks(cell: LessonCell): string {
  return `${cell.hintsShown ? ` 💡${cell.hintsShown}` : ""}${cell.solutionViewed ? " 📖" : ""}`;
}

function mdCell(cell: LessonCell | undefined): string {
  if (!cell) return "";
  if (cell.status === "pass") return `✓${marks(cell)}`;
  if (cell.status === "skip") return `-${marks(cell)}`;
  return `✗${cell.fault ? ` ${mdCode(cell.fault)}` : ""}${marks(cell)}`;
}

/** Learners with the same name are told apart by their email (or file). */
export function labels(report: ClassReport): Map<Learner, string> {
  const count = new Map<string, number>();
  for (const learner of report.learners) count.set(learner.label, (count.get(learner.label) ?? 0) + 1);
  return new Map(
    report.learners.map((learner) => [
      learner,
      count.get(learner.label)! > 1 ? `${learner.label} (${learner.email && learner.email !== learner.label ? learner.email : learner.run.file})` : learner.label,
    ]),
  );
}

export function renderMarkdown(report: ClassReport): string {
  const m = messages().classReport;
  const { learners, columns } = report;
  const names = labels(report);
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const lines = [
    `## ${mdText(m.heading(learners.length, columns.length))}`,
    "",
    row([m.learner, m.passed, ...columns.map((column) => number2(column.number))]),
    row([":--", "--:", ...columns.map(() => ":-:")]),
    ...learners.map((learner) =>
      row([
        mdText(names.get(learner)!),
        (learner.run.error && !learner.run.lessons.length ? `⚠ ${mdCode(learner.run.error.code)}` : `${learner.passed}/${columns.length}${learner.run.error ? ` ⚠ ${mdCode(learner.run.error.code)}` : ""}`) +
          (learner.listDiffers ? " ⚠ `shipped.json`" : ""),
        ...columns.map((column) => mdCell(learner.cells.get(column.number))),
      ]),
    ),
    row([`**${mdText(m.passedBy)}**`, "", ...columns.map((column) => `${column.passed}/${learners.length}`)]),
    "",
    mdText(m.legendLine),
    ...(learners.some((learner) => learner.listDiffers) ? ["", mdText(m.listDiffers)] : []),
  ];
  return lines.join("\n");
}
