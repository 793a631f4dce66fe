// Starts a CLI verb (`node cli/launch.mjs verify 3`) from compiled JavaScript, so that each
// command starts as fast as plain Node: no TypeScript loader in the learner's wait. The workshop's
// own TypeScript (cli/, verify/, the lessons' manifest) is compiled by esbuild into a folder named
// after the sources' state, so it is rebuilt whenever any source changes and is never stale;
// concurrent commands build side by side and the first complete build wins.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { requireNode } from "./node-version.mjs";

requireNode(); // before any compiled code imports what an older Node lacks

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, ".workshop", "dist");

function sources() {
  const files = ["manifest.ts", "manifest.zh-CN.ts"].map((name) => path.join(ROOT, "lessons", name));
  for (const dir of ["cli", "verify"]) {
    const walk = (d) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".ts")) files.push(full);
      }
    };
    walk(path.join(ROOT, dir));
  }
  return files.sort();
}

async function compiled() {
  const files = sources();
  const state = createHash("sha1");
  for (const file of files) {
    const { mtimeMs, size } = statSync(file);
    state.update(`${file}\0${mtimeMs}\0${size}\n`);
  }
  const out = path.join(DIST, state.digest("hex").slice(0, 12));
  if (existsSync(path.join(out, ".complete"))) return out;

  const { build } = await import("esbuild");
  const temp = `${out}.tmp-${process.pid}`;
  await build({
    entryPoints: files,
    outdir: temp,
    outbase: ROOT,
    outExtension: { ".js": ".mjs" },
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "inline",
    logLevel: "error",
  });
  // Relative imports name the .ts sources; the compiled files are .mjs.
  for (const file of files) {
    const target = path.join(temp, path.relative(ROOT, file)).replace(/\.ts$/, ".mjs");
    const code = readFileSync(target, "utf8").replace(/(from\s+|import\s*\(\s*)(["'])(\.{1,2}\/[^"']+)\.ts\2/g, "$1$2$3.mjs$2");
    writeFileSync(target, code);
  }
  writeFileSync(path.join(temp, ".complete"), "");
  try {
    renameSync(temp, out);
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another command finished the same build first
  }
  for (const old of readdirSync(DIST)) {
    if (path.join(DIST, old) !== out && !old.includes(".tmp-")) rmSync(path.join(DIST, old), { recursive: true, force: true });
  }
  return out;
}

const [verb, ...args] = process.argv.slice(2);
if (!verb || !/^[a-z-]+$/.test(verb) || !existsSync(path.join(ROOT, "cli", `${verb}.ts`))) {
  console.error(`usage: node cli/launch.mjs <verb> [args]; verbs are the .ts files in cli/ (got "${verb ?? ""}")`);
  process.exit(2);
}
mkdirSync(DIST, { recursive: true });
// Node 22+ keeps compiled code between runs (Playwright alone takes ~0.25 s to compile); older Node lacks it.
(await import("node:module")).enableCompileCache?.(path.join(ROOT, ".workshop", "compile-cache"));
const dist = await compiled();
process.argv = [process.argv[0], path.join(dist, "cli", `${verb}.mjs`), ...args];
await import(pathToFileURL(process.argv[1]).href);
