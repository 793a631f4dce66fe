// verifyAll reuses one tab per worker across lessons (verify/tabs.ts). Nothing a check leaves in
// it may reach the next check: these tests leave each kind of trace behind and look for it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright";
import { launchBrowser } from "../verify/app/browser.ts";
import { ReusedTab } from "../verify/app/tabs.ts";
import { Wire } from "../verify/evidence/wire.ts";

let browser: Browser;
const servers: Server[] = [];

/** A page on a port of its own that sets a cookie (cookies on localhost ignore the port). */
async function site(): Promise<string> {
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html", "set-cookie": "connect.sid=left-behind; Path=/" });
    res.end("<!doctype html><title>site</title>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://localhost:${(server.address() as AddressInfo).port}/`;
}

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  for (const server of servers) server.close();
});

test("a reused tab starts the next check with no cookies and no page open but its own, on about:blank", async () => {
  const tabs = new ReusedTab(browser);
  try {
    const url = await site();
    const first = await tabs.take([url]);
    await first.page.goto(url);
    const extra = await first.context.newPage();
    await extra.goto(url);
    assert.ok((await first.context.cookies()).length > 0, "the check left a cookie behind");
    await first.release();

    const second = await tabs.take([await site()]);
    assert.equal(second.page, first.page, "the tab is reused");
    assert.deepEqual(await second.context.cookies(), []);
    assert.deepEqual(second.context.pages(), [second.page]);
    assert.equal(second.page.url(), "about:blank");
    await second.release();
  } finally {
    await tabs.close();
  }
});

test("a tab is replaced, not reused, for an app at an origin any of its pages has visited", async () => {
  const tabs = new ReusedTab(browser);
  try {
    const [url, other] = [await site(), await site()];
    const first = await tabs.take([url]);
    await first.page.goto(url);
    await first.release();
    const second = await tabs.take([await site(), url]);
    assert.notEqual(second.context, first.context, "an origin's cache and storage could carry over");
    assert.ok(first.page.isClosed(), "the old tab is closed");
    // An origin a lesson's check visited in a page of its own counts too.
    const extra = await second.context.newPage();
    await extra.goto(other);
    await second.release();
    const third = await tabs.take([other]);
    assert.notEqual(third.context, second.context);
    await third.release();
  } finally {
    await tabs.close();
  }
});

test("a tab whose page a check closed is replaced", async () => {
  const tabs = new ReusedTab(browser);
  try {
    const first = await tabs.take([await site()]);
    await first.page.close();
    await first.release();
    const second = await tabs.take([await site()]);
    assert.ok(!second.page.isClosed());
    assert.notEqual(second.context, first.context);
    await second.release();
  } finally {
    await tabs.close();
  }
});

test("a wire stops recording once detached: a later check's traffic is not evidence for this one", async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const url = await site();
    const wire = new Wire(url.replace(/\/$/, ""));
    const detach = wire.attach(page);
    await page.goto(url);
    await wire.settle();
    const seen = wire.http.length;
    assert.ok(seen > 0, "the attached wire recorded the page load");
    detach();
    await page.goto(url);
    await wire.settle();
    assert.equal(wire.http.length, seen);
    assert.equal(wire.navigations.length, 1);
  } finally {
    await context.close();
  }
});
