// The untouched version of each lesson, for reset and the self-test.
// Two sources: git's HEAD (what the workshop committed) and a snapshot that `npm run setup`
// takes, so that reset still works where git is missing (a downloaded zip, a classroom machine).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LESSONS, ROOT, STATE_DIR, WORK_DIR, WorkshopError, lessonDir, type LessonInfo } from "../../verify/index.ts";

const SNAPSHOT_DIR = path.join(STATE_DIR, "pristine");
const COMMITTED_DIR = path.join(WORK_DIR, "committed");

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 1 << 26 });
  } catch {
    return undefined;
  }
}

/** Writes the lesson as committed at HEAD into dest; false when git or the commit is unavailable. */
function fromGit(lesson: Pick<LessonInfo, "slug">, dest: string): boolean {
  const prefix = `lessons/${lesson.slug}/`;
  const listing = git(["ls-tree", "-r", "--name-only", "HEAD", "--", prefix]);
  if (!listing?.trim()) return false;
  rmSync(dest, { recursive: true, force: true });
  for (const file of listing.trim().split("\n")) {
    const content = execFileSync("git", ["show", `HEAD:${file}`], { cwd: ROOT, maxBuffer: 1 << 26 });
    const target = path.join(dest, file.slice(prefix.length));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return true;
}

/**
 * The lesson as shipped: git's HEAD when git is there (always current, even after a workshop
 * update), else the snapshot `npm run setup` took. Throws, touching nothing, if neither exists.
 */
export function pristineDir(lesson: Pick<LessonInfo, "number" | "slug">): string {
  const committed = path.join(COMMITTED_DIR, lesson.slug);
  if (fromGit(lesson, committed)) return committed;
  const snapshot = path.join(SNAPSHOT_DIR, lesson.slug);
  if (existsSync(snapshot)) return snapshot;
  const why = git(["rev-parse", "HEAD"])
    ? `git's last commit has no lessons/${lesson.slug}/ (is it committed?)`
    : "git is not available here";
  throw new WorkshopError(
    "NO_PRISTINE_COPY",
    `There is no untouched copy of lesson ${lesson.number} to restore or compare with: ${why}, and ` +
      `\`npm run setup\` has not saved a snapshot. Nothing was changed. Install git, or run ` +
      `\`npm run setup\` in a fresh download of the workshop (it snapshots the lessons).`,
  );
}

/** Saves a snapshot of every lesson (from git's HEAD if possible, else the files as they are). */
export function snapshotLessons(): "git" | "files" | "kept" {
  // Without git, an existing snapshot is the only record of the untouched lessons: keep it.
  if (existsSync(SNAPSHOT_DIR) && readdirSync(SNAPSHOT_DIR).length === LESSONS.length && !git(["rev-parse", "HEAD"])) {
    return "kept";
  }
  let source: "git" | "files" = "git";
  for (const lesson of LESSONS) {
    const dest = path.join(SNAPSHOT_DIR, lesson.slug);
    if (fromGit(lesson, dest)) continue;
    source = "files";
    if (!existsSync(dest)) cpSync(lessonDir(lesson), dest, { recursive: true });
  }
  return source;
}

/**
 * For the self-test: the lesson as committed, or, for a lesson not committed yet (an author's
 * work in progress), the working copy, which is then the only version there is.
 */
export function selfTestDir(lesson: LessonInfo): string {
  try {
    return pristineDir(lesson);
  } catch {
    return lessonDir(lesson);
  }
}

/**
 * The lessons whose files differ from the shipped ones (edited, added or removed), by slug; empty
 * without git, where nothing tells.
 */
export function editedLessons(): Set<string> {
  const status = git(["status", "--porcelain", "--untracked-files=all", "--", "lessons/"]) ?? "";
  const slugs = [...status.matchAll(/lessons\/(\d\d-[^/\s]+)\//g)].map((match) => match[1]!);
  return new Set(slugs);
}
