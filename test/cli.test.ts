// The learner CLI, driven as a learner drives it: real processes, real exit codes, real messages.
// Every run happens in a copy of the workshop (test/workspace.ts) with its own state folder and free
// ports, so a learner's lessons, progress and a running `npm run lesson` are never disturbed.
import { after, afterEach, before, describe, test } from "node:test";
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../verify/app/lesson-server.ts";
import { LESSONS } from "../verify/catalogue/lessons.ts";
import { eventually, lessonByNumber } from "./helpers.ts";
import { Workspace } from "./workspace.ts";

let state: string;
let ws: Workspace;
const env = (extra: NodeJS.ProcessEnv = {}) => ({ WORKSHOP_STATE_DIR: state, ...extra });
const cli = (verb: string, args: string[], extra: NodeJS.ProcessEnv = {}) => ws.cli(verb, args, extra);
const lessonDir = (lesson: Parameters<Workspace["lessonDir"]>[0]) => ws.lessonDir(lesson);
const solutionDir = (lesson: Parameters<Workspace["lessonDir"]>[0]) => ws.solutionDir(lesson);
/** The lesson as shipped: the workspace's git HEAD. */
const shipped = (lesson: Parameters<Workspace["lessonDir"]>[0], file: string) =>
  execFileSync("git", ["show", `HEAD:lessons/${lesson.slug}/${file}`], { cwd: ws.root, encoding: "utf8" });

before(() => {
  state = mkdtempSync(path.join(tmpdir(), "workshop-state-"));
  ws = Workspace.create();
});
after(() => {
  rmSync(state, { recursive: true, force: true });
  ws.dispose();
});

describe("bad input gets one clear message and exit code 2", () => {
  const cases: [string, string, string[], RegExp][] = [
    ["unknown lesson", "hint", ["99"], /There is no lesson 99\. Lessons are numbered 1 to \d+/],
    ["malformed lesson", "lesson", ["three"], /"three" is not a lesson number/],
    ["no lesson named", "reset", [], /Which lesson\?\nUsage: npm run reset N\nLessons:/],
    ["two lessons where one is expected", "solution", ["1", "2"], /Name exactly one lesson/],
    ["unknown option", "verify", ["--frobnicate"], /Unknown option '--frobnicate'[\s\S]*Usage: npm run verify/],
    ["unknown reporter", "verify", ["--reporter", "xml"], /Unknown reporter "xml": use human, json, junit, gradescope/],
  ];
  for (const [name, verb, args, message] of cases) {
    test(name, async () => {
      const run = await cli(verb, args, env());
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    });
  }

  test("a busy port names the port and how to free it", async () => {
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = await cli("lesson", ["3", "--once"], env({ PORT: String(port), CLIENT_PORT: String(await freePort()) }));
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`Port ${port} \\(the lesson's API server\\) is already in use`));
    } finally {
      blocker.close();
    }
  });

  test("a missing browser says how to get one", async () => {
    const run = await cli("verify", ["1"], env({ WORKSHOP_BROWSER: "/nonexistent/chrome" }));
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /WORKSHOP_BROWSER is set to \/nonexistent\/chrome, but no file exists there/);
    assert.match(run.stderr, /apt-get install chromium/);
  });

  test("a browser that fails to launch says so", async () => {
    const run = await cli("verify", ["1"], env({ WORKSHOP_BROWSER: "/bin/false" }));
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /The browser at \/bin\/false .* did not start/);
  });

  test("a lesson that needs Redis, without Redis, is skipped with how to get it; the others are still checked", async () => {
    const run = await cli("verify", ["13", "14"], env({ WORKSHOP_REDIS: "/nonexistent/redis-server" }));
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /✗ 13 regenerate-on-login\s+SESSION_FIXATION/);
    assert.match(run.stdout, /- skip 14 redis-store/);
    assert.match(run.stdout, /WORKSHOP_REDIS=\/nonexistent\/redis-server does not exist/);
    assert.match(run.stdout, /apt-get install redis-server/);
    assert.match(run.stdout, /0 passed, 1 failed, 1 skipped/);
  });

  test("the lesson behind a load balancer, without HAProxy, is skipped with how to get it", async () => {
    const run = await cli("verify", ["24"], env({ WORKSHOP_HAPROXY: "/nonexistent/haproxy" }));
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /- skip 24 several-nodes/);
    assert.match(run.stdout, /WORKSHOP_HAPROXY=\/nonexistent\/haproxy does not exist/);
    assert.match(run.stdout, /apt-get install haproxy/);
    assert.match(run.stdout, /0 passed, 0 failed, 1 skipped/);
  });

  test("a haproxy.cfg that HAProxy refuses fails the lesson, naming the file's line and HAProxy's words", async () => {
    const lesson = lessonByNumber(24);
    const config = path.join(lessonDir(lesson), "haproxy.cfg");
    const original = readFileSync(config, "utf8");
    writeFileSync(config, original.replace("  balance roundrobin\n", "  balance roundrobin\n  cookie-typo SERVERID insert\n"));
    try {
      const run = await cli("verify", ["24"], env());
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /✗ 24 several-nodes\s+BALANCER_CONFIG_ERROR/);
      assert.match(run.stdout, /lessons\/24-several-nodes\/haproxy\.cfg:\d+/);
      assert.match(run.stdout, /unknown keyword 'cookie-typo'/);
    } finally {
      writeFileSync(config, original);
    }
  });

  test("a Redis server that fails to start says so", async () => {
    const run = await cli("lesson", ["14", "--once"], env({ WORKSHOP_REDIS: "/bin/false" }));
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /\/bin\/false did not start on 127\.0\.0\.1:\d+/);
  });
});

