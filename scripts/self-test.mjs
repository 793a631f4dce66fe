// npm test [-- FILE ...]: the workshop's proof of itself. It type-checks the tree, then runs the
// test files one at a time (each starts servers and a browser of its own). It says at once what it
// checks: the lessons as shipped, from copies. A learner's work in lessons/ is never the subject,
// and never changed.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { requireNode } from "../cli/node-version.mjs";

requireNode();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(path.join(root, "test")).filter((f) => f.endsWith(".test.ts")).sort().map((f) => path.join("test", f));

console.log(
  "Self-test of the workshop: the lessons as shipped (git's HEAD; a lesson not committed yet, as it is), each\n" +
    "checked from a copy. Your lessons/ and solutions/ folders are neither judged nor changed.\n",
);

/** Runs a command to its end with the terminal; resolves with its exit code. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    // Ctrl-C reaches the whole process group, the child too: it stops its own servers and browser.
    // A SIGTERM or SIGHUP sent to this process alone is passed on.
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", () => {});
    process.on("SIGTERM", forward);
    process.on("SIGHUP", forward);
    child.once("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
  });
}

console.log("Type-checking the workshop (tsc --noEmit)…");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
const typed = await run(process.execPath, [tsc, "--noEmit", "-p", "."]);
if (typed !== 0) process.exit(typed);
const code = await run(process.execPath, ["--import", "tsx/esm", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files]);
process.exit(code);
