// Grading and the reporters, driven through the real CLI in a copy of the workshop: a grade comes
// from the checks as shipped whatever the learner's lesson folder holds; every reporter prints one
// document, also for bad input; JUnit parses in the real browser; --trace keeps files and changes
// no verdict; --help answers for every command in both languages.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright";
import { launchBrowser } from "../verify/app/browser.ts";
import { ROOT } from "../verify/paths.ts";
import { HELP_VERBS } from "../cli/help.ts";
import { SHIPPED_FILE, blobHash, listShipped } from "../cli/grade/shipped.ts";
import { lessonByNumber } from "./helpers.ts";
import { useWorkspace } from "./workspace.ts";

const held = useWorkspace();
let browser: Browser;
const env = (extra: NodeJS.ProcessEnv = {}) => ({ WORKSHOP_STATE_DIR: held.state, ...extra });
const lesson3 = () => held.ws.lessonDir(lessonByNumber(3));

before(async () => (browser = await launchBrowser()));
after(async () => await browser?.close());

/** Puts lesson 3 back as shipped (the workspace's HEAD). */
function restore3(): void {
  execFileSync("git", ["checkout", "HEAD", "--", "lessons/03-wrong-path"], { cwd: held.ws.root });
  execFileSync("git", ["clean", "-fdq", "--", "lessons/03-wrong-path"], { cwd: held.ws.root });
}

test("shipped.json lists the workshop's files as they are (run `npm run shipped` after changing one)", () => {
  const listed = JSON.parse(readFileSync(path.join(ROOT, SHIPPED_FILE), "utf8"));
  const now = listShipped(ROOT);
  const differ = [...new Set([...Object.keys(listed.files), ...Object.keys(now.files)])].filter((f) => listed.files[f] !== now.files[f]);
  assert.deepEqual(differ, [], "shipped.json is out of date: run `npm run shipped`");
  assert.ok(!Object.keys(now.files).some((f) => /^lessons\/03-wrong-path\/(server|client)\.ts$/.test(f)), "the learner's app files are not in the list");
  assert.ok(listed.files["lessons/03-wrong-path/verify.ts"] && listed.files["cli/grade.ts"]);
});

