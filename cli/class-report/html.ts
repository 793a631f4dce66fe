// The class as one self-contained HTML page: a table of learners × lessons, sortable by any
// column, printable (landscape, without the interactive parts). Everything from the result files is
// escaped (a learner wrote it), and a Content-Security-Policy lets only the page's own script and
// style run, so even a mistake in escaping could not run a learner's script.
import { createHash } from "node:crypto";
import { language } from "../../verify/index.ts";
import { messages } from "../messages.ts";
import { labels, number2 } from "./markdown.ts";
import type { ClassReport, Learner } from "./model.ts";
import type { LessonCell } from "./read.ts";

export interface PageInfo {
  /** The folder's name. */
  folder: string;
  generatedAt: Date;
  /** Result files read (the newest per learner and the others). */
  files: number;
  /** What was skipped or left out, as the terminal said it. */
  notes: string[];
}

/** Text or an attribute value from anywhere, as HTML that shows it as it is. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function duration(ms: number): string {
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

/** An ISO time as `2026-12-05 18:00 UTC` (or as it was written, when it is not a time). */
export function when(iso: string | Date): string {
  const date = iso instanceof Date ? iso : new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const RANK: Record<LessonCell["status"], number> = { pass: 3, fail: 2, skip: 1 };

const STYLE = `
:root { color-scheme: light; --pass: #e3f4e6; --pass-ink: #136f2b; --fail: #fde7e4; --fail-ink: #a5231b; --skip: #eef0f2; --ink: #1d232a; --dim: #5d6670; --line: #d5dae0; }
* { box-sizing: border-box; }
body { margin: 1.5rem; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji"; color: var(--ink); }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.summary { color: var(--dim); margin: 0 0 1rem; }
.toolbar { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin-bottom: .75rem; }
.toolbar input { font: inherit; padding: .2rem .4rem; }
.toolbar button { font: inherit; padding: .2rem .8rem; cursor: pointer; }
.toolbar .hint { color: var(--dim); font-size: .9em; }
.scroll { overflow-x: auto; }
table.grid { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.grid th, .grid td { border: 1px solid var(--line); padding: .25rem .4rem; vertical-align: top; }
.grid thead th { position: sticky; top: 0; background: #f6f8fa; z-index: 1; white-space: nowrap; }
.grid th.learner { position: sticky; left: 0; background: #fff; text-align: left; font-weight: 600; min-width: 10rem; max-width: 18rem; overflow-wrap: anywhere; }
.grid thead th.learner { z-index: 2; background: #f6f8fa; }
.grid button.sort { all: unset; cursor: pointer; display: inline-flex; gap: .25rem; align-items: baseline; }
.grid button.sort:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.arrow::after { content: "↕"; opacity: .35; font-size: .8em; }
th[aria-sort="ascending"] .arrow::after { content: "▲"; opacity: 1; }
th[aria-sort="descending"] .arrow::after { content: "▼"; opacity: 1; }
.email, .file { display: block; font-weight: 400; color: var(--dim); font-size: .85em; }
.badge { display: inline-block; margin-top: .15rem; padding: 0 .3rem; border-radius: 3px; background: var(--fail); color: var(--fail-ink); font-size: .8em; font-weight: 600; }
td.passed { text-align: right; font-weight: 600; white-space: nowrap; }
td.passed .of { color: var(--dim); font-weight: 400; }
td.cell { text-align: center; min-width: 3.2rem; font-size: .9em; }
td.cell .mark { font-weight: 700; font-size: 1.1em; }
td.pass { background: var(--pass); } td.pass .mark { color: var(--pass-ink); }
td.fail { background: var(--fail); } td.fail .mark, td.fail .fault { color: var(--fail-ink); }
td.skip { background: var(--skip); color: var(--dim); }
td.none { background: #fff; }
td.error { background: var(--fail); color: var(--fail-ink); text-align: left; }
.fault { display: block; font: 600 .72em/1.2 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.meta { display: block; color: var(--dim); font-size: .78em; white-space: nowrap; }
tfoot th, tfoot td { background: #f6f8fa; font-weight: 600; text-align: center; }
tfoot th.learner { text-align: left; }
.legend { color: var(--dim); margin: .6rem 0 0; font-size: .9em; }
.legend span + span::before { content: " · "; }
ol.lessons { columns: 2; margin: 0; padding-left: 0; list-style: none; }
ol.lessons li { break-inside: avoid; }
table.faults { border-collapse: collapse; } table.faults td { padding: .1rem .6rem .1rem 0; vertical-align: top; }
table.faults code { font-weight: 600; }
.notes li { color: var(--dim); overflow-wrap: anywhere; }
@media print {
  @page { size: landscape; margin: 8mm; }
  body { margin: 0; font-size: 9pt; }
  .toolbar, .arrow, .no-print { display: none !important; }
  .scroll { overflow: visible; }
  table.grid { width: 100%; table-layout: auto; }
  .grid thead th, .grid th.learner { position: static; }
  .grid th, .grid td { padding: 1px 3px; }
  .grid tr { break-inside: avoid; }
  thead { display: table-header-group; } tfoot { display: table-footer-group; }
  td.cell { min-width: 0; }
  .fault { font-size: 6.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

// Sorting reads only the page's own attributes (data-sort, data-name); the filter only hides rows.
const SCRIPT = `
(() => {
  const table = document.getElementById("class-report");
  const body = table.tBodies[0];
  const headers = [...table.tHead.rows[0].cells];
  const collator = new Intl.Collator(document.documentElement.lang, { numeric: true, sensitivity: "base" });
  const key = (row, col) => {
    if (col === "name") return row.dataset.name;
    if (col === "passed") return Number(row.dataset.passed);
    const cell = row.querySelector('[data-col="' + col + '"]');
    return cell ? Number(cell.dataset.sort) : -1;
  };
  let current = "name";
  let direction = 1;
  for (const th of headers) {
    const button = th.querySelector("button.sort");
    if (!button) continue;
    button.addEventListener("click", () => {
      const col = th.dataset.col;
      // Names A to Z first; counts and verdicts best first. Again: the other way round.
      direction = col === current ? -direction : col === "name" ? 1 : -1;
      current = col;
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a, col), y = key(b, col);
        const order = typeof x === "string" ? collator.compare(x, y) : x - y;
        return order * direction || collator.compare(a.dataset.name, b.dataset.name);
      });
      body.append(...rows);
      for (const other of headers) if (other.dataset.col) other.setAttribute("aria-sort", other === th ? (direction > 0 ? "ascending" : "descending") : "none");
    });
  }
  const filter = document.getElementById("filter");
  filter.addEventListener("input", () => {
    const words = filter.value.trim().toLowerCase();
    for (const row of body.rows) row.hidden = Boolean(words) && !row.dataset.search.includes(words);
  });
  document.getElementById("print").addEventListener("click", () => window.print());
})();
`;

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

export function renderHtml(report: ClassReport, page: PageInfo): string {
  const m = messages().classReport;
  const { learners, columns } = report;
  const names = labels(report);
  const lessonName = (number: number, title: string) => m.lessonTitle(number2(number), title);

  const sortable = (col: string, label: string, sort: "ascending" | "none", extra = "") =>
    `<th scope="col" class="${col === "name" ? "learner" : col === "passed" ? "passed" : "lesson"}" data-col="${esc(col)}" aria-sort="${sort}"${extra}><button type="button" class="sort">${label}<span class="arrow" aria-hidden="true"></span></button></th>`;
  const head = [
    sortable("name", esc(m.learner), "ascending"),
    sortable("passed", esc(m.passed), "none"),
    ...columns.map((column) => sortable(String(column.number), esc(number2(column.number)), "none", ` title="${esc(lessonName(column.number, column.title))}"`)),
  ].join("");

  const cell = (column: (typeof columns)[number], lesson: LessonCell | undefined) => {
    const at = `data-col="${column.number}"`;
    if (!lesson) return `<td class="cell none" ${at} data-sort="0" title="${esc(m.notInResults)}"></td>`;
    const extras = [
      lesson.hintsShown ? m.hintsShown(lesson.hintsShown) : "",
      lesson.solutionViewed ? m.solutionViewed : "",
      lesson.checkFilesChanged.length ? m.checkFilesChanged(lesson.checkFilesChanged) : "",
    ].filter(Boolean);
    const what =
      lesson.status === "pass"
        ? m.passedIn(duration(lesson.durationMs))
        : lesson.status === "skip"
          ? `${m.skipped}${lesson.message ? `: ${lesson.message}` : ""}`
          : `${lesson.fault ?? m.failed} (${duration(lesson.durationMs)})${lesson.message ? `\n\n${lesson.message}` : ""}`;
    const title = [lessonName(column.number, column.title), what, ...extras].join("\n");
    const mark = { pass: "✓", fail: "✗", skip: "-" }[lesson.status];
    const fault = lesson.status === "fail" && lesson.fault ? `<span class="fault">${esc(lesson.fault)}</span>` : "";
    const meta = [
      lesson.hintsShown ? `<span class="hints">💡${lesson.hintsShown}</span>` : "",
      lesson.solutionViewed ? `<span class="solution">📖</span>` : "",
      lesson.checkFilesChanged.length ? `<span class="changed">✎</span>` : "",
      lesson.status === "skip" ? "" : `<span class="time">${esc(duration(lesson.durationMs))}</span>`,
    ].filter(Boolean);
    return `<td class="cell ${lesson.status}" ${at} data-sort="${RANK[lesson.status]}" title="${esc(title)}"><span class="mark">${mark}</span>${fault}${meta.length ? `<span class="meta">${meta.join(" ")}</span>` : ""}</td>`;
  };

  const row = (learner: Learner) => {
    const { run } = learner;
    const name = names.get(learner)!;
    const about = [
      m.from(run.file),
      run.commit ? m.commit(run.commit.slice(0, 12)) : "",
      run.startedAt ? m.started(when(run.startedAt)) : "",
      learner.older.length ? m.newestOf(learner.older.length + 1, learner.older.map((other) => other.file)) : "",
    ].filter(Boolean);
    const failed = run.error;
    const badge =
      (failed ? `<span class="badge" title="${esc(failed.message)}">⚠ ${esc(failed.code)}</span>` : "") +
      (learner.listDiffers ? `<span class="badge list" title="${esc(m.listDiffers)}">⚠ shipped.json</span>` : "");
    const learnerCell = `<th scope="row" class="learner" title="${esc(about.join("\n"))}"><span class="name">${esc(name)}</span>${learner.email && learner.email !== name ? `<span class="email">${esc(learner.email)}</span>` : ""}${badge ? ` ${badge}` : ""}</th>`;
    const search = `${name} ${learner.email ?? ""}`.toLowerCase();
    const attributes = `data-name="${esc(name)}" data-search="${esc(search)}" data-passed="${failed && !run.lessons.length ? -1 : learner.passed}"`;
    if (failed && !run.lessons.length) {
      return `<tr ${attributes}>${learnerCell}<td class="passed">—</td><td class="error" colspan="${Math.max(columns.length, 1)}" title="${esc(failed.message)}">⚠ ${esc(m.runFailed(failed.code))}</td></tr>`;
    }
    return `<tr ${attributes}>${learnerCell}<td class="passed">${learner.passed}<span class="of">/${columns.length}</span></td>${columns.map((column) => cell(column, learner.cells.get(column.number))).join("")}</tr>`;
  };

  const foot = `<tr><th scope="row" class="learner">${esc(m.passedBy)}</th><td></td>${columns
    .map((column) => `<td data-col="${column.number}" title="${esc(lessonName(column.number, column.title))}">${column.passed}<span class="of">/${learners.length}</span></td>`)
    .join("")}</tr>`;

  const legend = [
    `✓ ${m.legend.pass}`,
    `✗ ${m.legend.fail}`,
    `- ${m.legend.skip}`,
    `□ ${m.legend.none}`,
    `💡N ${m.legend.hints}`,
    `📖 ${m.legend.solution}`,
    `✎ ${m.legend.changed}`,
    `⚠ ${m.legend.error}`,
  ];
  const faults = report.faults.length
    ? `<section><h2>${esc(m.faultsSeen)}</h2><table class="faults">${report.faults
        .map((fault) => `<tr><td><code>${esc(fault.code)}</code></td><td>${esc(m.learnersCount(fault.learners))}</td><td>${esc(fault.title ?? m.unknownFault)}</td></tr>`)
        .join("")}</table></section>`
    : "";
  const notes = page.notes.length ? `<section class="notes"><h2>${esc(m.notes)}</h2><ul>${page.notes.map((note) => `<li>${esc(note)}</li>`).join("")}</ul></section>` : "";

  return `<!doctype html>
<html lang="${language()}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="socket-session-workshop class-report">
<title>${esc(m.title)} · ${esc(page.folder)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(m.title)}</h1>
<p class="summary">${esc(m.generated(when(page.generatedAt), page.folder, page.files, learners.length, columns.length))}</p>
</header>
<div class="toolbar" role="toolbar">
<label>${esc(m.filter)} <input id="filter" type="search" autocomplete="off"></label>
<button id="print" type="button">${esc(m.print)}</button>
<span class="hint">${esc(m.sortHint)}</span>
</div>
<div class="scroll">
<table class="grid" id="class-report">
<thead><tr>${head}</tr></thead>
<tbody>
${learners.map(row).join("\n")}
</tbody>
<tfoot>${foot}</tfoot>
</table>
</div>
<p class="legend">${legend.map((item) => `<span>${esc(item)}</span>`).join("")}</p>
<section><h2>${esc(m.lessons)}</h2><ol class="lessons">${columns.map((column) => `<li>${esc(number2(column.number))} ${esc(column.title)}</li>`).join("")}</ol></section>
${faults}
${notes}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
