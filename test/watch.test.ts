// `npm run lesson` while the learner works: every way a lesson's files change on disk is seen (a
// save, a reset that replaces the folder, a save by renaming a new file over the old, a git
// checkout), in both watching modes, and a check that leaves the server dead starts it again.
// Driven through the real CLI, in a copy of the workshop, with a pipe for the terminal.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../verify/app/lesson-server.ts";
import { eventually, lessonByNumber, taggedProcesses } from "./helpers.ts";
import { Workspace } from "./workspace.ts";

let ws: Workspace;
let state: string;
before(() => {
  ws = Workspace.create();
  state = mkdtempSync(path.join(tmpdir(), "workshop-state-"));
});
after(() => {
  ws.dispose();
  rmSync(state, { recursive: true, force: true });
});

const ports = async () => ({ PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) });

for (const mode of ["the file watcher", "polling"] as const) {
  describe(`npm run lesson 3, watching with ${mode}`, () => {
    test("sees a save, a reset, a save by rename and a git checkout, each with a new verdict", async () => {
      const lesson = lessonByNumber(3);
      const client = path.join(ws.lessonDir(lesson), "client.ts");
      const fixed = readFileSync(path.join(ws.solutionDir(lesson), "client.ts"), "utf8");
      const args = mode === "polling" ? ["3", "--poll"] : ["3"];
      const run = ws.start("lesson", args, { WORKSHOP_STATE_DIR: state, ...(await ports()) });
      const verdicts = () => run.output().match(/(PASS|FAIL) {2}lesson 3/g) ?? [];
      const nextVerdict = async (count: number, what: string) => {
        const seen = await eventually(() => (verdicts().length >= count ? verdicts()[count - 1] : undefined), 30_000);
        assert.ok(seen, `no verdict after ${what}:\n${run.output()}`);
        return seen;
      };
      try {
        assert.ok(await eventually(() => (/Watching /.test(run.output()) || undefined), 30_000), run.output());
        assert.equal(await nextVerdict(1, "the start"), "FAIL  lesson 3");

        writeFileSync(client, readFileSync(client, "utf8") + "\n// trying something\n");
        assert.equal(await nextVerdict(2, "a save"), "FAIL  lesson 3");

        const reset = await ws.cli("reset", ["3"], { WORKSHOP_STATE_DIR: state });
        assert.equal(reset.code, 0, reset.stderr);
        assert.equal(await nextVerdict(3, "npm run reset, which replaces the folder"), "FAIL  lesson 3");

        // As vim, JetBrains' safe write and many others save: a new file renamed over the old one.
        writeFileSync(`${client}.tmp`, fixed);
        renameSync(`${client}.tmp`, client);
        assert.equal(await nextVerdict(4, "a save by rename after the reset"), "PASS  lesson 3");

        execFileSync("git", ["checkout", "-q", "--", `lessons/${lesson.slug}`], { cwd: ws.root });
        assert.equal(await nextVerdict(5, "a git checkout"), "FAIL  lesson 3");

        run.child.kill("SIGINT");
        assert.equal(await run.exited, 130, run.output());
      } finally {
        await run.stop();
        ws.restore();
      }
    });
  });
}

describe("npm run lesson 19, whose bug kills the server", () => {
  test("says the check left the server stopped, and starts it again so the page keeps working", async () => {
    const env = await ports();
    const run = ws.start("lesson", ["19"], { WORKSHOP_STATE_DIR: state, ...env });
    try {
      const restarted = await eventually(() => (/Starting it again/.test(run.output()) ? true : undefined), 60_000);
      assert.ok(restarted, run.output());
      assert.match(run.output(), /FAIL {2}lesson 19: REDIS_DROP_CRASHED_SERVER/);
      assert.match(run.output(), /The check left the lesson server stopped \(it exited with code 1\)/);
      // The page and the API answer again, as the README's experiment needs.
      let status: number | undefined;
      for (const deadline = Date.now() + 20_000; status === undefined && Date.now() < deadline; ) {
        status = await fetch(`http://127.0.0.1:${env.PORT}/me`, { signal: AbortSignal.timeout(1000) }).then(
          (res) => res.status,
          () => new Promise<undefined>((resolve) => setTimeout(resolve, 100)),
        );
      }
      assert.equal(status, 200, run.output());
      const page = await fetch(`http://127.0.0.1:${env.CLIENT_PORT}/`);
      assert.equal(page.status, 200);
    } finally {
      await run.stop();
    }
  });
});

describe("npm run lesson in a real terminal", { skip: process.platform !== "linux" && "util-linux's script gives the pseudo-terminal" }, () => {
  test("Enter checks again; Ctrl-C stops the lesson and everything it started", async () => {
    const tag = randomBytes(6).toString("hex");
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ws.root, "cli", "launch.mjs"))} lesson 3`;
    // script(1) runs the command on a pseudo-terminal and passes what we write on as typed keys.
    const term = spawn("script", ["-q", "-f", "-e", "-c", command, "/dev/null"], {
      cwd: ws.root,
      env: { ...process.env, WORKSHOP_STATE_DIR: state, WORKSHOP_LANG: "en", WORKSHOP_TEST_TAG: tag, ...(await ports()) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let screen = "";
    term.stdout!.on("data", (d) => (screen += String(d).replace(/\x1b\[[0-9;]*m/g, "")));
    const exited = new Promise<number | null>((resolve) => term.once("exit", (code) => resolve(code)));
    const verdicts = () => screen.match(/FAIL {2}lesson 3/g)?.length ?? 0;
    try {
      assert.ok(await eventually(() => (/Watching /.test(screen) && verdicts() === 1 ? true : undefined), 30_000), screen);
      term.stdin!.write("\r"); // Enter
      assert.ok(await eventually(() => (verdicts() === 2 ? true : undefined), 20_000), `Enter did not check again:\n${screen}`);
      assert.match(screen, /── .* checking again…/);
      term.stdin!.write("\x03"); // Ctrl-C: the terminal sends SIGINT to the lesson's process group
      assert.equal(await exited, 130, screen);
      const left = await eventually(() => (taggedProcesses(tag).length === 0 ? [] : undefined), 5_000);
      assert.deepEqual(left, [], `still running: ${taggedProcesses(tag).join(", ")}`);
    } finally {
      term.kill("SIGKILL");
    }
  });
});
