// The fixture corpus: plausible fixes of each lesson, as patches on the lesson as shipped, in
// test/fixes/NN-slug/wrong/<name>.patch (each must still fail, with the fault it names) and
// test/fixes/NN-slug/right/<name>.patch (each must pass). A patch starts with a header:
//
//   Title: a second session() before the routes
//   Fault: SOCKET_SESSION_MISMATCH          (wrong fixes only)
//   Why: one line: why this fix is wrong (or right)
//
// then a blank line and a unified diff of the lesson's files (a/server.ts → b/server.ts). This
// module reads them and applies one to a copy of its lesson, never to the learner's folder.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyPatch, parsePatch } from "diff";
import { ROOT, WORK_DIR } from "../verify/paths.ts";
import { LESSONS, type LessonInfo } from "../verify/catalogue/lessons.ts";
import { selfTestDir } from "../cli/state/pristine.ts";

export const FIXES_DIR = path.join(ROOT, "test", "fixes");

export interface Fix {
  lesson: LessonInfo;
  kind: "wrong" | "right";
  /** The file's name without .patch: stable, for folders and test names. */
  name: string;
  title: string;
  /** The fault a wrong fix must fail with. */
  fault?: string;
  why: string;
  /** The patch file, for messages. */
  file: string;
  diff: string;
}

export function loadFixes(only?: (slug: string) => boolean): Fix[] {
  const fixes: Fix[] = [];
  for (const slug of existsSync(FIXES_DIR) ? readdirSync(FIXES_DIR).sort() : []) {
    if (only && !only(slug)) continue;
    const lesson = LESSONS.find((l) => l.slug === slug);
    if (!lesson) throw new Error(`test/fixes/${slug}/ names no lesson (lessons/${slug}/ does not exist)`);
    for (const kind of ["wrong", "right"] as const) {
      const dir = path.join(FIXES_DIR, slug, kind);
      for (const name of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".patch")).sort() : []) {
        fixes.push(parseFix(lesson, kind, path.join(dir, name)));
      }
    }
  }
  return fixes;
}

function parseFix(lesson: LessonInfo, kind: "wrong" | "right", file: string): Fix {
  const text = readFileSync(file, "utf8");
  const split = text.indexOf("\n\n");
  const fields = new Map<string, string>();
  for (const line of text.slice(0, split).split("\n")) {
    const match = /^(\w+): (.+)$/.exec(line);
    if (!match) throw new Error(`${path.relative(ROOT, file)}: the header line "${line}" is not "Key: value"`);
    fields.set(match[1]!, match[2]!.trim());
  }
  const where = path.relative(ROOT, file);
  const need = (key: string) => fields.get(key) ?? failed(`${where}: the header has no ${key}: line`);
  const fault = fields.get("Fault");
  if (kind === "wrong" && !fault) failed(`${where}: a wrong fix names the fault it must fail with (Fault: …)`);
  if (kind === "right" && fault) failed(`${where}: a right fix must pass; it names no fault`);
  return { lesson, kind, name: path.basename(file, ".patch"), title: need("Title"), fault, why: need("Why"), file: where, diff: text.slice(split + 2) };
}

function failed(message: string): never {
  throw new Error(message);
}

/** The lesson as shipped with the fix applied, in a folder of its own under .workshop/fixes/. */
export function fixDir(fix: Fix): string {
  const dir = path.join(WORK_DIR, "fixes", fix.lesson.slug, fix.kind, fix.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(shipped(fix.lesson), dir, { recursive: true });
  for (const patch of parsePatch(fix.diff)) {
    const name = (patch.newFileName ?? patch.oldFileName ?? "").replace(/^[ab]\//, "");
    const target = path.join(dir, name);
    const before = existsSync(target) ? readFileSync(target, "utf8") : "";
    const after = applyPatch(before, patch);
    if (after === false) throw new Error(`${fix.file} no longer applies to lessons/${fix.lesson.slug}/${name}: update the patch to the lesson as it is now`);
    writeFileSync(target, after);
  }
  return dir;
}

/** Each lesson as shipped, read once per process. */
const shippedDirs = new Map<string, string>();
function shipped(lesson: LessonInfo): string {
  let dir = shippedDirs.get(lesson.slug);
  if (!dir) shippedDirs.set(lesson.slug, (dir = selfTestDir(lesson)));
  return dir;
}
