// npm run progress: every lesson with its last verdict (passed, failing or not started).
import { LESSONS } from "../lessons/manifest.ts";
import { readProgress } from "./state/progress-file.ts";
import { parse } from "./args.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";

await runCommand(async () => {
  parse("npm run progress", {});
  const progress = readProgress().lessons;
  let passed = 0;
  for (const lesson of LESSONS) {
    const entry = progress[lesson.slug];
    const number = String(lesson.number).padStart(2);
    if (entry?.status === "pass") {
      passed++;
      say(`${ui.pass("")} ${number}  ${lesson.title}  ${ui.dim("passed")}`);
    } else if (entry?.status === "fail") {
      say(`${ui.fail("")} ${number}  ${lesson.title}  ${ui.red(`failing: ${entry.fault ?? ""}`)}`);
    } else {
      say(`${ui.dim("·")} ${number}  ${lesson.title}  ${ui.dim("not started")}`);
    }
  }
  const next = LESSONS.find((l) => progress[l.slug]?.status !== "pass");
  say(`\n${passed}/${LESSONS.length} lessons passed.` + (next ? ` Next: ${ui.cyan(`npm run lesson ${next.number}`)}` : " All done!"));
});
