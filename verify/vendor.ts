// The libraries lesson servers import (express, socket.io, ...), prebuilt into a few files once
// per install. Node spends most of a lesson server's start finding, reading and parsing those
// libraries' ~150 modules one by one; prebuilt, a lesson server starts with about a third less CPU
// (measured: 135-168 ms instead of 214-246 ms; all ten lessons' check 17% faster). A lesson build
// points its imports at these files (lesson-server.ts).
//
// Each prebuilt module offers exactly what Node itself gives `import ... from "<package>"`, asked
// of Node rather than guessed: the file Node resolves, its default export (module.exports for
// CommonJS) and the named exports Node detects. A lesson therefore behaves as it would against
// node_modules. One bundle with shared chunks keeps one copy of every module, as node_modules does.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { ROOT, WORK_DIR } from "./paths.ts";
import { spawnOwned } from "./processes.ts";

/** Packages lesson servers and Node clients import. A lesson importing anything else gets none of them prebuilt. */
export const VENDORED = [
  "express",
  "express-session",
  "socket.io",
  "socket.io-client",
  "cors",
  "cookie",
  "cookie-signature",
  "redis",
  "connect-redis",
];

const FORMAT = 1; // bump when the shape of the prebuilt files changes

export interface Vendor {
  /** Names this build of the libraries: builds that import it are valid as long as it is. */
  key: string;
  /** package name → file URL of its prebuilt module */
  modules: Map<string, string>;
}

let building: Promise<Vendor | undefined> | undefined;

export function vendorModules(): Promise<Vendor | undefined> {
  building ??= buildVendor();
  return building;
}

async function buildVendor(): Promise<Vendor | undefined> {
  let lock: number;
  try {
    lock = statSync(path.join(ROOT, "node_modules", ".package-lock.json")).mtimeMs;
  } catch {
    return undefined; // not installed with npm: lessons import from node_modules as usual
  }
  const key = createHash("sha1").update(`${FORMAT}\n${VENDORED.join(",")}\n${lock}`).digest("hex").slice(0, 12);
  const base = path.join(WORK_DIR, "vendor");
  const dir = path.join(base, key);
  const vendor = (): Vendor => ({
    key,
    modules: new Map(VENDORED.map((name) => [name, pathToFileURL(path.join(dir, `${safeName(name)}.mjs`)).href])),
  });
  if (existsSync(path.join(dir, ".complete"))) return vendor();

  const temp = `${dir}.tmp-${process.pid}`;
  try {
    const entries = Object.entries(await askNode()).map(([name, { file, keys }]) => {
      const source = path.join(temp, "src", `${safeName(name)}.js`);
      mkdirSync(path.dirname(source), { recursive: true });
      writeFileSync(source, entrySource(file, keys));
      return [safeName(name), source] as const;
    });
    await esbuild.build({
      entryPoints: Object.fromEntries(entries),
      outdir: temp,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      // Bundled CommonJS code still require()s Node's built-ins and optional extras at run time.
      banner: { js: `import { createRequire as __workshopRequire } from "node:module"; const require = __workshopRequire(import.meta.url);` },
      logLevel: "silent",
      plugins: [originalPaths],
    });
    rmSync(path.join(temp, "src"), { recursive: true });
    writeFileSync(path.join(temp, ".complete"), "");
    try {
      renameSync(temp, dir);
    } catch {
      rmSync(temp, { recursive: true, force: true }); // a parallel run finished the same build first
    }
    for (const old of readdirSync(base)) {
      if (old !== key && !old.includes(".tmp-")) rmSync(path.join(base, old), { recursive: true, force: true });
    }
    return vendor();
  } catch {
    rmSync(temp, { recursive: true, force: true });
    return undefined; // lessons still run, importing from node_modules
  }
}

/** What Node resolves each package to, and the names `import * as ns from it` shows. */
async function askNode(): Promise<Record<string, { file: string; keys: string[] }>> {
  const script = `
    import { fileURLToPath } from "node:url";
    const out = {};
    for (const name of ${JSON.stringify(VENDORED)}) {
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

/** Library code that finds its own files (socket.io serves its browser client from __dirname) keeps its real location. */
const originalPaths: esbuild.Plugin = {
  name: "original-paths",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, (args) => {
      const contents = readFileSync(args.path, "utf8");
      if (!/\b__(dirname|filename)\b/.test(contents)) return undefined;
      const header = `var __filename = ${JSON.stringify(args.path)}, __dirname = ${JSON.stringify(path.dirname(args.path))};\n`;
      return { contents: header + contents, loader: "js" };
    });
  },
};

/** The file a package is prebuilt into, e.g. "connect-redis.mjs". */
export function vendorFileName(name: string): string {
  return `${safeName(name)}.mjs`;
}

function safeName(name: string): string {
  return name.replace(/[^a-z0-9.-]/gi, "_");
}
