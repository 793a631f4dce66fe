// npm run class-report, as an instructor runs it: a folder of learners' result files (JSON and
// JUnit, in subfolders, with a learner's older run, a malformed file and a hostile learner name)
// becomes a Markdown table on stdout and an HTML page, which is opened in the real browser.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright";
import { launchBrowser } from "../verify/app/browser.ts";
import { cleanupAll } from "../verify/app/processes.ts";
import { RESULTS_FORMAT, type LessonEntry, type ResultsDocument } from "../cli/results/document.ts";
import { junit as junitReporter } from "../cli/results/junit.ts";
import "./helpers.ts";
import { Workspace, type CliRun } from "./workspace.ts";

const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> | Mallory`;

let ws: Workspace;
let dir: string;
let folder: string;
let run: CliRun;

function lesson(number: number, slug: string, status: LessonEntry["status"], extra: Partial<LessonEntry> = {}): LessonEntry {
  return { number, slug, title: slug.slice(3), status, fault: null, message: null, durationMs: 1234, hintsShown: 0, solutionViewed: false, ...extra };
}

function results(learner: ResultsDocument["learner"], startedAt: string, lessons: LessonEntry[], error: ResultsDocument["error"] = null, shippedList: string | null = null): ResultsDocument {
  return { format: RESULTS_FORMAT, command: "grade", ok: false, error, learner, commit: "0123abcd4567ef", startedAt, durationMs: 9000, shippedList, solution: false, lessons };
}

/** The JUnit view, in the exact shape the workshop's junit reporter writes. */
function junit(properties: Record<string, string>, testcases: string[], timestamp = "2026-12-05T19:00:00.000Z"): string {
  const attributes = `tests="${testcases.length}" failures="1" errors="0" skipped="1" time="12.345" timestamp="${timestamp}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="socket-session-workshop" ${attributes}>
  <testsuite name="socket-session-workshop" ${attributes} hostname="localhost">
    <properties>
      <property name="format" value="${RESULTS_FORMAT}"/>
      <property name="command" value="grade"/>
${Object.entries(properties)
  .map(([name, value]) => `      <property name="${name}" value="${value}"/>`)
  .join("\n")}
    </properties>
${testcases.map((testcase) => `    ${testcase}`).join("\n")}
  </testsuite>
