// npm test itself, run as a learner might run it: on a tree whose lessons are solved, and cut short
// with Ctrl-C. It must judge the lessons as shipped whatever state the learner's are in, change
// nothing in lessons/ or solutions/, and leave no process behind. Runs in a copy of the workshop.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { LESSONS } from "../verify/catalogue/lessons.ts";
import { listeningSockets } from "./listening.ts";
import { eventually, taggedProcesses } from "./helpers.ts";
import { Workspace } from "./workspace.ts";

/** Every file under the folders, path and content: what "unchanged" means here. */
function fingerprint(root: string, folders: string[]): string {
  const hash = createHash("sha1");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else hash.update(`${path.relative(root, file)}\0`).update(readFileSync(file)).update("\0");
    }
  };
  for (const folder of folders) walk(path.join(root, folder));
  return hash.digest("hex");
}

/** The environment of a terminal: not a test inside this one, not inside this run's copy. */
function withoutTestContext(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _, WORKSHOP_SELF_TEST_COPY: __, ...rest } = env;
  return rest;
}

/** A process's command line, or "" once it is gone. */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** `npm test -- FILE` in the workspace, in a process group of its own, as a terminal runs it. */
function selfTest(ws: Workspace, file: string, tag: string) {
  const child = spawn(process.execPath, [path.join(ws.root, "scripts", "self-test.mjs"), file], {
    cwd: ws.root,
    // node:test would skip the files of a run it finds itself inside.
    env: { ...withoutTestContext(process.env), NO_COLOR: "1", WORKSHOP_TEST_TAG: tag },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, exited, output: () => output };
}

describe("npm test on a learner's tree", { skip: process.platform !== "linux" && "reads /proc: Linux only" }, () => {
  let ws: Workspace;
  let before_: string;
  before(() => {
    ws = Workspace.create();
    // The learner has solved every lesson (and not committed): the shipped lessons are in git's HEAD.
    for (const lesson of LESSONS) {
      rmSync(ws.lessonDir(lesson), { recursive: true });
      cpSync(ws.solutionDir(lesson), ws.lessonDir(lesson), { recursive: true });
    }
    before_ = fingerprint(ws.root, ["lessons", "solutions"]);
  });
  after(() => ws.dispose());

  test("judges the lessons as shipped, passes, and changes nothing in lessons/ or solutions/", async () => {
    const run = selfTest(ws, "test/cli.test.ts", randomBytes(6).toString("hex"));
    const code = await run.exited;
    assert.equal(code, 0, run.output());
    assert.match(run.output(), /the lessons as committed/);
    assert.match(run.output(), /ℹ pass [1-9]\d*\nℹ fail 0\n/, `the tests ran and passed:\n${run.output()}`);
    assert.equal(fingerprint(ws.root, ["lessons", "solutions"]), before_, "lessons/ or solutions/ changed");
  });

  test("Ctrl-C midway leaves no process behind and nothing changed", async () => {
    const tag = randomBytes(6).toString("hex");
    const run = selfTest(ws, "test/cli.test.ts", tag);
    try {
      // Midway: the tests have a lesson server of their own up.
      const busy = await eventually(() => {
        const servers = taggedProcesses(tag).filter((pid) => /listen-reporter/.test(commandLine(pid)));
        return servers.some((pid) => (listeningSockets(pid) ?? []).length > 0) ? true : undefined;
      }, 60_000, 20);
      assert.ok(busy, `no lesson server came up; output:\n${run.output()}`);
      process.kill(-run.child.pid!, "SIGINT"); // a terminal's Ctrl-C reaches the whole process group
      await run.exited;
      const left = await eventually(() => (taggedProcesses(tag).length === 0 ? [] : undefined), 10_000);
      assert.deepEqual(left, [], `still running: ${taggedProcesses(tag).map(commandLine).join("\n")}`);
      assert.equal(fingerprint(ws.root, ["lessons", "solutions"]), before_, "lessons/ or solutions/ changed");
    } finally {
      try {
        process.kill(-run.child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });
});
