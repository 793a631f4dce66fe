// Starts a CLI verb (`node cli/launch.mjs verify 3`) from compiled JavaScript, so that each
// command starts as fast as plain Node: no TypeScript loader in the learner's wait. The workshop's
// own TypeScript (cli/, verify/, the lessons' metadata) is compiled by esbuild into a folder named
// after the sources' content (verify/build/esbuild.mjs), so it is rebuilt whenever any source
// changes and is never stale; concurrent commands build side by side and the first complete build wins.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { requireNode } from "./node-version.mjs";

requireNode(); // before any compiled code imports what an older Node lacks

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [verb, ...args] = process.argv.slice(2);
if (!verb || !/^[a-z-]+$/.test(verb) || !existsSync(path.join(ROOT, "cli", `${verb}.ts`))) {
  console.error(`usage: node cli/launch.mjs <verb> [args]; verbs are the .ts files in cli/ (got "${verb ?? ""}")`);
  process.exit(2);
}
mkdirSync(path.join(ROOT, ".workshop"), { recursive: true });
const { buildCli } = await import("../verify/build/esbuild.mjs");
const dist = await buildCli(ROOT);
process.argv = [process.argv[0], path.join(dist, "cli", `${verb}.mjs`), ...args];
await import(pathToFileURL(process.argv[1]).href);
