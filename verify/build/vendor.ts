// The libraries lesson servers import (express, socket.io, ...), prebuilt into a few files once
// per install. Node spends most of a lesson server's start finding, reading and parsing those
// libraries' ~150 modules one by one; prebuilt, a lesson server starts with about a third less CPU
// (measured: 135-168 ms instead of 214-246 ms; all ten lessons' check 17% faster; `npm run bench --
// --machinery` measures it again). A lesson build points its imports at these files (lesson-server.ts).
//
// Each prebuilt module offers exactly what Node itself gives `import ... from "<package>"`, asked
// of Node rather than guessed: the file Node resolves, its default export (module.exports for
// CommonJS) and the named exports Node detects. A lesson therefore behaves as it would against
// node_modules. One bundle with shared chunks keeps one copy of every module, as node_modules does.
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildVendor } from "./esbuild.mjs";
import { LESSONS_DIR, ROOT, SOLUTIONS_DIR } from "../paths.ts";
import { spawnOwned } from "../app/processes.ts";
import { machinery } from "../machinery.ts";

const FORMAT = 2; // bump when the shape of the prebuilt files changes

/**
 * The packages lesson servers and Node clients import: every bare import in the lessons' and the
 * solutions' app files (not the browser client, which is bundled, nor the checks). Read from the
 * files, so that a new lesson's libraries are prebuilt too, with nothing to list by hand. A lesson
 * that imports anything else (a learner's addition) gets none prebuilt (lesson-server.ts).
 */
export function vendoredPackages(): string[] {
  const found = new Set<string>();
  for (const root of [LESSONS_DIR, SOLUTIONS_DIR]) {
    for (const lesson of existsSync(root) ? readdirSync(root).filter((name) => /^\d\d-/.test(name)) : []) {
      const dir = path.join(root, lesson);
      // Not a dev server's config (vite.config.ts runs inside Vite) nor type declarations.
      const runsInNode = (f: string) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !/\.config\.ts$/.test(f) && !["client.ts", "verify.ts", "lesson.ts"].includes(f);
      for (const file of readdirSync(dir).filter(runsInNode)) {
        for (const [, specifier] of readFileSync(path.join(dir, file), "utf8").matchAll(/\bfrom\s+["']([^"'./][^"']*)["']/g)) {
          const name = specifier!.startsWith("@") ? specifier!.split("/").slice(0, 2).join("/") : specifier!.split("/")[0]!;
          if (!isBuiltin(specifier!) && !specifier!.startsWith("#")) found.add(name);
        }
      }
    }
  }
  return [...found].sort();
}

export interface Vendor {
  /** Names this build of the libraries: builds that import it are valid as long as it is. */
  key: string;
  /** package name → file URL of its prebuilt module */
  modules: Map<string, string>;
}

let building: Promise<Vendor | undefined> | undefined;

/** The prebuilt libraries, built once per install; undefined where they cannot be (lessons then load node_modules). */
export function vendorModules(): Promise<Vendor | undefined> {
  building ??= prebuild();
  return building;
}

async function prebuild(): Promise<Vendor | undefined> {
  // Measuring what it buys (npm run bench -- --machinery): the libraries from node_modules instead.
  if (!machinery.prebuiltLibraries) return undefined;
  const names = vendoredPackages();
  try {
    const dir = await buildVendor(ROOT, {
      // The installed versions: each package's own manifest, and npm's record of the whole install.
      extra: [String(FORMAT), ...names, ...names.map((name) => readInstalled(name))],
      prepare: async (folder) => {
        mkdirSync(folder, { recursive: true });
        const entries: Record<string, string> = {};
        for (const [name, { file, keys }] of Object.entries(await askNode(names))) {
          const source = path.join(folder, `${safeName(name)}.js`);
          writeFileSync(source, entrySource(file, keys));
          entries[safeName(name)] = source;
        }
        return entries;
      },
    });
    return {
      key: path.basename(dir),
      modules: new Map(names.map((name) => [name, pathToFileURL(path.join(dir, vendorFileName(name))).href])),
    };
  } catch {
    return undefined; // lessons still run, importing from node_modules
  }
}

/** The installed version of a package, as its manifest says (or "missing"). */
function readInstalled(name: string): string {
  try {
    return `${name}@${(JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version}`;
  } catch {
    return `${name}@missing`;
  }
}

/** What Node resolves each package to, and the names `import * as ns from it` shows. */
async function askNode(names: string[]): Promise<Record<string, { file: string; keys: string[] }>> {
  const script = `
    import { fileURLToPath } from "node:url";
    const out = {};
    for (const name of ${JSON.stringify(names)}) {
      out[name] = { file: fileURLToPath(import.meta.resolve(name)), keys: Object.keys(await import(name)) };
    }
    process.stdout.write(JSON.stringify(out));`;
  const child = spawnOwned(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] });
  let stdout = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  const code = await new Promise((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`node could not load the libraries (exit code ${code})`);
  return JSON.parse(stdout);
}

function entrySource(file: string, keys: string[]): string {
  const named = keys.filter((key) => key !== "default");
  if (!isCommonJs(file)) {
    return `export * from ${JSON.stringify(file)};\n` + (keys.includes("default") ? `export { default } from ${JSON.stringify(file)};\n` : "");
  }
  // Node's view of a CommonJS module: default is module.exports itself; named exports are the
  // properties its static analysis finds, read once the module has run.
  return (
    `const m = require(${JSON.stringify(file)});\nexport default m;\n` +
    named.map((key, i) => `const e${i} = m[${JSON.stringify(key)}];\nexport { e${i} as ${JSON.stringify(key)} };\n`).join("")
  );
}

function isCommonJs(file: string): boolean {
  if (file.endsWith(".cjs")) return true;
  if (file.endsWith(".mjs")) return false;
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, "utf8")) as { type?: string }).type !== "module";
  }
  return true;
}

/** The file a package is prebuilt into, e.g. "connect-redis.mjs". */
export function vendorFileName(name: string): string {
  return `${safeName(name)}.mjs`;
}

function safeName(name: string): string {
  return name.replace(/[^a-z0-9.-]/gi, "_");
}
