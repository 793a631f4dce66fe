// npm run progress: every lesson with its last verdict (passed, failing or not started).
import { LESSONS } from "../verify/lessons.ts";
import { lessonText } from "../verify/language.ts";
import { messages } from "./messages.ts";
import { readProgress } from "./state/progress-file.ts";
import { parse } from "./args.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";

await runCommand(async () => {
  parse("npm run progress", {});
  const progress = readProgress().lessons;
  const m = messages();
  let passed = 0;
  for (const lesson of LESSONS) {
    const entry = progress[lesson.slug];
    const number = String(lesson.number).padStart(2);
    const { title } = lessonText(lesson);
    if (entry?.status === "pass") {
      passed++;
      say(`${ui.pass("")} ${number}  ${title}  ${ui.dim(m.passedLabel)}`);
    } else if (entry?.status === "fail") {
      say(`${ui.fail("")} ${number}  ${title}  ${ui.red(m.failingLabel(entry.fault ?? ""))}`);
    } else {
      say(`${ui.dim("·")} ${number}  ${title}  ${ui.dim(m.notStarted)}`);
    }
  }
  const next = LESSONS.find((l) => progress[l.slug]?.status !== "pass");
  say(`\n${m.progressLine(passed, LESSONS.length, next && ui.cyan(m.next(next.number)))}`);
});