describe("verify", () => {
  test("--reporter json prints exactly one JSON document with the documented shape", async () => {
    const run = await cli("verify", ["3", "--reporter", "json"], env({ WORKSHOP_LEARNER: "Ada Lovelace <ada@example.edu>" }));
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout); // throws if anything else is on stdout
    assert.equal(report.format, "socket-session-workshop/results@1");
    assert.equal(report.command, "verify");
    assert.equal(report.ok, false);
    assert.equal(report.error, null);
    assert.deepEqual(report.learner, { name: "Ada Lovelace", email: "ada@example.edu" });
    assert.equal(report.commit, execFileSync("git", ["rev-parse", "HEAD"], { cwd: ws.root, encoding: "utf8" }).trim());
    assert.ok(!Number.isNaN(Date.parse(report.startedAt)));
    assert.equal(typeof report.durationMs, "number");
    assert.equal(report.lessons.length, 1);
    const [lesson] = report.lessons;
    assert.deepEqual(Object.keys(lesson).sort(), ["durationMs", "fault", "hintsShown", "message", "number", "slug", "solutionViewed", "status", "title"]);
    assert.equal(lesson.status, "fail");
    assert.equal(lesson.fault, "SOCKET_PATH_MISMATCH");
    assert.match(lesson.message, /What the verifier saw/);
  });

  test("--solution passes and prints the closing count", async () => {
    const run = await cli("verify", ["2", "4", "--solution"], env());
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^2 passed, 0 failed/m);
  });
});

describe("lesson, watching", () => {
  test("Enter checks again from scratch, and --poll sees a saved file without the file watcher", async () => {
    const lesson = lessonByNumber(3);
    const run = ws.start("lesson", ["3", "--poll"], env({ PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) }), "pipe");
    const verdicts = () => run.output().match(/FAIL {2}lesson 3: SOCKET_PATH_MISMATCH/g)?.length ?? 0;
    try {
      assert.ok(await eventually(() => (/Watching .*\(polling every 0\.3 s\).*press Enter/.test(run.output()) || undefined), 30_000), run.output());
      assert.equal(verdicts(), 1, run.output());

      run.child.stdin!.write("\n");
      assert.ok(await eventually(() => (verdicts() === 2 || undefined), 20_000), `Enter did not check again:\n${run.output()}`);
      assert.match(run.output(), /── .* checking again…/);
      assert.match(run.output().split("checking again…")[1]!, /API listening/, "Enter restarts the server");

      // A save that changes nothing but the file's time, as an editor's save of an unchanged file.
      const now = new Date();
      utimesSync(path.join(lessonDir(lesson), "client.ts"), now, now);
      assert.ok(await eventually(() => (verdicts() === 3 || undefined), 20_000), `the poll did not see the save:\n${run.output()}`);
      assert.match(run.output(), /── .* client\.ts saved: checking again…/);

      run.child.kill("SIGINT");
      assert.equal(await run.exited, 130, run.output());
    } finally {
      await run.stop();
    }
  });
});

