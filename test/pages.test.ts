// What a learner sees on a lesson's page and in a verdict, checked in the real browser: the panel
// shows the transport in use now, a page asks nothing it may not ask yet, and evidence lines come
// in an order that reads right.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright";
import { launchBrowser } from "../verify/app/browser.ts";
import { verifyTarget } from "../verify/judge/run.ts";
import { startApp, type App } from "../verify/app/start.ts";
import { solutionDir } from "../verify/catalogue/lessons.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { cleanupAll } from "../verify/app/processes.ts";
import { fixDir, loadFixes } from "./fixes.ts";
import { lessonByNumber } from "./helpers.ts";

let browser: Browser;
before(async () => (browser = await launchBrowser()));
after(async () => {
  await browser?.close();
  await cleanupAll();
});

/** A lesson's solved app running, and a fresh page on it; both closed after `work`. */
async function withSolvedApp(n: number, work: (page: Page, app: App) => Promise<void>): Promise<void> {
  const lesson = lessonByNumber(n);
  const app = await startApp({ lesson, appDir: solutionDir(lesson) });
  const context = await browser.newContext();
  try {
    await work(await context.newPage(), app);
  } finally {
    await context.close();
    await app.stop();
  }
}

const field = (page: Page, section: string, name: string) => page.textContent(`#${section} [data-field="${name}"]`);

async function logIn(page: Page, name: string): Promise<void> {
  await page.fill("#username", name);
  await page.click("#login");
  await page.waitForFunction((user) => document.querySelector('#http [data-field="user"]')?.textContent === user, name);
}

test("the panel shows the transport the socket uses now, after its upgrade to WebSocket", async () => {
  await withSolvedApp(2, async (page, app) => {
    await page.goto(app.pageUrl);
    await logIn(page, "ada");
    await page.waitForFunction(() => document.querySelector('#socket [data-field="state"]')?.textContent === "connected (websocket)", undefined, { timeout: 10_000 });
    assert.equal(await field(page, "socket", "user"), "ada");
    assert.match((await page.textContent(".note")) ?? "", /npm run lesson/);
  });
});

test("lesson 10's page asks the admin routes nothing before login, and shows who is online after it", async () => {
  await withSolvedApp(10, async (page, app) => {
    const admin: string[] = [];
    page.on("response", (res) => {
      if (new URL(res.url()).pathname.startsWith("/admin/")) admin.push(`${new URL(res.url()).pathname} ${res.status()}`);
    });
    await page.goto(app.pageUrl);
    await page.waitForFunction(() => document.getElementById("online")?.textContent === "(log in to see)");
    assert.equal(admin.length, 0, `no admin request before login: ${admin.join(", ")}`);
    await logIn(page, "grace");
    await page.waitForFunction(() => /grace/.test(document.getElementById("online")?.textContent ?? ""));
    assert.ok(admin.length > 0 && admin.every((line) => line.endsWith(" 200")), admin.join(", "));
  });
});

test("a CORS verdict shows the server's own headers right after the handshake they belong to", async () => {
  const fix = loadFixes().find((f) => f.lesson.number === 4 && f.title === "client fixed, server CORS still without credentials")!;
  const result = await verifyTarget(browser, { lesson: fix.lesson, appDir: fixDir(fix), checkDir: selfTestDir(fix.lesson) });
  assert.equal(result.fault, "CORS_CREDENTIALS_MISSING", result.message ?? "");
  const handshake = result.seen.findIndex((line) => line.startsWith("handshake "));
  assert.ok(handshake >= 0, result.seen.join("\n"));
  assert.match(result.seen[handshake + 1]!, /^that handshake, replayed from Node with the page's Origin and the cookie → 200 with access-control-allow-origin: /);
});
