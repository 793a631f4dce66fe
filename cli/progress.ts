// npm run progress: every lesson with its last verdict (passed, failing or not started), and the
// lesson to go on with: the one a bare `npm run lesson` or `npm run hint` picks.
import { LESSONS, lessonText } from "../verify/index.ts";
import { messages } from "./messages.ts";
import { readProgress } from "./state/progress-file.ts";
import { lessonToResume, parse } from "./args.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";

await runCommand(async () => {
  parse("npm run progress", {});
  const data = readProgress();
  const progress = data.lessons;
  const m = messages();
  // The same lesson a bare `npm run lesson` or `npm run hint` goes on with, marked in the list.
  const next = lessonToResume(data);
  let passed = 0;
  for (const lesson of LESSONS) {
    const entry = progress[lesson.slug];
    const number = `${lesson === next?.lesson ? "▸" : " "}${String(lesson.number).padStart(2)}`;
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
  say(`\n${m.progressLine(passed, LESSONS.length, next && ui.cyan(m.next(next.lesson.number)))}`);
});
