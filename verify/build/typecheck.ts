// Type-checks lesson apps (every .ts in the folder but verify.ts) with the project's tsconfig.
// Each folder is its own TypeScript project, because lessons augment the same module
// ("express-session"'s SessionData) differently; many folders are checked by ONE compiler run
// in build mode (`tsc -b`), which shares the expensive work (the libraries' types) between
// them and remembers what it already checked. TypeScript 7's native compiler makes this a
// fraction of a second, so it runs on every verify, alongside the browser check; a project whose
// files have not changed since its last clean check is not checked again.
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { spawnOwned } from "../app/processes.ts";
import { ROOT, WORK_DIR } from "../paths.ts";

export interface TypecheckResult {
  errors: string[];
  /** true when every error is a syntax error (TS1xxx), i.e. the file does not even parse */
  syntaxOnly: boolean;
}

const CONFIG_DIR = path.join(WORK_DIR, "tsconfig");

export async function typecheck(dir: string): Promise<TypecheckResult> {
  return (await typecheckMany([dir])).get(dir)!;
}

export async function typecheckMany(dirs: string[]): Promise<Map<string, TypecheckResult>> {
  const unique = [...new Set(dirs)];
  await mkdir(CONFIG_DIR, { recursive: true });
  const configs = await Promise.all(unique.map(projectConfig));
  let entry = configs[0]!;
  if (configs.length > 1) {
    entry = path.join(CONFIG_DIR, `all-${hash(configs.join("\n"))}.json`);
    await writeIfChanged(entry, JSON.stringify({ files: [], references: configs.map((c) => ({ path: c })) }));
  }
  const output = await runTsc(["-b", entry, "--pretty", "false"]);
  const errors = output.split("\n").filter((line) => /error TS\d+/.test(line));
  const results = new Map<string, TypecheckResult>();
  for (const dir of unique) {
    const prefix = path.relative(ROOT, dir) + path.sep;
    const mine = errors.filter((line) => line.startsWith(prefix));
    results.set(dir, { errors: mine, syntaxOnly: mine.length > 0 && mine.every(isSyntaxError) });
  }
  // An error in no lesson's files (a broken tsconfig, a missing @types package) concerns them all.
  const stray = errors.filter((line) => !unique.some((dir) => line.startsWith(path.relative(ROOT, dir) + path.sep)));
  if (stray.length) for (const result of results.values()) result.errors.push(...stray);
  return results;
}

async function projectConfig(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".ts") && f !== "verify.ts").map((f) => path.join(dir, f));
  const config = path.join(CONFIG_DIR, `${hash(dir)}.json`);
  // "files" (not "include"): the root tsconfig excludes .workshop/, where pristine copies live.
  // "incremental": tsc -b then skips the project while its inputs are older than its last clean
  // check. It compares modification times, so the config also carries a fingerprint of what the
  // check depends on: a file restored with an old time (reset, a backup copied back) or a new
  // dependency changes the fingerprint, the config is rewritten, and the project is checked again.
  const fingerprint = hash((await Promise.all(files.map((f) => readFile(f, "utf8")))).join("\0") + (await sharedInputs()));
  await writeIfChanged(
    config,
    JSON.stringify({ extends: path.join(ROOT, "tsconfig.json"), compilerOptions: { incremental: true }, include: [], files, fingerprint }),
  );
  return config;
}

/** What every lesson's check also depends on: the shared page module and the installed packages. */
async function sharedInputs(): Promise<string> {
  const stamps = await Promise.all(
    ["page/panel.ts", "node_modules/.package-lock.json"].map((f) => stat(path.join(ROOT, f)).then((s) => `${f}@${s.mtimeMs}`, () => f)),
  );
  return stamps.join(",");
}

/** Leaves an unchanged file alone: a newer config would make tsc -b check its project again. */
async function writeIfChanged(file: string, text: string): Promise<void> {
  const old = await readFile(file, "utf8").catch(() => undefined);
  if (old !== text) await writeFile(file, text);
}

/** The native compiler itself, without the Node wrapper script that would start it. */
let tscCommand: Promise<[string, string[]]> | undefined;
function findTsc(): Promise<[string, string[]]> {
  tscCommand ??= import(pathToFileURL(path.join(ROOT, "node_modules/typescript/lib/getExePath.js")).href).then(
    (m: { default: () => string }) => [m.default(), []] as [string, string[]],
    () => [process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc")]] as [string, string[]],
  );
  return tscCommand;
}

async function runTsc(args: string[]): Promise<string> {
  const [command, prefix] = await findTsc();
  return new Promise((resolve) => {
    const child = spawnOwned(command, [...prefix, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout!.on("data", (d) => (text += d));
    child.stderr!.on("data", (d) => (text += d));
    child.once("error", (err) => resolve(`error TS0000: the TypeScript compiler could not start: ${err.message}`));
    child.once("exit", () => resolve(text));
  });
}

function hash(text: string): string {
  return createHash("sha1").update(text).digest("hex").slice(0, 12);
}

/**
 * TypeScript numbers its parse errors TS1xxx, along with a few checks of imports and modules that
 * are not about parsing at all (a default import of a module with none, TS1192, is a type error).
 */
const NOT_SYNTAX = new Set(["1192", "1259", "1308", "1375", "1378", "1479", "1484"]);

function isSyntaxError(line: string): boolean {
  const code = /error TS(1\d{3}):/.exec(line)?.[1];
  return code !== undefined && !NOT_SYNTAX.has(code);
}