describe("lesson --once", () => {
  const lesson = lessonByNumber(3);

  afterEach(() => ws.restore());

  test("fails with the path diagnosis, then passes with the solution's fix", async () => {
    const client = path.join(lessonDir(lesson), "client.ts");
    const ports = async () => ({ PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) });
    {
      const failing = await cli("lesson", ["3", "--once"], env(await ports()));
      assert.equal(failing.code, 1, failing.stdout + failing.stderr);
      assert.match(failing.stdout, /FAIL {2}lesson 3: SOCKET_PATH_MISMATCH/);
      assert.match(failing.stdout, /the server does answer Socket.IO handshakes at \/api\/socket.io\//);

      writeFileSync(client, readFileSync(path.join(solutionDir(lesson), "client.ts")));
      const passing = await cli("lesson", ["3", "--once"], env(await ports()));
      assert.equal(passing.code, 0, passing.stdout + passing.stderr);
      assert.match(passing.stdout, /PASS {2}lesson 3/);
      assert.ok(passing.stdout.includes(lesson.passed.en), "the pass says what it proved");
      const progress = JSON.parse(readFileSync(path.join(state, "progress.json"), "utf8"));
      assert.equal(progress.lessons[lesson.slug].status, "pass");
    }
  });

  test("a syntax error is shown with its file, line and source", async () => {
    const server = path.join(lessonDir(lesson), "server.ts");
    writeFileSync(server, readFileSync(server, "utf8").replace("const app = express();", "const app = express(;"));
    const run = await cli("lesson", ["3", "--once"], env({ PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) }));
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /SYNTAX_ERROR/);
    assert.match(run.stdout, /lessons\/03-wrong-path\/server\.ts:\d+:\d+: Unexpected ";"/);
    assert.match(run.stdout, /const app = express\(;\n\s+\^/);
  });
});

describe("a broken lesson app gets a precise verdict, never a hang", () => {
  const lesson = lessonByNumber(2);
  const cases: { name: string; file: string; from: string; to: string; fault: string; message: RegExp }[] = [
    {
      name: "a type error, with file and line",
      file: "server.ts",
      from: "req.session.user = username;",
      to: "req.session.user = username.length;",
      fault: "TYPE_ERROR",
      message: /lessons\/02-share-with-socket\/server\.ts\(\d+,\d+\): error TS2322[\s\S]*TS2322: A value of one type is stored where another type is declared[\s\S]*the browser check also failed: HTTP_SESSION_MISMATCH/,
    },
    {
      name: "a type error in an app that otherwise works, explained by its code",
      file: "server.ts",
      from: 'io.on("connection", (socket) => {',
      to: 'io.engine.use(sessionMiddleware);\nio.on("connection", (socket) => {\n  console.log(socket.request.session?.id);',
      fault: "TYPE_ERROR",
      message: /error TS2339[\s\S]*TS2339: A property that the value's type does not have\. `socket\.request` is typed as a plain `IncomingMessage`[\s\S]*the browser check passed: only these type errors are left to fix/,
    },
    {
      name: "a server that exits at start",
      file: "server.ts",
      from: "const app = express();",
      to: 'const app = express();\nif (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set");',
      fault: "SERVER_CRASHED",
      message: /lessons\/02-share-with-socket\/server\.ts:\d+:\d+: Error: DATABASE_URL is not set/,
    },
    {
      name: "a server that never listens on its PORT",
      file: "server.ts",
      from: "const PORT = Number(process.env.PORT ?? 3000);",
      to: "const PORT = 3999;",
      fault: "SERVER_WRONG_PORT",
      message: /server\.ts listens on port 3999, but the workshop started it with PORT=\d+/,
    },
    {
      name: "a server that listens on every network interface",
      file: "server.ts",
      from: 'httpServer.listen(PORT, "127.0.0.1", () => {',
      to: "httpServer.listen(PORT, () => {",
      fault: "SERVER_NOT_ON_LOOPBACK",
      message: /server\.ts listens on every network interface \((::|0\.0\.0\.0)\), so anyone on your network can reach your app[\s\S]*httpServer\.listen\(Number\(process\.env\.PORT \?\? 3000\), "127\.0\.0\.1"\)/,
    },
    {
      name: "a server that never listens at all",
      file: "server.ts",
      from: 'httpServer.listen(PORT, "127.0.0.1", () => {\n  console.log(`API listening on http://localhost:${PORT}`);\n});',
      to: "export { httpServer, PORT }; // started elsewhere… or not",
      fault: "SERVER_NEVER_LISTENED",
      message: /server\.ts ran to its end \(exit code 0\) without listening on port \d+\. Is the httpServer\.listen/,
    },
    {
      name: "a client that does not bundle",
      file: "client.ts",
      from: 'import { io } from "socket.io-client";',
      to: 'import { io } from "socket.io-clinet";',
      fault: "CLIENT_BUNDLE_ERROR",
      message: /lessons\/02-share-with-socket\/client\.ts:1:\d+: Could not resolve "socket\.io-clinet"/,
    },
  ];
  afterEach(() => ws.restore());
  for (const c of cases) {
    test(c.name, async () => {
      const file = path.join(lessonDir(lesson), c.file);
      const original = readFileSync(file, "utf8");
      assert.ok(original.includes(c.from), `${c.file} no longer contains ${c.from}`);
      writeFileSync(file, original.replace(c.from, c.to));
      const run = await cli("verify", ["2"], env());
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, new RegExp(`✗ 02 share-with-socket {2}${c.fault}`));
      assert.match(run.stdout, c.message);
    });
  }
});

