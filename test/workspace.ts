// A throwaway copy of the workshop as shipped, for everything that runs the real CLI: the engine
// as it is in this tree (cli/, verify/, page/), the lessons as shipped (git's HEAD, or the working
// copy of a lesson not committed yet), the solutions, and a git repository of its own, as a
// learner's clone has. node_modules is linked, not copied. The self-test edits, resets and watches
// lessons only here: the learner's own lessons/ and solutions/ are never read for a verdict and
// never written.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, WORK_DIR } from "../verify/paths.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { LESSONS, type LessonInfo } from "../verify/lessons.ts";

/** What a copy of the workshop needs besides its lessons (copied from this tree as they are). */
const ENGINE = ["cli", "verify", "page", "scripts", "test", "solutions", "package.json", "tsconfig.json", ".gitignore"];
/** The lesson folders' shared files (everything in lessons/ that is not a lesson folder). */
const lessonShared = () => readdirSync(path.join(ROOT, "lessons")).filter((name) => !/^\d\d-/.test(name));

/** Each lesson as shipped, read from git once per process (it takes a git call per file). */
const shippedDirs = new Map<string, string>();
function shipped(lesson: LessonInfo): string {
  let dir = shippedDirs.get(lesson.slug);
  if (!dir) shippedDirs.set(lesson.slug, (dir = selfTestDir(lesson)));
  return dir;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class Workspace {
  private constructor(readonly root: string) {}

  /** A fresh copy; `dispose()` removes it. */
  static create(): Workspace {
    const root = mkdtempSync(path.join(tmpdir(), "workshop-copy-"));
    for (const name of ENGINE) {
      if (existsSync(path.join(ROOT, name))) cpSync(path.join(ROOT, name), path.join(root, name), { recursive: true });
    }
    mkdirSync(path.join(root, "lessons"));
    for (const name of lessonShared()) cpSync(path.join(ROOT, "lessons", name), path.join(root, "lessons", name), { recursive: true });
    for (const lesson of LESSONS) cpSync(shipped(lesson), path.join(root, "lessons", lesson.slug), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
    // The libraries prebuilt for lesson servers depend only on node_modules: share them.
    mkdirSync(path.join(WORK_DIR, "vendor"), { recursive: true });
    mkdirSync(path.join(root, ".workshop"));
    symlinkSync(path.join(WORK_DIR, "vendor"), path.join(root, ".workshop", "vendor"), "dir");
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=workshop", "-c", "user.email=workshop@localhost", "-c", "init.defaultBranch=main", ...args], {
        cwd: root,
        stdio: "ignore",
      });
    git("init", "-q");
    writeFileSync(path.join(root, ".git", "info", "exclude"), "node_modules\n");
    git("add", "-A");
    git("commit", "-q", "-m", "the workshop as shipped");
    return new Workspace(root);
  }

  lessonDir(lesson: LessonInfo): string {
    return path.join(this.root, "lessons", lesson.slug);
  }

  solutionDir(lesson: LessonInfo): string {
    return path.join(this.root, "solutions", lesson.slug);
  }

  /** A CLI verb started exactly as `npm run <verb>` starts it (without npm's banner). */
  spawn(verb: string, args: string[], env: NodeJS.ProcessEnv = {}, stdin: "ignore" | "pipe" = "ignore") {
    return spawn(process.execPath, [path.join(this.root, "cli", "launch.mjs"), verb, ...args], {
      cwd: this.root,
      env: { ...process.env, NO_COLOR: "1", WORKSHOP_LANG: "en", ...env },
      stdio: [stdin, "pipe", "pipe"],
    });
  }

  /** Runs a CLI verb to its end. */
  cli(verb: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 90_000): Promise<CliRun> {
    return new Promise((resolve) => {
      const child = this.spawn(verb, args, env);
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (d) => (stdout += d));
      child.stderr!.on("data", (d) => (stderr += d));
      const timer = setTimeout(() => stop(child), timeoutMs);
      child.once("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** Starts a CLI verb and leaves it running; the caller ends it with `stop()` (and may type into it). */
  start(verb: string, args: string[], env: NodeJS.ProcessEnv = {}, stdin: "ignore" | "pipe" = "ignore") {
    const child = this.spawn(verb, args, env, stdin);
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
    return { child, exited, output: () => output, stop: () => stop(child, exited) };
  }

  /** Puts every lesson back as shipped, after a test edited one. */
  restore(): void {
    execFileSync("git", ["checkout", "-q", "--", "lessons", "solutions"], { cwd: this.root, stdio: "ignore" });
    execFileSync("git", ["clean", "-fdq", "--", "lessons", "solutions"], { cwd: this.root, stdio: "ignore" });
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Ends a CLI run the way a learner's Ctrl-C does, so that it stops what it started itself; only a
 * run that ignores that for seconds is killed (a kill would leave its servers behind).
 */
export async function stop(child: ReturnType<typeof spawn>, exited?: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited ?? new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await done;
  clearTimeout(timer);
}
