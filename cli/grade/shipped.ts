// The list of the workshop's files as shipped: each file's path and git blob hash, in shipped.json
// at the root, written by `npm run shipped` and kept in step by a test. Grading rebuilds the
// workshop from it (the blobs come from git's history, whatever the files on disk now say), so no
// edit to a check, a lesson's metadata or the engine changes a grade. The learner's app files
// (those the lesson's solution has: server.ts, client.ts, …) are what is graded, so they are not in it.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { WorkshopError } from "../../verify/index.ts";

export const SHIPPED_FILE = "shipped.json";
export const SHIPPED_FORMAT = "socket-session-workshop/shipped@1";

export interface Shipped {
  format: typeof SHIPPED_FORMAT;
  /** path (with /) → git blob hash */
  files: Record<string, string>;
}

/** git's blob hash of some content, as `git hash-object` computes it. */
export function blobHash(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

/** The hash of a file on disk; a checkout that turned LF into CRLF (Windows) still matches. */
export function fileMatches(file: string, hash: string): boolean {
  if (!existsSync(file)) return false;
  const content = readFileSync(file);
  return blobHash(content) === hash || blobHash(Buffer.from(content.toString("latin1").replace(/\r\n/g, "\n"), "latin1")) === hash;
}

const LESSON_FILE = /^lessons\/(\d\d-[^/]+)\/([^/]+)$/;

/** Whether a tracked path belongs in the list: not the learner's app files, tests or fixtures. */
export function isShipped(file: string, appFilesOf: (slug: string) => string[]): boolean {
  if (file === SHIPPED_FILE || /^(test|solutions|\.ci)\//.test(file)) return false;
  const lesson = LESSON_FILE.exec(file);
  return !lesson || !appFilesOf(lesson[1]!).includes(lesson[2]!);
}

/** The learner's app files of a lesson: the files its solution has. */
export function solutionFiles(root: string): (slug: string) => string[] {
  return (slug) => {
    const dir = path.join(root, "solutions", slug);
    return existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith(".")) : [];
  };
}

/** Builds the list from the files git tracks, hashed as they are on disk. */
export function listShipped(root: string): Shipped {
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" }).split("\0").filter(Boolean);
  const apps = solutionFiles(root);
  const files: Record<string, string> = {};
  for (const file of tracked.filter((f) => isShipped(f, apps)).sort()) {
    if (existsSync(path.join(root, file))) files[file] = blobHash(readFileSync(path.join(root, file)));
  }
  return { format: SHIPPED_FORMAT, files };
}

/** shipped.json from a commit (`--shipped REF`), or as it is in the folder, with its own blob hash. */
export function readShipped(root: string, ref?: string): Shipped & { hash: string } {
  let text: string;
  const where = ref ? `${ref}:${SHIPPED_FILE}` : path.join(root, SHIPPED_FILE);
  try {
    text = ref ? execFileSync("git", ["show", `${ref}:${SHIPPED_FILE}`], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) : readFileSync(where, "utf8");
  } catch {
    throw new WorkshopError("NO_SHIPPED_LIST", `Cannot read the list of the workshop's files as shipped (${where}). Grade in a clone of the workshop${ref ? `, and check that ${ref} names a commit of it (git fetch first)` : ""}.`);
  }
  const shipped = JSON.parse(text) as Shipped;
  if (shipped?.format !== SHIPPED_FORMAT || typeof shipped.files !== "object") {
    throw new WorkshopError("NO_SHIPPED_LIST", `${where} is not a list of shipped files (format ${SHIPPED_FORMAT}).`);
  }
  return { ...shipped, hash: blobHash(Buffer.from(text)) };
}
