// A throwaway copy of the workshop (scripts/copy-workshop.mjs: the engine as it is, the lessons as
// shipped, a git repository of its own), for tests that run the real CLI: they edit, reset and
// watch lessons only there. node_modules is linked, not copied.
import { after, before } from "node:test";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "../verify/paths.ts";
import type { LessonInfo } from "../verify/catalogue/lessons.ts";
import { copyWorkshop } from "../scripts/copy-workshop.mjs";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class Workspace {
  private constructor(readonly root: string) {}

  /** A fresh copy of the workshop this one is; `dispose()` removes it. */
  static create(): Workspace {
    return new Workspace(copyWorkshop(ROOT, { lessons: "shipped" }).root);
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
      // PAGE_PORT 0: npm run lesson's workshop page on a free port, never on a learner's 4000.
      env: { ...process.env, NO_COLOR: "1", WORKSHOP_LANG: "en", PAGE_PORT: "0", ...env },
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

/** For a test file: a workspace and a state folder of its own, made before its tests and removed after. */
export function useWorkspace(): { readonly ws: Workspace; readonly state: string } {
  const held = {} as { ws: Workspace; state: string };
  before(() => {
    held.ws = Workspace.create();
    held.state = mkdtempSync(path.join(tmpdir(), "workshop-state-"));
  });
  after(() => {
    held.ws?.dispose();
    if (held.state) rmSync(held.state, { recursive: true, force: true });
  });
  return held;
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
