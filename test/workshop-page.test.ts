// The workshop page beside `npm run lesson`, in the real browser, as a learner uses it with an
// editor: the lesson's verdict appears, turns to PASS after a save that fixes lesson 3 and back to
// FAIL after one that breaks it again; the picture of the check matches the evidence; hints and the
// solution are recorded as the terminal's commands record them; the language switch, the keyboard,
// a narrow window; and requests from other sites are refused. Screenshots of each state are kept
// in WORKSHOP_ARTIFACTS (npm test: .workshop/test-artifacts/workshop-page/).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright";
import { launchBrowser } from "../verify/app/browser.ts";
import { freePort } from "../verify/app/lesson-server.ts";
import { eventually, lessonByNumber } from "./helpers.ts";
import { Workspace } from "./workspace.ts";

const lesson = lessonByNumber(3);
const ARTIFACTS = path.join(process.env.WORKSHOP_ARTIFACTS ?? path.join(tmpdir(), "workshop-test-artifacts"), "workshop-page");

let ws: Workspace;
let browser: Browser;
let run: ReturnType<Workspace["start"]>;
let pageUrl: string;
let state: string;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  ws = Workspace.create();
  state = path.join(ws.root, ".workshop", "state");
  run = ws.start("lesson", ["3"], { PORT: String(await freePort()), CLIENT_PORT: String(await freePort()), WORKSHOP_STATE_DIR: state }, "pipe");
  const url = await eventually(() => /Workshop page[^\n]*?(http:\/\/localhost:\d+)/.exec(run.output())?.[1], 60_000);
  assert.ok(url, `npm run lesson names its workshop page:\n${run.output()}`);
  pageUrl = url;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await run?.stop();
  ws?.dispose();
});

async function open(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("close", () => assert.deepEqual(errors, [], "the page's script threw"));
  await page.goto(pageUrl);
  return page;
}

/** Waits for the verdict the page shows to be `status` (with `fault`), as the server-sent event brings it. */
async function verdictIs(page: Page, status: "pass" | "fail", fault?: string): Promise<void> {
  const selector = `#verdict-status[data-status="${status}"]${fault ? `[data-fault="${fault}"]` : ""}`;
  await page.waitForSelector(selector, { timeout: 60_000 });
}

