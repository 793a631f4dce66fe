// npm run doctor: is this machine ready for the lessons? One line per item, ✓ or ✗, and under each
// ✗ the command that fixes it: Node.js, the dependencies, a browser that launches, a Redis that
// starts and answers, HAProxy (lessons behind a load balancer), Vite's dev server, the ports `npm run lesson` serves on, file watching in this folder, and git.
// Each item tries the real thing the lessons use (cli/doctor/checks.ts); they run side by side.
// Exit 0 only when every item is fine, else 1. The browser and Redis it starts are stopped again
// on success, failure and Ctrl-C (runCommand's cleanup).
import { parse } from "./args.ts";
import { checkBrowser, checkDependencies, checkGit, checkHaproxy, checkNode, checkPorts, checkRedis, checkVite, checkWatching, type Outcome } from "./doctor/checks.ts";
import { messages } from "./messages.ts";
import { runCommand } from "./run-command.ts";
import { say, ui } from "./ui.ts";

const USAGE = "npm run doctor";

await runCommand(async () => {
  parse(USAGE, {});
  const m = messages().doctor;
  say(ui.bold(m.title));
  // The cheap items first, so that they are printed while the browser and Redis start.
  const items: Promise<Outcome>[] = [
    Promise.resolve(checkNode()),
    Promise.resolve(checkDependencies()),
    checkBrowser(),
    checkRedis(),
    checkHaproxy(),
    checkVite(),
    checkPorts(),
    checkWatching(),
    checkGit(),
  ];
  // Awaited in order below; one that fails meanwhile is not an unhandled rejection.
  for (const item of items) item.catch(() => {});
  let problems = 0;
  for (const item of items) {
    const outcome = await item;
    if (outcome.ok) {
      say(`${ui.pass("")} ${outcome.line}`);
    } else {
      problems++;
      say(`${ui.fail("")} ${outcome.line}`);
      if (outcome.fix) say(`    ${m.fix}${ui.cyan(outcome.fix)}`);
    }
  }
  say("");
  say(problems ? ui.red(m.problems(problems)) : ui.green(m.allGood));
  return problems ? 1 : 0;
});
