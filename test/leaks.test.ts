// Nothing outlives the workshop, and nothing it starts listens beyond loopback.
// Each run is tagged through an environment variable that every child inherits (servers,
// Chromium and its helpers), so even processes orphaned by a killed parent are found.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../verify/app/lesson-server.ts";
import { isLoopback, listeningSockets, type ListeningSocket } from "./listening.ts";
import { eventually, taggedProcesses } from "./helpers.ts";
import { Workspace } from "./workspace.ts";

let ws: Workspace;
before(() => (ws = Workspace.create()));
after(() => ws.dispose());
const startCli = (verb: string, args: string[], env: NodeJS.ProcessEnv) => ws.start(verb, args, env);

const linux = process.platform === "linux";

function listeningOf(pids: number[]): ListeningSocket[] {
  return pids.flatMap((pid) => listeningSockets(pid) ?? []);
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("no leaks, loopback only", { skip: !linux && "reads /proc: Linux only" }, () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    test(`npm run verify interrupted by ${signal} midway leaves no process; its servers listened on loopback only`, async () => {
      const tag = randomBytes(6).toString("hex");
      const state = mkdtempSync(path.join(tmpdir(), "leak-"));
      const run = startCli("verify", [], { WORKSHOP_TEST_TAG: tag, WORKSHOP_STATE_DIR: state });
      try {
        // Midway: at least one lesson server and the browser are up.
        const seen = await eventually(() => {
          const sockets = listeningOf(taggedProcesses(tag).filter((pid) => pid !== run.child.pid));
          return sockets.length > 0 ? sockets : undefined;
        }, 20_000, 20);
        assert.ok(seen, `no lesson server came up; output:\n${run.output()}`);
        for (const socket of listeningOf(taggedProcesses(tag))) {
          assert.ok(isLoopback(socket.address), `something listens on ${socket.address}:${socket.port}`);
        }
        run.child.kill(signal);
        const code = await run.exited;
        assert.equal(code, signal === "SIGINT" ? 130 : 143, run.output());
        const left = await eventually(() => (taggedProcesses(tag).length === 0 ? [] : undefined), 5_000);
        assert.deepEqual(left, [], `still running: ${taggedProcesses(tag).join(", ")}`);
      } finally {
        await run.stop();
        rmSync(state, { recursive: true, force: true });
      }
    });
  }

  test("npm run lesson interrupted during its first check, and again while watching, frees everything", async () => {
    for (const moment of ["during the first check", "while watching"]) {
      const tag = randomBytes(6).toString("hex");
      const state = mkdtempSync(path.join(tmpdir(), "leak-"));
      const ports = { PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) };
      const run = startCli("lesson", ["1"], { WORKSHOP_TEST_TAG: tag, WORKSHOP_STATE_DIR: state, ...ports });
      try {
        if (moment === "while watching") {
          const watching = await eventually(() => (/Watching /.test(run.output()) ? true : undefined), 30_000);
          assert.ok(watching, `lesson never got to watching; output:\n${run.output()}`);
        }
        // Both up (during the first check: the check is not decided yet). Polled: a read of the
        // kernel's socket tables while sockets come and go can miss a listener for a moment.
        const sockets = await eventually(() => {
          const listening = listeningOf(taggedProcesses(tag));
          const seen = listening.map((s) => s.port);
          return seen.includes(Number(ports.PORT)) && seen.includes(Number(ports.CLIENT_PORT)) ? listening : undefined;
        }, 20_000, 10);
        assert.ok(sockets, `the API server and the client page never both listened ${moment}; output:\n${run.output()}`);
        for (const socket of sockets) assert.ok(isLoopback(socket.address), `something listens on ${socket.address}:${socket.port}`);
        run.child.kill("SIGINT");
        assert.equal(await run.exited, 130, run.output());
        const left = await eventually(() => (taggedProcesses(tag).length === 0 ? [] : undefined), 5_000);
        assert.deepEqual(left, [], `still running ${moment}: ${taggedProcesses(tag).join(", ")}`);
        assert.ok(await portIsFree(Number(ports.PORT)), "the API port is free again");
        assert.ok(await portIsFree(Number(ports.CLIENT_PORT)), "the page port is free again");
      } finally {
        await run.stop();
        rmSync(state, { recursive: true, force: true });
      }
    }
  });

  test("the Redis server a lesson needs listens on loopback only and ends with the workshop", async () => {
    const tag = randomBytes(6).toString("hex");
    const state = mkdtempSync(path.join(tmpdir(), "leak-"));
    const ports = { PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) };
    const run = startCli("lesson", ["14"], { WORKSHOP_TEST_TAG: tag, WORKSHOP_STATE_DIR: state, ...ports });
    try {
      const ready = await eventually(() => (/Watching /.test(run.output()) ? true : undefined), 30_000);
      assert.ok(ready, `lesson 14 never got to watching; output:\n${run.output()}`);
      const redis = taggedProcesses(tag).filter((pid) => /redis-server/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8")));
      assert.equal(redis.length, 1, `one Redis server runs; output:\n${run.output()}`);
      const sockets = listeningOf(redis);
      assert.ok(sockets.length > 0, "Redis listens");
      for (const socket of sockets) assert.ok(isLoopback(socket.address), `Redis listens on ${socket.address}:${socket.port}`);
      run.child.kill("SIGTERM");
      assert.equal(await run.exited, 143, run.output());
      const left = await eventually(() => (taggedProcesses(tag).length === 0 ? [] : undefined), 5_000);
      assert.deepEqual(left, [], `still running: ${taggedProcesses(tag).join(", ")}`);
    } finally {
      await run.stop();
      rmSync(state, { recursive: true, force: true });
    }
  });

  test("a finished verify leaves nothing behind either", async () => {
    const tag = randomBytes(6).toString("hex");
    const state = mkdtempSync(path.join(tmpdir(), "leak-"));
    try {
      const run = startCli("verify", ["2"], { WORKSHOP_TEST_TAG: tag, WORKSHOP_STATE_DIR: state });
      assert.equal(await run.exited, 1, run.output());
      const left = await eventually(() => (taggedProcesses(tag).length === 0 ? [] : undefined), 5_000);
      assert.deepEqual(left, []);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