describe("reset", () => {
  const lesson = lessonByNumber(3);
  afterEach(() => ws.restore());

  test("restores the lesson and keeps the learner's files in a backup", async () => {
    const client = path.join(lessonDir(lesson), "client.ts");
    writeFileSync(client, readFileSync(client, "utf8") + "\n// my experiment\n");
    const run = await cli("reset", ["3"], env());
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(client, "utf8"), shipped(lesson, "client.ts"));
    const backups = path.join(state, "backups");
    const [backup] = readdirSync(backups);
    assert.match(run.stdout, new RegExp(backup!));
    assert.match(readFileSync(path.join(backups, backup!, "client.ts"), "utf8"), /my experiment/);
  });

  test("without git, uses the setup snapshot; with neither, changes nothing and says why", async () => {
    const client = path.join(lessonDir(lesson), "client.ts");
    const noGit = mkdtempSync(path.join(tmpdir(), "nogit-"));
    symlinkSync(process.execPath, path.join(noGit, "node"));
    const emptyState = mkdtempSync(path.join(tmpdir(), "workshop-state-"));
    try {
      writeFileSync(client, readFileSync(client, "utf8") + "\n// my experiment\n");
      const refused = await cli("reset", ["3"], { WORKSHOP_STATE_DIR: emptyState, PATH: noGit });
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /git is not available here, and `npm run setup` has not saved a snapshot\. Nothing was changed/);
      assert.match(readFileSync(client, "utf8"), /my experiment/, "the learner's file is untouched");

      mkdirSync(path.join(emptyState, "pristine", lesson.slug), { recursive: true });
      for (const file of ["server.ts", "client.ts", "verify.ts", "README.md", "README.zh-CN.md"]) {
        writeFileSync(path.join(emptyState, "pristine", lesson.slug, file), shipped(lesson, file));
      }
      const restored = await cli("reset", ["3"], { WORKSHOP_STATE_DIR: emptyState, PATH: noGit });
      assert.equal(restored.code, 0, restored.stderr);
      assert.doesNotMatch(readFileSync(client, "utf8"), /my experiment/);
      assert.ok(existsSync(path.join(emptyState, "backups")));
    } finally {
      rmSync(noGit, { recursive: true, force: true });
      rmSync(emptyState, { recursive: true, force: true });
    }
  });
});

