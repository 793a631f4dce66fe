// npm run hint [N]: the next hint layer for lesson N, or for the lesson you are on (all layers
// shown so far, newest last).
import { readProgress, updateProgress } from "./state/progress-file.ts";
import { namedOrCurrentLesson, parse } from "./args.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";
import { messages } from "./messages.ts";
import { lessonText } from "../verify/index.ts";

const USAGE = "npm run hint [N]";

await runCommand(async () => {
  const { positionals } = parse(USAGE, {});
  const progress = readProgress();
  const { lesson, why } = namedOrCurrentLesson(positionals, USAGE, progress);
  const m = messages();
  const { title, hints } = lessonText(lesson);
  if (why) say(ui.dim(m.resumed(lesson.number, why)));
  const before = progress.lessons[lesson.slug]?.hintsShown ?? 0;
  const shown = Math.min(before + 1, hints.length);
  updateProgress(lesson.slug, (entry) => (entry.hintsShown = shown));
  say(ui.bold(m.hintTitle(lesson.number, title)));
  hints.slice(0, shown).forEach((hint, i) => {
    const label = m.hintLabel(i + 1, hints.length);
    say(`${i + 1 === shown ? ui.cyan(label) : ui.dim(label)}  ${i + 1 === shown ? hint : ui.dim(hint)}`);
  });
  say(
    ui.dim(
      shown < hints.length ? m.moreHints(lesson.number) : m.lastHint(lesson.number),
    ),
  );
});