/** Like eventually(), for a check that has to wait for the page or the server. */
async function until<T>(check: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A GET with any Host header (fetch() will not send one of its own choosing). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

const progress = () => JSON.parse(readFileSync(path.join(state, "progress.json"), "utf8")).lessons[lesson.slug] ?? {};

describe("the workshop page, in the real browser", () => {
  test("it shows the lesson's README, the failing verdict and the app", async () => {
    const page = await open();
    await verdictIs(page, "fail", "SOCKET_PATH_MISMATCH");
    assert.match(await page.locator("#readme h1").innerText(), /Lesson 3/);
    assert.match(await page.locator("#verdict-body").innerText(), /The socket connects to a path the server does not serve/);
    assert.match(await page.locator("#verdict-body").innerText(), /handshake GET .*socket\.io\/\?EIO=4&transport=polling → 404/);
    assert.equal(await page.locator(`#lessons a[aria-current="page"]`).count(), 1);
    assert.match((await page.locator("#app-frame").getAttribute("src")) ?? "", /^http:\/\/localhost:\d+/);
    await page.screenshot({ path: path.join(ARTIFACTS, "1-failing.png") });
    await page.close();
  });

  test("a save that fixes lesson 3 turns it to PASS, and one that breaks it again back to FAIL", async () => {
    const page = await open();
    await verdictIs(page, "fail", "SOCKET_PATH_MISMATCH");
    const client = path.join(ws.lessonDir(lesson), "client.ts");
    const broken = readFileSync(client, "utf8");
    writeFileSync(client, readFileSync(path.join(ws.solutionDir(lesson), "client.ts")));
    await verdictIs(page, "pass");
    assert.match(await page.locator("#verdict-body").innerText(), new RegExp(lesson.passed.en.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await page.screenshot({ path: path.join(ARTIFACTS, "2-passing.png") });
    writeFileSync(client, broken);
    await verdictIs(page, "fail", "SOCKET_PATH_MISMATCH");
    await page.screenshot({ path: path.join(ARTIFACTS, "3-failing-again.png") });
    await page.close();
  });

  test("the picture of the check is drawn from the evidence the verifier judged, and can be downloaded", async () => {
    const page = await open();
    await verdictIs(page, "fail", "SOCKET_PATH_MISMATCH");
    await page.waitForSelector("#diagram svg g.arrow");
    const { arrows } = JSON.parse(await (await fetch(`${pageUrl}/api/sequence.json`)).text()) as { arrows: { seq: number; from: string; to: string; ok: boolean; faultHere?: boolean; label: string }[] };
    const drawn = await page.$$eval("#diagram svg g.arrow", (groups) =>
      groups.map((g) => ({ seq: Number(g.getAttribute("data-seq")), from: g.getAttribute("data-from"), to: g.getAttribute("data-to"), ok: g.getAttribute("data-ok") === "true", fault: g.getAttribute("data-fault") === "true" })),
    );
    assert.deepEqual(drawn, arrows.map((a) => ({ seq: a.seq, from: a.from, to: a.to, ok: a.ok, fault: a.faultHere === true })), "one arrow drawn for each arrow of the evidence, as it is");
    // The evidence itself: the login set the cookie, the handshake carried it and was answered 404 by
    // the API, which is where lesson 3's fault shows, in red; nothing after the page's exchanges is red.
    const verdict = JSON.parse(await (await fetch(`${pageUrl}/api/verdict`)).text()) as { seen: string[] };
    assert.ok(verdict.seen.some((line) => /handshake GET .*→ 404/.test(line)));
    const fault = arrows.filter((a) => a.faultHere);
    assert.equal(fault.length, 1, "one place where the fault shows");
    assert.equal(fault[0]!.ok, false);
    assert.match(fault[0]!.label, /404/);
    const login = arrows.findIndex((a) => a.from === "page" && a.label.startsWith("POST /login"));
    assert.match(arrows[login + 1]!.label, /Set-Cookie: connect\.sid/);
    assert.ok(arrows.some((a) => a.from === "page" && a.to === "socket" && /with connect\.sid/.test(a.label)), "a handshake that carried the cookie");
    const download = await fetch(`${pageUrl}/api/diagram.svg?lang=zh-CN&download=1`);
    assert.match(download.headers.get("content-disposition") ?? "", /attachment; filename="lesson-3-check-zh-CN\.svg"/);
    assert.match(await download.text(), /xml:lang="zh-CN"/);
    await page.locator("#wire").screenshot({ path: path.join(ARTIFACTS, "1b-picture-in-page.png") });
    // The whole picture, as downloaded, at its own size.
    const svg = await (await fetch(`${pageUrl}/api/diagram.svg?lang=en`)).text();
    writeFileSync(path.join(ARTIFACTS, "1c-picture.svg"), svg);
    const alone = await browser.newPage();
    await alone.setContent(svg);
    await alone.screenshot({ path: path.join(ARTIFACTS, "1c-picture.png"), fullPage: true });
    await alone.close();
    await page.close();
  });

  test("Check again runs the check from scratch, from the keyboard too", async () => {
    const page = await open();
    await verdictIs(page, "fail");
    const before = Number(JSON.parse(await (await fetch(`${pageUrl}/api/verdict`)).text()).version);
    await page.focus("#check");
    await page.keyboard.press("Enter");
    const later = await until(async () => {
      const version = Number(JSON.parse(await (await fetch(`${pageUrl}/api/verdict`)).text()).version);
      return version >= before + 2 ? version : undefined; // "checking", then the verdict
    }, 60_000);
    assert.ok(later, "the check ran again");
    await verdictIs(page, "fail", "SOCKET_PATH_MISMATCH");
    assert.match(run.output(), /checking again…/);
    await page.close();
  });

  test("hints are revealed one at a time and recorded as npm run hint records them", async () => {
    const page = await open();
    assert.equal(await page.locator("#hint-list li").count(), progress().hintsShown ?? 0);
    await page.click("#hint");
    await until(async () => ((await page.locator("#hint-list li").count()) === 1 ? true : undefined), 5000);
    assert.equal(progress().hintsShown, 1);
    assert.match(await page.locator("#hint").innerText(), /Show the next hint \(2 left\)/);
    await page.close();
  });

  test("the solution's diff is behind the warning, and seeing it is recorded", async () => {
    const page = await open();
    await page.waitForFunction(() => document.querySelector("#solution-warning")?.textContent);
    assert.match(await page.locator("#solution-warning").innerText(), /You have not passed lesson 3 yet: this diff gives the answer away\. \(`npm run hint 3` is gentler\.\) Seeing it is recorded in your progress/);
    assert.equal(await page.locator("#solution-diff .d2h-wrapper").count(), 0);
    assert.equal(progress().solutionViewedAt, undefined);
    await page.click("#show-solution");
    await page.waitForSelector("#solution-diff .d2h-wrapper");
    assert.match(await page.locator("#solution-diff").innerText(), /client\.ts/);
    assert.ok(progress().solutionViewedAt, "recorded in progress.json");
    await page.screenshot({ path: path.join(ARTIFACTS, "4-solution.png"), fullPage: true });
    await page.close();
  });

  test("in Chinese, with the switch: the README, the labels and the fault's explanation", async () => {
    const page = await open();
    await verdictIs(page, "fail");
    await page.click(`[data-lang="zh-CN"]`);
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN" && /第 3 课/.test(document.querySelector("#readme h1")?.textContent ?? ""));
    await until(async () => (/验证器看到的情况/.test(await page.locator("#verdict-body").innerText()) ? true : undefined), 5000);
    assert.equal(await page.locator("#check").innerText(), "重新检查");
    await page.screenshot({ path: path.join(ARTIFACTS, "5-chinese.png") });
    await page.click(`[data-lang="en"]`);
    await page.close();
  });

  test("a narrow window: one column, nothing wider than the window, the verdict first", async () => {
    const page = await open({ width: 480, height: 900 });
    await verdictIs(page, "fail");
    const fits = await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);
    assert.ok(fits, "no horizontal scrolling");
    const [verdictTop, readmeTop] = await page.evaluate(() => [document.querySelector("#verdict")!.getBoundingClientRect().top, document.querySelector("#readme")!.getBoundingClientRect().top]);
    assert.ok(verdictTop! < readmeTop!, "the verdict comes before the README");
    await page.screenshot({ path: path.join(ARTIFACTS, "6-narrow.png"), fullPage: true });
    await page.close();
  });

  test("requests from another site, or to another host name, change nothing", async () => {
    const port = new URL(pageUrl).port;
    const plain = await fetch(`${pageUrl}/api/check`, { method: "POST" });
    assert.equal(plain.status, 403, "a POST without the page's own header is refused");
    assert.equal(await getWithHost(`http://127.0.0.1:${port}/api/state`, `attacker.example:${port}`), 421, "a Host that is not this machine is refused");
    assert.equal(await getWithHost(`http://127.0.0.1:${port}/api/state`, `127.0.0.1:${port}`), 200);
    const hint = await fetch(`${pageUrl}/api/lessons/3/hint`, { method: "POST", headers: { "content-type": "text/plain" } });
    assert.equal(hint.status, 403);
  });
});