describe("a lesson is its folder", () => {
  afterEach(() => {
    ws.restore();
    execFileSync("git", ["clean", "-fdq", "--", "lessons", "solutions"], { cwd: ws.root });
  });

  test("a copied lesson folder and its solution, under a new number, make a working lesson; nothing else is edited", async () => {
    const next = LESSONS.length + 1;
    // The latest lessons: a lesson numbered after them must be right by everything taught before it.
    const copies = [lessonByNumber(LESSONS.length - 1), lessonByNumber(LESSONS.length)].map((lesson, i) => {
      const slug = `${String(next + i).padStart(2, "0")}-copy-of-${lesson.slug.slice(3)}`;
      execFileSync("cp", ["-r", lessonDir(lesson), path.join(ws.root, "lessons", slug)]);
      execFileSync("cp", ["-r", solutionDir(lesson), path.join(ws.root, "solutions", slug)]);
      return { lesson, number: next + i, slug };
    });
    const numbers = copies.map((c) => String(c.number));
    const untouched = await cli("verify", numbers, env());
    assert.equal(untouched.code, 1, untouched.stdout + untouched.stderr);
    for (const copy of copies) assert.match(untouched.stdout, new RegExp(`✗ ${copy.number} copy-of-${copy.lesson.slug.slice(3)} {2}${copy.lesson.fault}`));
    const solved = await cli("verify", [...numbers, "--solution"], env());
    assert.equal(solved.code, 0, solved.stdout + solved.stderr);
    assert.match(solved.stdout, /^2 passed, 0 failed/m);
    const listed = await cli("progress", [], env());
    assert.match(listed.stdout, new RegExp(`${next}  ${lessonByNumber(LESSONS.length - 1).title.en}`));
  });

  test("a lesson folder without its lesson.ts is named in every command, and reset restores it", async () => {
    const lesson = lessonByNumber(6);
    rmSync(path.join(lessonDir(lesson), "lesson.ts"));
    const listed = await cli("progress", [], env());
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stderr, new RegExp(`warning: lesson 6 is left out: lessons/${lesson.slug}/ has no lesson\\.ts[^\\n]*npm run reset 6`));
    const named = await cli("verify", ["6"], env());
    assert.equal(named.code, 2, named.stdout + named.stderr);
    assert.match(named.stderr, /error: lessons\/06-[a-z-]+\/ has no lesson\.ts/);
    const reset = await cli("reset", ["6"], env());
    assert.equal(reset.code, 0, reset.stderr);
    assert.ok(existsSync(path.join(lessonDir(lesson), "lesson.ts")));
    const again = await cli("progress", [], env());
    assert.doesNotMatch(again.stderr, /left out/);
  });

  test("lessons run without the prebuilt libraries, only slower", async () => {
    const run = await cli("verify", ["2", "14", "--solution"], env({ WORKSHOP_NO_PREBUILD: "1" }));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^2 passed, 0 failed/m);
  });
});

