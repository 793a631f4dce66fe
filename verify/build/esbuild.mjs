// Every build the workshop makes, all with esbuild, all kept the same way. Plain JavaScript, so
// that cli/launch.mjs can build the CLI with it before any TypeScript runs.
//
// The builds:
// - the CLI and engine (cli/, verify/, lessons/*/lesson.ts), so that every command starts as plain
//   Node, with no TypeScript loader in the learner's wait;
// - a lesson's server (and Node client), one ES module whose library imports point at the
//   prebuilt libraries (vendor.ts);
// - a lesson's browser client, bundled with the shared panel and socket.io-client;
// - a lesson's check (verify.ts), bound to the compiled kit;
// - the workshop page's script (npm run lesson's page beside the app);
// - the prebuilt libraries themselves.
//
// One cache scheme for all: a build lives in .workshop/build/<name>/<key>/, where the key is a hash
// of everything it is made of (the content of its input files, and any other value that changes
// it). A build is written to a temporary folder and renamed into place once complete, so parallel
// commands never see half a build and the first complete one wins. A later build of the same name
// replaces the earlier ones, which are removed once they are a minute old (a command that started
// from one meanwhile still finds it).
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const PRUNE_AFTER_MS = 60_000;

/** @type {Promise<typeof import("esbuild")> | undefined} */
let loading;
/** esbuild, loaded on first use: a command that finds its builds current never loads it. */
const esbuild = () => (loading ??= import("esbuild"));

/** The files a build is made of: each file, or every file under each folder (dot files and node_modules aside). */
function filesOf(inputs) {
  const files = [];
  const visit = (entry) => {
    let stat;
    try {
      stat = statSync(entry);
    } catch {
      files.push(entry); // a missing input is part of the state too
      return;
    }
    if (!stat.isDirectory()) return void files.push(entry);
    for (const name of readdirSync(entry).sort()) {
      if (!name.startsWith(".") && name !== "node_modules") visit(path.join(entry, name));
    }
  };
  for (const input of inputs) visit(input);
  return files;
}

/** The key of a build: its inputs' paths and contents, and the other values that change it. */
export function buildKey(inputs, extra = []) {
  const hash = createHash("sha1");
  for (const value of extra) hash.update(`${value}\0`);
  for (const file of filesOf(inputs)) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update("(missing)");
    }
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** A short, stable name for a folder or file, for build names. */
export function nameOf(label, location) {
  return `${label}-${createHash("sha1").update(location).digest("hex").slice(0, 12)}`;
}

/**
 * The folder of a current build of `name` made of `inputs` (and `extra`); `make(folder)` writes
 * one when there is none. Returns the folder.
 */