</testsuites>
`;
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
  writeFileSync(path.join(folder, file), text);
}

before(async () => {
  ws = Workspace.create();
  dir = mkdtempSync(path.join(tmpdir(), "class-report-"));
  folder = path.join(dir, "class");
  // Ada: her newest run (JSON), and an older one under another name with the same email.
  write(
    "ada/results.json",
    JSON.stringify(
      results({ name: "Ada Lovelace", email: "ada@example.edu" }, "2026-12-05T18:00:00.000Z", [
        lesson(1, "01-middleware-order", "pass"),
        lesson(2, "02-share-with-socket", "pass", { hintsShown: 1 }),
        lesson(3, "03-wrong-path", "fail", {
          fault: "SOCKET_PATH_MISMATCH",
          message: "The socket connects to a path the server does not serve.\nWhat the verifier saw:\n  - handshake GET /socket.io/ → 404",
          durationMs: 800,
          hintsShown: 2,
          solutionViewed: true,
        }),
        lesson(10, "10-session-from-id", "pass"),
        lesson(19, "19-redis-connection-drop", "skip", { message: "needs Redis" }),
      ]),
    ),
  );
  write(
    "ada-older/results.json",
    JSON.stringify(results({ name: "Ada L.", email: "ADA@example.edu" }, "2026-12-01T10:00:00.000Z", [lesson(1, "01-middleware-order", "fail", { fault: "SERVER_CRASHED" })])),
  );
  // Grace: JUnit, with her name and a failure whose text needs its entities decoded.
  write(
    "grace/junit.xml",
    junit({ "learner.name": "Grace Hopper", "learner.email": "grace@example.edu", commit: "89abcdef", "lesson.02-share-with-socket.hintsShown": "3", "lesson.02-share-with-socket.solutionViewed": "false" }, [
      `<testcase classname="socket-session-workshop" name="01 middleware-order: Login works, the socket does not" time="1.234"/>`,
      `<testcase classname="socket-session-workshop" name="02 share-with-socket: HTTP knows you" time="2.5">
      <failure type="SOCKET_SESSION_MISSING" message="SOCKET_SESSION_MISSING: the socket has no session">The socket has no session &amp; says &lt;anonymous&gt;.
  What the verifier saw: &#x2192; nothing</failure>
    </testcase>`,
      `<testcase classname="socket-session-workshop" name="03 wrong-path: Client and server on the same path" time="0.9"/>`,
      `<testcase classname="socket-session-workshop" name="05 mismatched-secret: One secret" time="0"><skipped message="not run"/></testcase>`,
    ]),
  );
  // An anonymous file, known by its artifact folder, written by the workshop's own junit reporter.
  write(
    "artifact-bob/results.xml",
    junitReporter(
      results({ name: null, email: null }, "2026-12-05T17:00:00.000Z", [
        lesson(1, "01-middleware-order", "pass", { durationMs: 500 }),
        lesson(16, "16-cookie-path", "fail", {
          fault: "COOKIE_PATH_EXCLUDES_SOCKET",
          message: "The cookie's Path does not cover the socket.\nWhat the verifier saw:\n  - Set-Cookie: connect.sid=…; Path=/api <& more>",
          durationMs: 1500,
          checkFilesChanged: ["verify.ts"],
        }),
      ]),
    ),
  );
  // A learner whose name is HTML, and whose lesson title is too.
  write(
    "mallory.json",
    JSON.stringify(
      results({ name: HOSTILE, email: null }, "2026-12-05T18:30:00.000Z", [
        lesson(1, "01-middleware-order", "pass", { title: "<b onmouseover=alert(1)>x</b>" }),
        lesson(2, "02-share-with-socket", "pass"),
      ]),
    ),
  );
  // A run that could not judge at all (the JUnit view: one testcase named "workshop").
  write(
    "carol/results.xml",
    junit({ "learner.name": "Carol" }, [
      `<testcase classname="socket-session-workshop" name="workshop" time="0"><error type="NO_BROWSER" message="No browser was found.">No browser was found.