describe("progress records what the learner has begun", () => {
  afterEach(() => ws.restore());

  test("npm run verify leaves lessons never begun as not started", async () => {
    const own = mkdtempSync(path.join(tmpdir(), "workshop-state-"));
    try {
      const hinted = lessonByNumber(7).slug;
      writeFileSync(path.join(own, "progress.json"), JSON.stringify({ version: 1, lessons: { [hinted]: { hintsShown: 1 } } }));
      const edited = path.join(lessonDir(lessonByNumber(5)), "client.ts");
      writeFileSync(edited, readFileSync(edited, "utf8") + "\n// my first try\n");
      const run = await cli("verify", [], { WORKSHOP_STATE_DIR: own });
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const progress = JSON.parse(readFileSync(path.join(own, "progress.json"), "utf8")).lessons;
      assert.deepEqual(
        Object.keys(progress).filter((slug) => progress[slug].status).sort(),
        [lessonByNumber(5).slug, hinted],
        "only the edited lesson and the one with a hint shown have a verdict",
      );
      const listed = await cli("progress", [], { WORKSHOP_STATE_DIR: own });
      assert.match(listed.stdout, /· +3  .*not started/);

      const named = await cli("verify", ["2"], { WORKSHOP_STATE_DIR: own });
      assert.equal(named.code, 1, named.stdout);
      assert.equal(JSON.parse(readFileSync(path.join(own, "progress.json"), "utf8")).lessons[lessonByNumber(2).slug].status, "fail", "a lesson named is begun");
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  test("passing the last lesson names the next one not passed, not the end", async () => {
    const own = mkdtempSync(path.join(tmpdir(), "workshop-state-"));
    try {
      const last = LESSONS.at(-1)!;
      const passed = Object.fromEntries(LESSONS.filter((l) => l.number !== 2 && l !== last).map((l) => [l.slug, { status: "pass" }]));
      writeFileSync(path.join(own, "progress.json"), JSON.stringify({ version: 1, lessons: passed }));
      rmSync(lessonDir(last), { recursive: true });
      execFileSync("cp", ["-r", solutionDir(last), lessonDir(last)]);
      execFileSync("git", ["checkout", "-q", "HEAD", "--", `lessons/${last.slug}/README.md`, `lessons/${last.slug}/README.zh-CN.md`, `lessons/${last.slug}/verify.ts`, `lessons/${last.slug}/lesson.ts`], { cwd: ws.root });
      const run = await cli("lesson", [String(last.number), "--once"], { WORKSHOP_STATE_DIR: own, PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /Next: npm run lesson 2$/m);
      assert.doesNotMatch(run.stdout, /last lesson|passed all/);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

describe("hint and progress", () => {
  test("each hint call reveals the next layer, then says the last was reached", async () => {
    const hints = lessonByNumber(1).hints;
    for (let i = 1; i <= hints.length + 1; i++) {
      const run = await cli("hint", ["1"], env());
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`Hint ${Math.min(i, hints.length)}/${hints.length}`));
    }
    const last = await cli("hint", ["1"], env());
    assert.match(last.stdout, /That was the last hint/);
  });

  test("with no lesson named, hint and lesson go on where the learner left off", async () => {
    const own = mkdtempSync(path.join(tmpdir(), "workshop-state-"));
    try {
      const passed = (...numbers: number[]) => Object.fromEntries(numbers.map((n) => [lessonByNumber(n).slug, { status: "pass" }]));
      const seed = (data: object) => writeFileSync(path.join(own, "progress.json"), JSON.stringify({ version: 1, ...data }));

      seed({ lessons: passed(1, 2) });
      let run = await cli("hint", [], { WORKSHOP_STATE_DIR: own });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Going on with lesson 3, the first one you have not passed\./);
      assert.match(run.stdout, /Lesson 3: .*\nHint 1\//);

      // The lesson last run is the one to go on with until it passes, then the next one not passed.
      seed({ lessons: passed(1, 2), current: lessonByNumber(9).slug });
      run = await cli("hint", [], { WORKSHOP_STATE_DIR: own });
      assert.match(run.stdout, /Going on with lesson 9, the lesson you are on\./);
      run = await cli("progress", [], { WORKSHOP_STATE_DIR: own });
      assert.match(run.stdout, /▸ 9 /, "progress marks the same lesson");
      assert.match(run.stdout, /Next: npm run lesson 9$/m, "progress names the same lesson");
      seed({ lessons: passed(1, 2, 9, 10), current: lessonByNumber(9).slug });
      run = await cli("hint", [], { WORKSHOP_STATE_DIR: own });
      assert.match(run.stdout, /Going on with lesson 11, the next one you have not passed\./);

      const all = Array.from({ length: LESSONS.length }, (_, i) => i + 1);
      seed({ lessons: passed(...all) });
      run = await cli("lesson", [], { WORKSHOP_STATE_DIR: own });
      assert.equal(run.code, 2);
      assert.match(run.stderr, new RegExp(`You have passed all ${LESSONS.length} lessons\\. Name one to run it again\\.\\nUsage: npm run lesson \\[N\\]`));
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  test("npm run lesson remembers the lesson it ran", async () => {
    const own = mkdtempSync(path.join(tmpdir(), "workshop-state-"));
    try {
      const run = await cli("lesson", ["4", "--once"], { WORKSHOP_STATE_DIR: own, PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) });
      assert.equal(run.code, 1, run.stderr); // the untouched lesson fails
      assert.equal(JSON.parse(readFileSync(path.join(own, "progress.json"), "utf8")).current, lessonByNumber(4).slug);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  test("a damaged progress file is recovered from, not crashed on", async () => {
    writeFileSync(path.join(state, "progress.json"), "{{{");
    const run = await cli("progress", [], env());
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /progress file was damaged/);
    assert.match(run.stdout, /lessons passed/);
  });
});
