// A copy of the workshop in a temporary folder, with its lessons as shipped: what the self-test runs
// in (npm test), and what its tests copy again to edit, reset and watch lessons. The engine, the
// tests and the solutions are copied as they are in the tree (a contributor's work is what is
// tested); the lessons come from git's HEAD, so a learner's work in lessons/ is neither judged nor
// changed. A lesson not committed yet (an author's work in progress) is copied as it is, and so is
// every lesson with WORKSHOP_TEST_LESSONS=working-tree. The copy is a git repository of its own,
// as a learner's clone is; node_modules and the prebuilt libraries are linked, not copied.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ENGINE = ["cli", "verify", "page", "scripts", "test", "solutions", "package.json", "tsconfig.json", ".gitignore", "README.md", "shipped.json", "package-lock.json", ".github", ".gitlab-ci.yml"];
const LESSON_FOLDER = /^\d\d-/;

/** @returns {{ root: string, lessonsFrom: "git" | "working tree" }} */
export function copyWorkshop(from, { prefix = "workshop-copy-", lessons = process.env.WORKSHOP_TEST_LESSONS === "working-tree" ? "working-tree" : "shipped" } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const name of ENGINE) {
    if (existsSync(path.join(from, name))) cpSync(path.join(from, name), path.join(root, name), { recursive: true });
  }
  mkdirSync(path.join(root, "lessons"));
  const fromGit = lessons === "shipped" && checkoutLessons(from, root);
  // What git's HEAD lacks (every lesson, without git) comes from the tree as it is.
  for (const name of readdirSync(path.join(from, "lessons"))) {
    const target = path.join(root, "lessons", name);
    if (!existsSync(target)) cpSync(path.join(from, "lessons", name), target, { recursive: true });
  }
  symlinkSync(path.join(from, "node_modules"), path.join(root, "node_modules"), "dir");
  // The prebuilt libraries depend only on node_modules: share them.
  mkdirSync(path.join(from, ".workshop", "build", "vendor"), { recursive: true });
  mkdirSync(path.join(root, ".workshop", "build"), { recursive: true });
  symlinkSync(path.join(from, ".workshop", "build", "vendor"), path.join(root, ".workshop", "build", "vendor"), "dir");
  const git = (...args) =>
    execFileSync("git", ["-c", "user.name=workshop", "-c", "user.email=workshop@localhost", "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", ...args], {
      cwd: root,
      stdio: "ignore",
    });
  try {
    git("init", "-q");
    writeFileSync(path.join(root, ".git", "info", "exclude"), "node_modules\n");
    git("add", "-A");
    git("commit", "-q", "--no-verify", "-m", "the workshop as shipped");
  } catch {
    // No git: the copy works without it, as a downloaded workshop does.
  }
  return { root, lessonsFrom: fromGit ? "git" : "working tree" };
}

/** The lesson folders as committed at HEAD, written into the copy (git's own index is left alone). */
function checkoutLessons(from, root) {
  const index = path.join(root, ".lessons-index");
  try {
    execFileSync("git", ["--work-tree", root, "checkout", "HEAD", "--", "lessons"], {
      cwd: from,
      stdio: "ignore",
      env: { ...process.env, GIT_INDEX_FILE: index },
    });
    return readdirSync(path.join(root, "lessons")).some((name) => LESSON_FOLDER.test(name));
  } catch {
    return false;
  } finally {
    rmSync(index, { force: true });
  }
}