Install one with npm run setup.</error></testcase>`,
    ]),
  );
  write("broken.json", `{"format": "${RESULTS_FORMAT}", "lessons": [`);
  write("other/jest.xml", `<?xml version="1.0"?><testsuites name="jest"><testsuite name="a"><testcase name="b"/></testsuite></testsuites>`);
  write("notes.txt", "not a result file, and not a candidate either");
  run = await ws.cli("class-report", [folder]);
});

after(async () => {
  await cleanupAll();
  rmSync(dir, { recursive: true, force: true });
  ws?.dispose();
});

const rows = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("|"));
const MD_HOSTILE = "&lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt;&lt;img src=x onerror=\"window.\\_\\_pwned = 2\"&gt; \\| Mallory";

describe("the Markdown table and the terminal", () => {
  test("one row per learner (their newest file), the lessons any file names in order, counts and fault codes", () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^## Class report: 5 learners, 7 lessons\n/);
    const table = rows(run.stdout);
    assert.equal(table[0], "| Learner | Passed | 01 | 02 | 03 | 05 | 10 | 16 | 19 |");
    assert.match(table[1]!, /^\| :-- \| --: (\| :-: ){7}\|$/);
    const body = table.slice(2);
    const expected = [
      "| Ada Lovelace | 3/7 | ✓ | ✓ 💡1 | ✗ `SOCKET_PATH_MISMATCH` 💡2 📖 |  | ✓ |  | - |",
      "| Grace Hopper | 2/7 | ✓ | ✗ `SOCKET_SESSION_MISSING` 💡3 | ✓ | - |  |  |  |",
      "| artifact-bob | 1/7 | ✓ |  |  |  |  | ✗ `COOKIE_PATH_EXCLUDES_SOCKET` |  |",
      `| ${MD_HOSTILE} | 2/7 | ✓ | ✓ |  |  |  |  |  |`,
      "| Carol | ⚠ `NO_BROWSER` |  |  |  |  |  |  |  |",
    ];
    for (const line of expected) assert.ok(body.includes(line), `missing row\n${line}\nin\n${table.join("\n")}`);
    assert.equal(body.length, expected.length + 1, "five learners and the total: Ada's older file is not a row");
    assert.equal(body.at(-1), "| **Passed by** |  | 4/5 | 2/5 | 1/5 | 0/5 | 1/5 | 0/5 | 0/5 |");
    assert.doesNotMatch(run.stdout, /<script>|SERVER_CRASHED/);
    assert.match(run.stdout, /✓ passed · ✗ failed, with its fault code/);
  });

  test("what was skipped or left out is said once each on stderr, then where the page is", () => {
    const lines = run.stderr.trim().split("\n");
    assert.match(run.stderr, /^warning: skipped broken\.json: not valid JSON \(.+\)$/m);
    assert.match(run.stderr, /^warning: skipped other\/jest\.xml: JUnit, but not the workshop's \(it has no property format=socket-session-workshop\/results@1\)$/m);
    assert.match(run.stderr, /^note: Ada Lovelace has 2 result files: kept the newest, ada\/results\.json \(2026-12-05 18:00 UTC\); left out ada-older\/results\.json$/m);
    assert.match(run.stderr, /^warning: Carol's run could not be judged \(carol\/results\.xml\): NO_BROWSER: No browser was found\.$/m);
    assert.doesNotMatch(run.stderr, /notes\.txt/, "only .json and .xml files are candidates");
    assert.equal(lines.filter((line) => line.startsWith("warning: skipped")).length, 2);
    assert.equal(lines.at(-1), `Class report: ${path.join(folder, "class-report.html")}`);
    assert.ok(existsSync(path.join(folder, "class-report.html")));
  });

  test("--out writes the page where it says, and the table is the same", async () => {
    const out = path.join(dir, "elsewhere", "report.html");
    const again = await ws.cli("class-report", [folder, "--out", out]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr.trim().split("\n").at(-1), `Class report: ${out}`);
    assert.match(readFileSync(out, "utf8"), /^<!doctype html>/);
    assert.equal(rows(again.stdout).length, rows(run.stdout).length);
  });

  test("in Chinese, the table's words are Chinese", async () => {
    const zh = await ws.cli("class-report", [folder, "--out", path.join(dir, "zh.html")], { WORKSHOP_LANG: "zh-CN" });
    assert.equal(zh.code, 0, zh.stderr);
    assert.match(zh.stdout, /^## 班级报告：5 名学员，7 课\n\n\| 学员 \| 通过 \| 01 \|/);
    assert.match(zh.stderr, /warning: 跳过了 broken\.json：不是有效的 JSON/);
  });

  test("a learner graded with another shipped.json than the rest of the class is marked", async () => {
    const odd = path.join(dir, "lists");
    mkdirSync(odd, { recursive: true });
    const graded = (name: string, list: string) =>
      writeFileSync(path.join(odd, `${name}.json`), JSON.stringify(results({ name, email: `${name}@example.edu` }, "2026-12-05T19:00:00.000Z", [lesson(3, "03-wrong-path", "pass")], null, list)));
    graded("ann", "a".repeat(40));
    graded("bob", "a".repeat(40));
    graded("cid", "b".repeat(40));
    const report = await ws.cli("class-report", [odd]);
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /^\| cid \| 1\/1 ⚠ `shipped\.json` \|/m);
    assert.match(report.stdout, /^\| ann \| 1\/1 \|/m);
    assert.match(report.stdout, /graded with another list of shipped files than most of the class/);
  });

  describe("exit code 2 and one clear message", () => {
    const cases: [string, () => string[], RegExp][] = [
      ["no folder named", () => [], /Which folder holds the learners' result files\?\nUsage: npm run class-report FOLDER/],
      ["a folder that does not exist", () => [path.join(dir, "nowhere")], /There is no folder .*nowhere\./],
      ["a file, not a folder", () => [path.join(folder, "mallory.json")], /mallory\.json is a file, not a folder/],
      [
        "an empty folder",
        () => {
          mkdirSync(path.join(dir, "empty"), { recursive: true });
          return [path.join(dir, "empty")];
        },
        /No result files in .*empty\.\n/,
      ],
      [
        "a folder with only files that are not results",
        () => {
          mkdirSync(path.join(dir, "junk"), { recursive: true });
          writeFileSync(path.join(dir, "junk", "package.json"), JSON.stringify({ name: "x" }));
          return [path.join(dir, "junk")];
        },
        /warning: skipped package\.json: JSON, but not the workshop's results[\s\S]*No result files in .*junk \(1 file skipped, see above\)/,
      ],
    ];
    for (const [name, args, message] of cases) {
      test(name, async () => {
        const failed = await ws.cli("class-report", args());
        assert.equal(failed.code, 2, failed.stdout + failed.stderr);
        assert.match(failed.stderr, message);
        assert.equal(failed.stdout, "");
        assert.doesNotMatch(failed.stderr, /\n\s+at /, "no stack trace");
      });
    }
  });
});

describe("the HTML page, in the real browser", () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("console", (message) => problems.push(`console ${message.type()}: ${message.text()}`));
    await page.goto(pathToFileURL(path.join(folder, "class-report.html")).href);
  });
  after(async () => {
    await browser?.close();
  });

  const names = () => page.$$eval("#class-report tbody tr", (trs) => trs.map((tr) => tr.querySelector(".name")!.textContent));
  const passed = () => page.$$eval("#class-report tbody tr", (trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.passed)));
  const cellsOf = (name: string) =>
    page.$$eval(
      "#class-report tbody tr",
      (trs, name) => {
        const tr = (trs as HTMLTableRowElement[]).find((row) => row.querySelector(".name")!.textContent === name)!;
        return [...tr.cells].map((cell) => ({ className: cell.className, text: cell.innerText.replace(/\s+/g, " ").trim(), title: cell.title }));
      },
      name,
    );

  test("a row per learner, a cell per lesson with its verdict, hints, solution mark, time and fault message", async () => {
    assert.deepEqual(
      await page.$$eval("#class-report thead th", (ths) => ths.map((th) => th.textContent!.trim())),
      ["Learner", "Passed", "01", "02", "03", "05", "10", "16", "19"],
    );
    assert.equal(await page.getAttribute('#class-report thead th[data-col="3"]', "title"), "03 Client and server on the same Socket.IO path");
    assert.equal((await names()).length, 5);
    const [learner, total, l01, l02, l03, l05, l10, l16, l19] = await cellsOf("Ada Lovelace");
    assert.match(learner!.text, /^Ada Lovelace ada@example\.edu$/);
    assert.match(learner!.title, /from ada\/results\.json\ncommit 0123abcd4567\nstarted 2026-12-05 18:00 UTC\nthe newest of 2 files \(left out: ada-older\/results\.json\)/);
    assert.equal(total!.text, "3/7");
    assert.deepEqual([l01!.className, l01!.text], ["cell pass", "✓ 1.2s"]);
    assert.deepEqual([l02!.className, l02!.text], ["cell pass", "✓ 💡1 1.2s"]);
    assert.deepEqual([l03!.className, l03!.text], ["cell fail", "✗ SOCKET_PATH_MISMATCH 💡2 📖 0.8s"]);
    assert.match(l03!.title, /^03 Client and server on the same Socket\.IO path\nSOCKET_PATH_MISMATCH \(0\.8s\)\n\nThe socket connects to a path the server does not serve\.\nWhat the verifier saw:\n {2}- handshake GET \/socket\.io\/ → 404\n2 hints shown\nsolution diff viewed$/);
    assert.deepEqual([l05!.className, l05!.text, l05!.title], ["cell none", "", "not in this learner's results"]);
    assert.equal(l10!.className, "cell pass");
    assert.equal(l16!.className, "cell none");
    assert.deepEqual([l19!.className, l19!.text], ["cell skip", "-"]);
    assert.match(l19!.title, /skipped: needs Redis/);

    const grace = await cellsOf("Grace Hopper");
    assert.equal(grace[3]!.className, "cell fail");
    assert.match(grace[3]!.title, /The socket has no session & says <anonymous>\.\n {2}What the verifier saw: → nothing/);
    const bob = await cellsOf("artifact-bob");
    assert.deepEqual([bob[7]!.className, bob[7]!.text], ["cell fail", "✗ COOKIE_PATH_EXCLUDES_SOCKET ✎ 1.5s"]);
    assert.match(bob[7]!.title, /^16 A cookie path that covers the socket\nCOOKIE_PATH_EXCLUDES_SOCKET \(1\.5s\)\n\nThe cookie's Path does not cover the socket\.\nWhat the verifier saw:\n {2}- Set-Cookie: connect\.sid=…; Path=\/api <& more>\ncheck files that differ from the shipped ones: verify\.ts$/);
    const carol = await cellsOf("Carol");
    assert.deepEqual(
      carol.map((cell) => [cell.className, cell.text]),
      [["learner", "Carol ⚠ NO_BROWSER"], ["passed", "—"], ["error", "⚠ the run could not be judged: NO_BROWSER"]],
    );
    assert.match(carol[2]!.title, /No browser was found\.\nInstall one with npm run setup\./);
    assert.deepEqual(
      await page.$$eval("#class-report tfoot td", (tds) => tds.map((td) => td.textContent)),
      ["", "4/5", "2/5", "1/5", "0/5", "1/5", "0/5", "0/5"],
    );
  });

  test("a learner's name that is HTML shows as text, and nothing of it runs", async () => {
    assert.ok((await names()).includes(HOSTILE), (await names()).join("\n"));
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.evaluate(() => document.scripts.length), 1, "only the page's own script");
    assert.equal(await page.locator("img, b").count(), 0, "no element came from a learner's text");
    assert.match((await page.textContent("ol.lessons")) ?? "", /01 Session middleware before the routes/, "a known lesson's title is the workshop's, not the file's");
    // The page's own style and script ran under its Content-Security-Policy.
    assert.equal(await page.$eval(".toolbar", (el) => getComputedStyle(el).display), "flex");
    assert.deepEqual(problems, []);
  });

  test("clicking a column header sorts the rows by it; clicking again reverses", async () => {
    assert.equal(await page.getAttribute('th[data-col="name"]', "aria-sort"), "ascending");
    await page.click('th[data-col="passed"] button');
    assert.deepEqual(await passed(), [3, 2, 2, 1, -1]);
    assert.equal((await names())[0], "Ada Lovelace");
    assert.equal(await page.getAttribute('th[data-col="passed"]', "aria-sort"), "descending");
    assert.equal(await page.getAttribute('th[data-col="name"]', "aria-sort"), "none");
    await page.click('th[data-col="passed"] button');
    assert.deepEqual(await passed(), [-1, 1, 2, 2, 3]);
    assert.equal(await page.getAttribute('th[data-col="passed"]', "aria-sort"), "ascending");

    // A lesson's column: passed first, then failed, skipped, not in the results, runs that could not be judged.
    await page.click('th[data-col="3"] button');
    const byLesson3 = await names();
    assert.deepEqual(byLesson3.slice(0, 2), ["Grace Hopper", "Ada Lovelace"]);
    assert.equal(byLesson3.at(-1), "Carol");

    await page.click('th[data-col="name"] button');
    const byName = await names();
    assert.deepEqual([...byName].sort(new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare), byName);
    await page.click('th[data-col="name"] button');
    assert.deepEqual(await names(), [...byName].reverse());
  });

  test("finding a learner hides the other rows", async () => {
    await page.fill("#filter", "grace@");
    assert.deepEqual(await page.$$eval("#class-report tbody tr:not([hidden]) .name", (els) => els.map((el) => el.textContent)), ["Grace Hopper"]);
    await page.fill("#filter", "");
    assert.equal(await page.locator("#class-report tbody tr:not([hidden])").count(), 5);
  });

  test("printed, the page has no interactive parts and keeps the table", async () => {
    assert.ok(await page.isVisible(".toolbar"));
    assert.ok(await page.locator(".arrow").first().isVisible());
    await page.emulateMedia({ media: "print" });
    try {
      assert.equal(await page.isVisible(".toolbar"), false);
      assert.equal(await page.isVisible("#print"), false);
      assert.equal(await page.locator(".arrow").first().isVisible(), false);
      assert.ok(await page.isVisible("#class-report"));
      assert.equal(await page.$eval("#class-report thead th", (th) => getComputedStyle(th).position), "static");
      const pdf = await page.pdf({ landscape: true, format: "A4" });
      assert.ok(pdf.length > 1000);
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });
});