describe("grade judges with the checks as shipped", () => {
  test("a verify.ts that exits at import passes verify, and grade still fails the lesson and names the changed file", async () => {
    writeFileSync(path.join(lesson3(), "verify.ts"), "process.exit(0);\n");
    try {
      const cheat = await held.ws.cli("verify", ["3"], env());
      assert.equal(cheat.code, 0, "the cheat this guards against works on verify");
      const run = await held.ws.cli("grade", ["3"], env());
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /✗ 03 wrong-path\s+SOCKET_PATH_MISMATCH/);
      assert.match(run.stdout, /lesson 3's verify\.ts differs from the shipped one; graded with the shipped ones/);
    } finally {
      restore3();
    }
  });

  test("a check whose refine passes everything, a lesson.ts, a README and a package.json of the learner's change nothing", async () => {
    writeFileSync(path.join(lesson3(), "verify.ts"), `import { defineCheck } from "#verify";\nimport lesson from "./lesson.ts";\nexport default defineCheck(lesson, { refine: () => undefined, extra: async () => undefined });\n`);
    writeFileSync(path.join(lesson3(), "lesson.ts"), readFileSync(path.join(lesson3(), "lesson.ts"), "utf8").replace(/fault: "SOCKET_PATH_MISMATCH"/, 'fault: "NO_DECISION"'));
    writeFileSync(path.join(lesson3(), "README.md"), "# nothing to see\n");
    // A package.json of its own would map the checks' #verify import to a kit of the learner's.
    writeFileSync(path.join(lesson3(), "package.json"), JSON.stringify({ imports: { "#verify": "./fake-kit.ts" } }));
    writeFileSync(path.join(lesson3(), "fake-kit.ts"), "export const defineCheck = () => ({});\n");
    try {
      const run = await held.ws.cli("grade", ["3", "--reporter", "json"], env());
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const doc = JSON.parse(run.stdout);
      assert.equal(doc.command, "grade");
      assert.equal(doc.lessons[0].status, "fail");
      assert.equal(doc.lessons[0].fault, "SOCKET_PATH_MISMATCH");
      assert.deepEqual(doc.lessons[0].checkFilesChanged.sort(), ["README.md", "lesson.ts", "verify.ts"]);
      assert.equal(doc.shippedList, blobHash(readFileSync(path.join(held.ws.root, SHIPPED_FILE))));
    } finally {
      restore3();
    }
  });

  test("a solved lesson passes, with a module of the learner's own beside server.ts", async () => {
    cpSync(held.ws.solutionDir(lessonByNumber(3)), lesson3(), { recursive: true });
    const server = readFileSync(path.join(lesson3(), "server.ts"), "utf8");
    assert.match(server, /path: "\/api\/socket\.io"/);
    writeFileSync(path.join(lesson3(), "paths.ts"), `export const SOCKET_PATH = "/api/socket.io";\n`);
    writeFileSync(path.join(lesson3(), "server.ts"), `import { SOCKET_PATH } from "./paths.ts";\n${server.replace(/path: "\/api\/socket\.io"/, "path: SOCKET_PATH")}`);
    try {
      const run = await held.ws.cli("grade", ["3"], env());
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /✓ 03 wrong-path/);
    } finally {
      restore3();
    }
  });

  test("grade reads hints and the solution diff from the learner's progress and never writes it", async () => {
    assert.equal((await held.ws.cli("hint", ["3"], env())).code, 0);
    assert.equal((await held.ws.cli("solution", ["3"], env())).code, 0);
    const progress = path.join(held.state, "progress.json");
    const before = readFileSync(progress, "utf8");
    const run = await held.ws.cli("grade", ["3", "--reporter", "json"], env());
    const [entry] = JSON.parse(run.stdout).lessons;
    assert.equal(entry.hintsShown, 1);
    assert.equal(entry.solutionViewed, true);
    assert.equal(readFileSync(progress, "utf8"), before, "grade wrote the learner's progress");
  });

  test("a shipped.json changed to trust the learner's check shows another list; --shipped with the template's commit grades as shipped", async () => {
    const root = held.ws.root;
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=l", "-c", "user.email=l@x", ...args], { cwd: root, encoding: "utf8" }).trim();
    const template = git("rev-parse", "HEAD");
    const list = JSON.parse(readFileSync(path.join(root, SHIPPED_FILE), "utf8"));
    writeFileSync(path.join(lesson3(), "verify.ts"), "process.exit(0);\n");
    list.files["lessons/03-wrong-path/verify.ts"] = git("hash-object", "-w", "lessons/03-wrong-path/verify.ts");
    writeFileSync(path.join(root, SHIPPED_FILE), JSON.stringify(list, null, 2) + "\n");
    git("commit", "-qam", "a learner's own list");
    try {
      const faked = JSON.parse((await held.ws.cli("grade", ["3", "--reporter", "json"], env())).stdout);
      assert.notEqual(faked.shippedList, blobHash(execFileSync("git", ["show", `${template}:${SHIPPED_FILE}`], { cwd: root })), "the changed list shows in the results");
      const pinned = await held.ws.cli("grade", ["3", "--shipped", template, "--reporter", "json"], env());
      assert.equal(pinned.code, 1, pinned.stderr);
      assert.equal(JSON.parse(pinned.stdout).lessons[0].fault, "SOCKET_PATH_MISMATCH");
    } finally {
      git("reset", "-q", "--hard", template);
    }
  });

  test("a list of shipped files from a commit git does not have is refused, in the reporter's document", async () => {
    const run = await held.ws.cli("grade", ["3", "--shipped", "no-such-ref", "--reporter", "json"], env());
    assert.equal(run.code, 2);
    const doc = JSON.parse(run.stdout);
    assert.equal(doc.ok, false);
    assert.equal(doc.error.code, "NO_SHIPPED_LIST");
    assert.match(run.stderr, /no-such-ref names a commit/);
  });
});

