// A throwaway workshop for grading: every shipped file from git's history (by the blob hashes in
// shipped.json), and from the learner's lesson folders only the app's code. Checks, metadata and
// the engine are the shipped ones whatever the learner's folder holds.
import { spawn } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { WorkshopError, onCleanup } from "../../verify/index.ts";
import { fileMatches, type Shipped } from "./shipped.ts";

// What the learner's code may be made of (haproxy.cfg: lesson 24's load balancer). Not package.json or tsconfig.json: a lesson folder's own
// package.json could map the checks' `#verify` import to a kit of the learner's.
const APP_CODE = /\.(ts|mts|cts|js|mjs|cjs|html|css|cfg)$/;

/** The blobs' contents, by hash, read from git in one process; missing hashes are left out. */
async function readBlobs(root: string, hashes: string[]): Promise<Map<string, Buffer>> {
  const git = spawn("git", ["cat-file", "--batch"], { cwd: root, stdio: ["pipe", "pipe", "ignore"] });
  const chunks: Buffer[] = [];
  git.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<number | null>((resolve) => {
    git.on("close", resolve);
    git.on("error", () => resolve(null));
  });
  git.stdin.on("error", () => {});
  git.stdin.end(hashes.join("\n") + "\n");
  if ((await ended) !== 0) throw new WorkshopError("NO_GIT", "Grading reads the shipped checks from git's history, and git did not run here. Install git, and grade in a clone of the workshop.");
  const out = Buffer.concat(chunks);
  const blobs = new Map<string, Buffer>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const [hash, type, size] = out.subarray(at, eol).toString().split(" ");
    at = eol + 1;
    if (type === "missing" || size === undefined) continue;
    blobs.set(hash!, out.subarray(at, at + Number(size)));
    at += Number(size) + 1;
  }
  return blobs;
}

export interface Sandbox {
  root: string;
  /** Per lesson slug, the shipped files of its folder that differ in the learner's (information). */
  changed: Map<string, string[]>;
  /** Shipped files outside lessons/ that differ in the learner's folder. */
  changedElsewhere: string[];
}

export async function buildSandbox(learnerRoot: string, shipped: Shipped): Promise<Sandbox> {
  const entries = Object.entries(shipped.files);
  const blobs = await readBlobs(learnerRoot, [...new Set(entries.map(([, hash]) => hash))]);
  const missing = entries.filter(([, hash]) => !blobs.has(hash)).map(([file]) => file);
  if (missing.length) {
    throw new WorkshopError(
      "SHIPPED_FILES_NOT_IN_HISTORY",
      `git's history here lacks ${missing.length} file(s) of the workshop as shipped (${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}). ` +
        "Grade in a full clone (in CI: actions/checkout with fetch-depth: 0; GitLab: GIT_DEPTH: 0).",
    );
  }
  const root = mkdtempSync(path.join(tmpdir(), "workshop-grade-"));
  onCleanup(async () => rmSync(root, { recursive: true, force: true }));
  for (const [file, hash] of entries) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, blobs.get(hash)!);
  }
  if (!existsSync(path.join(learnerRoot, "node_modules"))) throw new WorkshopError("NOT_SET_UP", "node_modules is missing: run `npm run setup` first.");
  symlinkSync(path.join(learnerRoot, "node_modules"), path.join(root, "node_modules"), "dir");

  const changed = new Map<string, string[]>();
  const changedElsewhere: string[] = [];
  for (const [file, hash] of entries) {
    if (fileMatches(path.join(learnerRoot, file), hash)) continue;
    const lesson = /^lessons\/(\d\d-[^/]+)\/(.+)$/.exec(file);
    if (lesson) changed.set(lesson[1]!, [...(changed.get(lesson[1]!) ?? []), lesson[2]!]);
    else changedElsewhere.push(file);
  }
  // The learner's code: every code file in each shipped lesson folder that the list does not name.
  const slugs = new Set(entries.map(([file]) => /^lessons\/(\d\d-[^/]+)\//.exec(file)?.[1]).filter((s): s is string => Boolean(s)));
  for (const slug of slugs) {
    const from = path.join(learnerRoot, "lessons", slug);
    if (!existsSync(from)) continue;
    copyCode(from, path.join(root, "lessons", slug), `lessons/${slug}`, shipped);
  }
  return { root, changed, changedElsewhere };
}

function copyCode(from: string, to: string, rel: string, shipped: Shipped): void {
  for (const name of readdirSync(from)) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const source = path.join(from, name);
    const stat = lstatSync(source);
    if (stat.isDirectory()) copyCode(source, path.join(to, name), `${rel}/${name}`, shipped);
    else if (stat.isFile() && APP_CODE.test(name) && !(`${rel}/${name}` in shipped.files)) {
      mkdirSync(to, { recursive: true });
      cpSync(source, path.join(to, name));
    }
  }
}
