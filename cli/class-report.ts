// npm run class-report FOLDER [-- --out FILE]: for instructors. Reads every learner's result file
// under FOLDER (the JSON document of `npm run grade`/`verify`, or its JUnit view; subfolders too,
// one downloaded artifact folder per learner), keeps each learner's newest run, and writes:
//   - a self-contained, printable HTML page (FOLDER/class-report.html unless --out says otherwise);
//   - a Markdown table on stdout, ready for a GitHub job summary; the page's path on stderr.
// Files that are not result files are skipped with one warning each.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { WorkshopError } from "../verify/index.ts";
import { parse } from "./args.ts";
import { messages } from "./messages.ts";
import { runCommand } from "./run-command.ts";
import { say, ui, warn } from "./ui.ts";
import { renderHtml, when } from "./class-report/html.ts";
import { renderMarkdown } from "./class-report/markdown.ts";
import { buildReport } from "./class-report/model.ts";
import { readResults } from "./class-report/read.ts";

const USAGE = "npm run class-report FOLDER [-- --out FILE]";

/** Paths on the command line are the person's: npm runs scripts in the workshop's folder, and says where it was started. */
const invokedIn = () => (process.env.npm_lifecycle_event === "class-report" && process.env.INIT_CWD) || process.cwd();

await runCommand(async () => {
  const { values, positionals } = parse(USAGE, { out: { type: "string" } });
  if (positionals.length !== 1) {
    throw new WorkshopError("BAD_ARGUMENTS", `${positionals.length ? "Name exactly one folder." : "Which folder holds the learners' result files?"}\nUsage: ${USAGE}`);
  }
  const m = messages().classReport;
  const folder = path.resolve(invokedIn(), positionals[0]!);
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new WorkshopError("NO_SUCH_FOLDER", `There is no folder ${folder}.\nUsage: ${USAGE}`);
  }
  if (!isFolder) throw new WorkshopError("NOT_A_FOLDER", `${folder} is a file, not a folder. Name the folder that holds the learners' result files.\nUsage: ${USAGE}`);
  if (values.out === "") throw new WorkshopError("BAD_ARGUMENTS", `--out needs a file name.\nUsage: ${USAGE}`);
  const out = values.out ? path.resolve(invokedIn(), values.out) : path.join(folder, "class-report.html");

  const { runs, skipped } = readResults(folder, [out]);
  const notes: string[] = [];
  const note = (kind: "warning" | "note", text: string) => {
    notes.push(text);
    warn(kind === "warning" ? ui.yellow(`warning: ${text}`) : ui.dim(`note: ${text}`));
  };
  for (const file of skipped) note("warning", m.skippedFile(file.file, file.reason));
  if (!runs.length) {
    throw new WorkshopError(
      "NO_RESULTS",
      `No result files in ${folder}${skipped.length ? ` (${skipped.length} file${skipped.length === 1 ? "" : "s"} skipped, see above)` : ""}.\n` +
        "Put each learner's results there (subfolders are searched too): the JSON of `npm run grade -- --reporter json`, or its JUnit XML.",
    );
  }

  const report = buildReport(runs);
  for (const learner of report.learners) {
    if (learner.older.length) {
      note("note", m.olderLeftOut(learner.label, learner.run.file, learner.run.startedAt ? when(learner.run.startedAt) : "?", learner.older.map((run) => run.file)));
    }
  }
  const repeated = report.learners.reduce((sum, learner) => sum + learner.sameRun.length, 0);
  if (repeated) note("note", m.sameRun(repeated));
  for (const learner of report.learners) {
    const { error, file } = learner.run;
    if (error) note("warning", m.runFailedNote(learner.label, file, error.code, error.message.split("\n")[0]!.trim()));
  }

  const html = renderHtml(report, { folder: path.basename(folder), generatedAt: new Date(), files: runs.length, notes });
  try {
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, html);
  } catch (err) {
    throw new WorkshopError("CANNOT_WRITE", `Cannot write the class report to ${out}: ${(err as Error).message}`);
  }
  say(renderMarkdown(report));
  warn(m.written(out));
  return 0;
});
