// npm run hint [N]: the next hint layer for lesson N, or for the lesson you are on (all layers
// shown so far, newest last).
import { readProgress, updateProgress } from "./state/progress-file.ts";
import { namedOrCurrentLesson, parse } from "./args.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";

const USAGE = "npm run hint [N]";

await runCommand(async () => {
  const { positionals } = parse(USAGE, {});
  const progress = readProgress();
  const { lesson, why } = namedOrCurrentLesson(positionals, USAGE, progress);
  if (why) say(ui.dim(`No lesson named: lesson ${lesson.number}, ${why}.`));
  const before = progress.lessons[lesson.slug]?.hintsShown ?? 0;
  const shown = Math.min(before + 1, lesson.hints.length);
  updateProgress(lesson.slug, (entry) => (entry.hintsShown = shown));
  say(ui.bold(`Lesson ${lesson.number}: ${lesson.title}`));
  lesson.hints.slice(0, shown).forEach((hint, i) => {
    const label = `Hint ${i + 1}/${lesson.hints.length}`;
    say(`${i + 1 === shown ? ui.cyan(label) : ui.dim(label)}  ${i + 1 === shown ? hint : ui.dim(hint)}`);
  });
  say(
    ui.dim(
      shown < lesson.hints.length
        ? `Run \`npm run hint ${lesson.number}\` again for the next hint.`
        : `That was the last hint. \`npm run solution ${lesson.number}\` shows the full fix as a diff.`,
    ),
  );
});
