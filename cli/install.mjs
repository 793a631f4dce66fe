// The first half of `npm run setup`: check Node's version, then install the dependencies exactly as
// package-lock.json lists them (`npm ci`), or resolve them where there is no lock file yet. The
// second half (cli/setup.ts) needs them, so it runs after this, through the launcher.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { requireNode } from "./node-version.mjs";

requireNode();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const verb = existsSync(path.join(root, "package-lock.json")) ? "ci" : "install";
// Under `npm run`, npm says where it is; run directly, the npm on PATH does.
const npm = process.env.npm_execpath;
const [command, args] = npm && /\.[cm]?js$/.test(npm) ? [process.execPath, [npm]] : ["npm", []];
// Without the development dependencies: they serve only `npm run mutate` (StrykerJS), which says
// how to add them; a class's thirty laptops need not download them.
const run = spawnSync(command, [...args, verb, "--omit=dev", "--no-audit", "--no-fund"], {
  cwd: root,
  stdio: "inherit",
  shell: command === "npm" && process.platform === "win32",
});
if (run.status !== 0) {
  process.stderr.write(`error: \`npm ${verb}\` failed${run.error ? ` (${run.error.message})` : ""}; its messages are above.\n`);
  process.exit(run.status || 2);
}
