// npm run solution N: what separates your lesson N from the reference solution, as a diff.
import { ROOT, lessonDir, solutionDir } from "../verify/index.ts";
import path from "node:path";
import { readProgress, updateProgress } from "./state/progress-file.ts";
import { appFiles, diffFiles } from "./state/lesson-diff.ts";
import { oneLesson, parse } from "./args.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";
import { messages } from "./messages.ts";

const USAGE = "npm run solution N";

await runCommand(async () => {
  const { positionals } = parse(USAGE, {});
  const lesson = oneLesson(positionals, USAGE);
  const mine = lessonDir(lesson);
  const theirs = solutionDir(lesson);
  const passed = readProgress().lessons[lesson.slug]?.status === "pass";
  if (!passed) say(ui.yellow(`${messages().notPassedYet(lesson.number)}\n`));
  const patches = diffFiles(mine, theirs, appFiles(theirs), [path.relative(ROOT, mine), path.relative(ROOT, theirs)]);
  if (!patches.length) {
    say(ui.green(messages().matchesSolution(lesson.number)));
    return 0;
  }
  // Instructors see in the results who read the answer before passing.
  updateProgress(lesson.slug, (entry) => (entry.solutionViewedAt ??= new Date().toISOString()));
  say(ui.dim(messages().diffHeader(path.relative(ROOT, mine), path.relative(ROOT, theirs))));
  for (const patch of patches) {
    for (const line of patch.split("\n").slice(1)) {
      say(line.startsWith("+") && !line.startsWith("+++") ? ui.green(line) : line.startsWith("-") && !line.startsWith("---") ? ui.red(line) : line.startsWith("@@") ? ui.cyan(line) : line);
    }
  }
  return 0;
});
