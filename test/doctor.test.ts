// npm run doctor, run as a learner runs it, in a copy of the workshop: on this machine every item
// passes; a busy lesson port, a missing browser, Redis or HAProxy each fail with the fix to run;
// Chinese under WORKSHOP_LANG=zh-CN; and whatever it started (browser, Redis) is gone when it ends.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { freePort } from "../verify/app/lesson-server.ts";
import { eventually, taggedProcesses } from "./helpers.ts";
import { Workspace, type CliRun } from "./workspace.ts";

let ws: Workspace;
before(() => {
  ws = Workspace.create();
});
after(() => ws.dispose());

/**
 * The lesson's ports are PORT and CLIENT_PORT, else 3000 and 8080: cli/lesson.ts honours both
 * variables, and so does the doctor. Free ports keep a learner's running `npm run lesson` (or any
 * other program on 3000 or 8080) from deciding these tests.
 */
const ports = async () => ({ PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) });

/** Runs the doctor; afterwards nothing it started may be left running, nor its probe folder. */
async function doctor(extra: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const tag = randomBytes(6).toString("hex");
  const run = await ws.cli("doctor", [], { ...(await ports()), WORKSHOP_TEST_TAG: tag, ...extra }, 60_000);
  const left = await eventually(() => (taggedProcesses(tag).length ? undefined : true), 5000);
  assert.ok(left, `the doctor left processes running: ${taggedProcesses(tag).join(", ")}\n${run.stdout}`);
  const probes = existsSync(path.join(ws.root, ".workshop")) ? readdirSync(path.join(ws.root, ".workshop")).filter((name) => name.startsWith("doctor-")) : [];
  assert.deepEqual(probes, [], "the file-watching probe folder is removed");
  return run;
}

const lines = (run: CliRun, mark: "✓" | "✗") => run.stdout.split("\n").filter((line) => line.startsWith(mark));

