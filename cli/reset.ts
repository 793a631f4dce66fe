// npm run reset N: restore lesson N as it was shipped, after backing up the learner's files.
import { BROKEN_LESSONS, ROOT, STATE_DIR, lessonDir } from "../verify/index.ts";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pristineDir } from "./state/pristine.ts";
import { updateProgress } from "./state/progress-file.ts";
import { diffFiles } from "./state/lesson-diff.ts";
import { oneLesson, parse } from "./args.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";
import { messages } from "./messages.ts";

const USAGE = "npm run reset N";

await runCommand(async () => {
  const { positionals } = parse(USAGE, {});
  // A lesson whose lesson.ts is gone is restored like any other: that is what reset is for.
  const broken = positionals.length === 1 ? BROKEN_LESSONS.find((l) => String(l.number) === positionals[0] || l.slug === positionals[0]) : undefined;
  const lesson = broken ?? oneLesson(positionals, USAGE);
  const dir = lessonDir(lesson);
  const pristine = pristineDir(lesson); // throws before anything is touched if there is none
  const files = [...new Set([...readdirSync(pristine), ...(existsSync(dir) ? readdirSync(dir) : [])])];
  if (existsSync(dir) && diffFiles(dir, pristine, files, ["a", "b"]).length === 0) {
    say(messages().alreadyUntouched(lesson.number));
    return 0;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const backup = path.join(STATE_DIR, "backups", `${lesson.slug}-${stamp}`);
  if (existsSync(dir)) {
    mkdirSync(path.dirname(backup), { recursive: true });
    cpSync(dir, backup, { recursive: true });
  }
  rmSync(dir, { recursive: true, force: true });
  cpSync(pristine, dir, { recursive: true });
  updateProgress(lesson.slug, (entry) => {
    delete entry.status;
    delete entry.fault;
  });
  say(ui.green(messages().resetDone(lesson.number)));
  if (existsSync(backup)) say(messages().backupAt(ui.cyan(path.relative(ROOT, backup))));
  return 0;
});
