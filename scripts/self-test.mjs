// npm test [-- FILE ...]: the workshop's proof of itself. It copies the workshop with its lessons as
// shipped (scripts/copy-workshop.mjs), type-checks the copy and runs the test files there, one at a
// time (each starts servers and a browser of its own). The learner's lessons/ and solutions/ are
// neither judged nor changed, and a Ctrl-C leaves nothing running.
import { spawn } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { requireNode } from "../cli/node-version.mjs";
import { copyWorkshop } from "./copy-workshop.mjs";

requireNode();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let copy = root;
if (!process.env.WORKSHOP_SELF_TEST_COPY) {
  const made = copyWorkshop(root, { prefix: "workshop-self-test-" });
  copy = made.root;
  console.log(
    made.lessonsFrom === "git"
      ? "Self-test of the workshop, in a copy: the engine and tests as they are here, the lessons as committed (git's\n" +
          "HEAD; a lesson not committed yet, as it is). Your lessons/ and solutions/ are neither judged nor changed.\n" +
          "(Testing lessons you changed and have not committed: WORKSHOP_TEST_LESSONS=working-tree npm test.)\n"
      : "Self-test of the workshop, in a copy: the lessons as they are in lessons/ (no git to read the shipped ones from).\n" +
          "Your lessons/ and solutions/ are not changed.\n",
  );
}

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(path.join(copy, "test")).filter((f) => f.endsWith(".test.ts")).sort().map((f) => path.join("test", f));

/** Runs a command to its end in the copy, with the terminal; resolves with its exit code. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: copy,
      stdio: "inherit",
      // Where the tests keep what a person may want to look at afterwards (screenshots): the real tree.
      env: { ...process.env, WORKSHOP_SELF_TEST_COPY: copy, WORKSHOP_ARTIFACTS: process.env.WORKSHOP_ARTIFACTS ?? path.join(root, ".workshop", "test-artifacts") },
    });
    // Ctrl-C reaches the whole process group, the child too: it stops its own servers and browser.
    // A SIGTERM or SIGHUP sent to this process alone is passed on.
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", () => {});
    process.on("SIGTERM", forward);
    process.on("SIGHUP", forward);
    child.once("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
  });
}

let code;
try {
  console.log("Type-checking the workshop (tsc --noEmit)…");
  code = await run(process.execPath, [path.join(copy, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "."]);
  if (code === 0) code = await run(process.execPath, ["--import", "tsx/esm", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files]);
} finally {
  if (copy !== root) rmSync(copy, { recursive: true, force: true });
}
process.exit(code);