describe("reporters", () => {
  test("junit is one well-formed document per run, a test case per lesson, the fault in the failure", async () => {
    const run = await held.ws.cli("grade", ["2", "3", "--reporter", "junit"], env({ WORKSHOP_LEARNER: "Ada <ada@example.edu>" }));
    assert.equal(run.code, 1, run.stderr);
    const page = await browser.newPage();
    try {
      const read = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, "application/xml");
        const suites = doc.documentElement;
        return {
          error: doc.getElementsByTagName("parsererror").length > 0,
          root: suites.tagName,
          suites: suites.getElementsByTagName("testsuite").length,
          tests: suites.getAttribute("tests"),
          failures: suites.getAttribute("failures"),
          cases: [...doc.getElementsByTagName("testcase")].map((c) => ({ name: c.getAttribute("name"), time: c.getAttribute("time"), type: c.getElementsByTagName("failure")[0]?.getAttribute("type"), text: c.getElementsByTagName("failure")[0]?.textContent })),
          learner: [...doc.getElementsByTagName("property")].find((p) => p.getAttribute("name") === "learner.email")?.getAttribute("value"),
        };
      }, run.stdout);
      assert.equal(read.error, false, run.stdout);
      assert.equal(read.root, "testsuites");
      assert.equal(read.suites, 1);
      assert.equal(read.tests, "2");
      assert.equal(read.failures, "2");
      assert.deepEqual(read.cases.map((c) => c.type), ["SOCKET_SESSION_MISSING", "SOCKET_PATH_MISMATCH"]);
      assert.match(read.cases[1]!.name!, /^03 wrong-path: /);
      assert.match(read.cases[1]!.text!, /What the verifier saw/);
      assert.ok(read.cases.every((c) => /^\d+\.\d{3}$/.test(c.time!)));
      assert.equal(read.learner, "ada@example.edu");
    } finally {
      await page.close();
    }
  });

  test("gradescope is a results.json with a test per lesson and its score", async () => {
    const run = await held.ws.cli("verify", ["3", "--solution", "--reporter", "gradescope"], env());
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.score, 1);
    assert.equal(result.tests.length, 1);
    assert.deepEqual({ status: result.tests[0].status, score: result.tests[0].score, max: result.tests[0].max_score }, { status: "passed", score: 1, max: 1 });
  });

  for (const reporter of ["json", "junit", "gradescope"]) {
    for (const verb of ["verify", "grade"]) {
      test(`${verb} --reporter ${reporter} prints one document for an unknown lesson, with exit code 2`, async () => {
        const run = await held.ws.cli(verb, ["99", "--reporter", reporter], env());
        assert.equal(run.code, 2, run.stdout + run.stderr);
        if (reporter === "junit") {
          assert.match(run.stdout, /^<\?xml[^]*<error type="UNKNOWN_LESSON" message="There is no lesson 99[^]*<\/testsuites>\n$/);
        } else {
          const doc = JSON.parse(run.stdout);
          if (reporter === "json") assert.equal(doc.error.code, "UNKNOWN_LESSON");
          else assert.match(doc.output, /UNKNOWN_LESSON/);
        }
      });
    }
  }
});

describe("--trace", () => {
  test("keeps a trace and a screenshot of a failing lesson, names them, and gives the same verdict", async () => {
    const traces = path.join(held.ws.root, ".workshop", "traces");
    const plain = await held.ws.cli("verify", ["3", "--reporter", "json"], env());
    assert.ok(!existsSync(traces), "no trace without --trace");
    const traced = await held.ws.cli("verify", ["3", "2", "--solution", "--trace"], env());
    assert.equal(traced.code, 0);
    assert.ok(!existsSync(traces) || readdirSync(traces).length === 0, "a passing lesson keeps no trace");
    const run = await held.ws.cli("verify", ["3", "--trace", "--reporter", "json"], env());
    const [a, b] = [JSON.parse(plain.stdout).lessons[0], JSON.parse(run.stdout).lessons[0]];
    assert.deepEqual([b.status, b.fault], [a.status, a.fault]);
    const zip = /npx playwright show-trace (\S+\.zip)/.exec(b.message)?.[1];
    assert.ok(zip && existsSync(path.resolve(held.ws.root, zip)), b.message);
    assert.ok(readdirSync(traces).some((f) => f.endsWith(".png")));
    assert.ok(readFileSync(path.resolve(held.ws.root, zip)).subarray(0, 2).toString() === "PK", "the trace is a zip file");
  });
});

describe("--help", () => {
  for (const verb of HELP_VERBS) {
    test(`${verb} --help, in English and Chinese`, async () => {
      const en = await held.ws.cli(verb, ["--help"], env());
      assert.equal(en.code, 0, en.stderr);
      assert.match(en.stdout, new RegExp(`^Usage: npm run ${verb}\\b[^]*--help, -h`));
      const zh = await held.ws.cli(verb, ["-h"], env({ WORKSHOP_LANG: "zh-CN" }));
      assert.equal(zh.code, 0, zh.stderr);
      assert.match(zh.stdout, new RegExp(`^用法: npm run ${verb}\\b[^]*显示这段说明`));
    });
  }
  test("every command in cli/ has its help", () => {
    const verbs = readdirSync(path.join(ROOT, "cli")).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3));
    const commands = Object.values(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>)
      .map((script) => /cli\/launch\.mjs ([a-z-]+)/.exec(script)?.[1])
      .filter((verb): verb is string => Boolean(verb) && verbs.includes(verb!));
    assert.deepEqual(commands.filter((verb) => !HELP_VERBS.includes(verb)), []);
  });
});