describe("npm run doctor", () => {
  test("on this machine: a ✓ line for each of the nine items, exit 0", async () => {
    const run = await doctor();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(lines(run, "✗"), [], run.stdout);
    const passed = lines(run, "✓");
    assert.equal(passed.length, 9, run.stdout);
    const expected = [
      /^✓ Node\.js \d+\.\d+\.\d+ \(the workshop needs \d+\.\d+\.\d+ or newer\)$/,
      /^✓ dependencies installed \(\d+, as package-lock\.json pins them\)$/,
      /^✓ browser launches: \/\S+ \(/,
      /^✓ Redis starts and answers PING: \S*redis-server\S* \(v[\d.]+\), tried on redis:\/\/127\.0\.0\.1:\d+$/,
      /^✓ HAProxy starts and takes connections on loopback: \S*haproxy \(HAProxy version [\d.]+/,
      /^✓ Vite's dev server starts and serves a page: vite \d+\.\d+\.\d+ \(lesson \d+ runs its page on it\)$/,
      /^✓ ports \d+ and \d+ are free on 127\.0\.0\.1/,
      /^✓ file watching works in this folder \(a save was seen after \d+ ms\)$/,
      /^✓ git [\d.]+.*; this folder is a git repository/,
    ];
    expected.forEach((pattern, i) => assert.match(passed[i]!, pattern, run.stdout));
    assert.match(run.stdout, /Everything the lessons need works/);
    assert.equal(run.stderr, "");
  });

  for (const [variable, what] of [
    ["PORT", "the lesson's API server"],
    ["CLIENT_PORT", "the lesson's client page"],
  ] as const) {
    test(`a busy ${variable} fails the ports line, naming the port, who holds it and the fix`, async () => {
      const blocker = net.createServer().listen(0, "127.0.0.1");
      await new Promise((resolve) => blocker.once("listening", resolve));
      const port = (blocker.address() as net.AddressInfo).port;
      try {
        const run = await doctor({ [variable]: String(port) });
        assert.equal(run.code, 1, run.stdout + run.stderr);
        const failed = lines(run, "✗");
        assert.equal(failed.length, 1, run.stdout);
        // This test's own process holds the port: the doctor names it, with its pid.
        assert.match(failed[0]!, new RegExp(`^✗ port ${port} \\(${what}\\) is already in use by .*\\(pid ${process.pid}\\)$`));
        const fix = run.stdout.split("\n")[run.stdout.split("\n").indexOf(failed[0]!) + 1]!;
        assert.match(fix, new RegExp(`^ {4}fix: kill ${process.pid} {3}\\(or use other ports: PORT=3100 CLIENT_PORT=8180 npm run lesson N\\)$`));
        assert.equal(lines(run, "✓").length, 8, run.stdout);
        assert.match(run.stdout, /1 problem: run the fix under each ✗, then npm run doctor again\./);
      } finally {
        blocker.close();
      }
    });
  }

  test("no browser found: the browser line fails with how to get one", async () => {
    const run = await doctor({ WORKSHOP_BROWSER: "/nonexistent/chrome" });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^✗ no browser: WORKSHOP_BROWSER is set to \/nonexistent\/chrome, but no file exists there\n {4}fix: WORKSHOP_BROWSER=\/path\/to\/chrome npm run doctor .*npx playwright install chromium/m);
    assert.equal(lines(run, "✓").length, 8, run.stdout);
  });

  test("no HAProxy: its line fails, naming the lesson that needs it, with how to get it", async () => {
    const run = await doctor({ WORKSHOP_HAPROXY: "/nonexistent/haproxy" });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.deepEqual(lines(run, "✗"), ["✗ WORKSHOP_HAPROXY=/nonexistent/haproxy does not exist (lesson 24 runs several instances behind HAProxy)"], run.stdout);
    assert.match(run.stdout, /^ {4}fix: npm run setup {3}\(installs haproxy when run as root; or: sudo apt-get install haproxy, brew install haproxy, WORKSHOP_HAPROXY=\/path\/to\/haproxy\)$/m);
  });

  test("an HAProxy that does not start: its line says so, with the fix", async () => {
    const run = await doctor({ WORKSHOP_HAPROXY: "/bin/false" });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(lines(run, "✗").join("\n"), /^✗ \/bin\/false did not start: /, run.stdout);
  });

  test("a browser that does not start: the browser line says so, with the fix", async () => {
    const run = await doctor({ WORKSHOP_BROWSER: "/bin/false" });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^✗ the browser at \/bin\/false did not start: .+\n {4}fix: .*npx playwright install chromium/m);
  });

  test("in Chinese under WORKSHOP_LANG=zh-CN, the fixes too", async () => {
    const good = await doctor({ WORKSHOP_LANG: "zh-CN" });
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /^正在检查课程需要的环境…$/m);
    const passed = lines(good, "✓");
    assert.equal(passed.length, 9, good.stdout);
    for (const [i, pattern] of [/Node\.js .*工作坊需要/, /依赖已安装/, /浏览器可以启动/, /Redis 可以启动并回应 PING/, /HAProxy 可以启动/, /Vite 开发服务器可以启动/, /端口 \d+ 和 \d+ 空闲/, /文件监视可以工作/, /git 仓库/].entries()) {
      assert.match(passed[i]!, pattern, good.stdout);
    }
    assert.match(good.stdout, /课程需要的一切都正常/);
    assert.doesNotMatch(good.stdout, /Checking|launches|are free|works in this folder/, "no English item lines");

    const bad = await doctor({ WORKSHOP_LANG: "zh-CN", WORKSHOP_REDIS: "/nonexistent/redis-server" });
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /^✗ WORKSHOP_REDIS=\/nonexistent\/redis-server 不存在（第 [\d, ]+ 课把会话保存在 Redis 中）\n {4}解决：npm run setup/m);
    assert.match(bad.stdout, /1 个问题：运行每个 ✗ 下面的解决命令/);
  });
});