export async function cached(root, { name, inputs, extra = [], make }) {
  const base = path.join(root, ".workshop", "build", name);
  const dir = path.join(base, buildKey(inputs, extra));
  if (existsSync(path.join(dir, ".complete"))) return dir;
  const temp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  mkdirSync(temp, { recursive: true });
  try {
    await make(temp);
    writeFileSync(path.join(temp, ".complete"), "");
    try {
      renameSync(temp, dir);
    } catch {
      rmSync(temp, { recursive: true, force: true }); // another command finished the same build first
    }
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
  prune(base, dir);
  return dir;
}

function prune(base, keep) {
  const now = Date.now();
  for (const old of readdirSync(base)) {
    const folder = path.join(base, old);
    if (folder === keep || old.includes(".tmp-")) continue;
    try {
      if (now - statSync(folder).mtimeMs > PRUNE_AFTER_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // removed by another command meanwhile
    }
  }
}

const NODE = { bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "silent" };

/**
 * The CLI and the engine, file for file, as .mjs; relative imports of .ts are rewritten to .mjs.
 * Their plain JavaScript modules (this one among them) are copied beside them as they are.
 */
export async function buildCli(root) {
  const code = ["cli", "verify"].flatMap((dir) => filesOf([path.join(root, dir)]));
  const plain = code.filter((f) => /\.(mjs|cjs)$/.test(f));
  const sources = [
    ...code.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")),
    // The lessons' metadata is data the CLI lists at every start.
    ...readdirSync(path.join(root, "lessons"))
      .filter((name) => /^\d\d-/.test(name))
      .map((name) => path.join(root, "lessons", name, "lesson.ts"))
      .filter((file) => existsSync(file)),
  ];
  return cached(root, {
    name: "cli",
    inputs: [...sources, ...plain],
    make: async (out) => {
      for (const file of plain) {
        const target = path.join(out, path.relative(root, file));
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(file, target);
      }
      await (await esbuild()).build({ ...NODE, bundle: false, entryPoints: sources, outdir: out, outbase: root, outExtension: { ".js": ".mjs" }, sourcemap: "inline", logLevel: "error" });
      for (const file of sources) {
        const target = path.join(out, path.relative(root, file)).replace(/\.ts$/, ".mjs");
        const code = readFileSync(target, "utf8").replace(/(from\s+|import\s*\(\s*)(["'])(\.{1,2}\/[^"']+)\.ts\2/g, "$1$2$3.mjs$2");
        writeFileSync(target, code);
      }
    },
  });
}

/**
 * A lesson's server.ts (or Node client) as one ES module. `resolve` points a bare import at a
 * prebuilt library (returns its URL) or reports it as not prebuilt (returns undefined).
 */
export async function buildServer(root, { dir, entry, extra, resolve }) {
  return cached(root, {
    name: nameOf(entry.replace(/\.ts$/, ""), dir),
    inputs: [dir],
    extra,
    make: async (out) => {
      const plugins = resolve
        ? [
            {
              name: "prebuilt-libraries",
              setup(build) {
                build.onResolve({ filter: /^[^./]/ }, (args) => {
                  const url = resolve(args.path);
                  return url ? { path: url, external: true } : undefined;
                });
              },
            },
          ]
        : [];
      await (await esbuild()).build({
        ...NODE,
        entryPoints: [path.join(dir, entry)],
        outfile: path.join(out, entry.replace(/\.ts$/, ".mjs")),
        packages: "external",
        sourcemap: "inline",
        plugins,
      });
    },
  });
}

/** A lesson's client.ts for the browser, with the shared panel and socket.io-client; API_URL is read at run time. */
export async function buildClient(root, { dir }) {
  return cached(root, {
    name: nameOf("client", dir),
    inputs: [dir, path.join(root, "page"), path.join(root, "node_modules", ".package-lock.json")],
    make: async (out) => {
      await (await esbuild()).build({
        entryPoints: [path.join(dir, "client.ts")],
        bundle: true,
        outfile: path.join(out, "client.js"),
        format: "esm",
        platform: "browser",
        target: "es2022",
        // Linked, not inline: the browser fetches the map only when DevTools are open.
        sourcemap: "linked",
        absWorkingDir: root,
        define: { "process.env.API_URL": "globalThis.WORKSHOP_API_URL" },
        logLevel: "silent",
      });
    },
  });
}

/** The workshop page's script (page/workshop/app.ts), for the browser: `npm run lesson` serves it. */
export async function buildWorkshopPage(root) {
  return cached(root, {
    name: "workshop-page",
    inputs: [path.join(root, "page", "workshop")],
    make: async (out) => {
      await (await esbuild()).build({
        entryPoints: [path.join(root, "page", "workshop", "app.ts")],
        bundle: true,
        outfile: path.join(out, "app.js"),
        format: "esm",
        platform: "browser",
        target: "es2022",
        absWorkingDir: root,
        logLevel: "silent",
      });
    },
  });
}

/** A lesson's verify.ts (with its lesson.ts), its "#verify" bound to the compiled kit at `kitUrl`. */
export async function buildCheck(root, { dir, kitUrl }) {
  return cached(root, {
    name: nameOf("check", dir),
    inputs: [path.join(dir, "verify.ts"), path.join(dir, "lesson.ts")],
    extra: [kitUrl],
    make: async (out) => {
      await (await esbuild()).build({
        ...NODE,
        entryPoints: [path.join(dir, "verify.ts")],
        outfile: path.join(out, "verify.mjs"),
        packages: "external",
        sourcemap: "inline",
        plugins: [{ name: "workshop-kit", setup: (build) => build.onResolve({ filter: /^#verify$/ }, () => ({ path: kitUrl, external: true })) }],
      });
    },
  });
}

/**
 * The prebuilt libraries: one ES module per package, sharing chunks so that every library exists
 * once, as in node_modules. `prepare(folder)` writes each package's entry source there and returns
 * them (name → file). `originalPaths` keeps each library's own
 * location for code that finds its files (socket.io serves its client from __dirname).
 */
export async function buildVendor(root, { extra, prepare }) {
  return cached(root, {
    name: "vendor",
    inputs: [path.join(root, "node_modules", ".package-lock.json")],
    extra,
    make: async (out) => {
      const sources = await prepare(path.join(out, ".src"));
      await (await esbuild()).build({
        ...NODE,
        entryPoints: sources,
        outdir: out,
        outExtension: { ".js": ".mjs" },
        splitting: true,
        // Bundled CommonJS code still require()s Node's built-ins and optional extras at run time.
        banner: { js: `import { createRequire as __workshopRequire } from "node:module"; const require = __workshopRequire(import.meta.url);` },
        plugins: [originalPaths],
      });
      rmSync(path.join(out, ".src"), { recursive: true, force: true });
    },
  });
}

const originalPaths = {
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
