// The browser tab a check runs in. It must carry nothing over from an earlier check: no cookie, no
// cached response, no open socket. A fresh browser context guarantees that, but each one costs
// Chromium a new renderer process: a sixth of the CPU of checking every lesson on two cores. So
// when many lessons are checked (verifyAll), each worker keeps one tab and cleans it between lessons.
import type { Browser, BrowserContext, Page } from "playwright";

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Called once the check is over: closes a fresh tab, cleans a reused one. */
  release(): Promise<void>;
}

/** A tab in a browser context of its own, closed after the check. */
export async function freshTab(browser: Browser | Promise<Browser>): Promise<Tab> {
  const context = await (await browser).newContext();
  try {
    const page = await context.newPage();
    return { context, page, release: () => context.close().catch(() => {}) };
  } catch (err) {
    await context.close().catch(() => {});
    throw err;
  }
}

/**
 * One worker's tab, reused from lesson to lesson. Between checks it is emptied of what a check can
 * leave behind that a later one could see:
 * - cookies, the one kind of state localhost shares across ports, are cleared;
 * - everything else a browser keeps (cache, storage, pooled connections) is keyed by origin, so a
 *   tab is reused only for an app whose origins none of its pages has ever sent a request to (the
 *   app's own, or any a lesson's check opened), and replaced otherwise;
 * - the page goes to about:blank, which closes the old document and its sockets; pages a check
 *   opened beside it are closed;
 * - a tab that crashed, was closed, or could not be cleaned is replaced.
 */
export class ReusedTab {
  private current: Promise<{ tab: Tab; origins: Set<string>; usable: boolean }> | undefined;

  constructor(private readonly browser: Browser | Promise<Browser>) {}

  /** Opens the first tab ahead of time (while the first app starts). */
  warm(): void {
    this.current ??= this.open();
    this.current.catch(() => {});
  }

  /** The tab for a check of the app at these URLs; release it when the check is over. */
  async take(urls: string[]): Promise<Tab> {
    const origins = urls.map((url) => new URL(url).origin);
    let held = await (this.current ??= this.open()).catch(() => undefined);
    if (!held || !held.usable || held.tab.page.isClosed() || origins.some((o) => held!.origins.has(o))) {
      if (held) await held.tab.context.close().catch(() => {});
      this.current = this.open();
      held = await this.current;
    }
    for (const origin of origins) held.origins.add(origin);
    const entry = held;
    entry.usable = false; // until cleaned
    return {
      context: entry.tab.context,
      page: entry.tab.page,
      release: async () => {
        entry.usable = await clean(entry.tab);
      },
    };
  }

  async close(): Promise<void> {
    const held = await this.current?.catch(() => undefined);
    this.current = undefined;
    await held?.tab.context.close().catch(() => {});
  }

  private async open() {
    const tab = await freshTab(this.browser);
    const origins = new Set<string>();
    tab.context.on("request", (request) => {
      const url = new URL(request.url());
      if (/^https?:$/.test(url.protocol)) origins.add(url.origin);
    });
    return { tab, origins, usable: true };
  }
}

async function clean({ context, page }: Tab): Promise<boolean> {
  try {
    await Promise.all(context.pages().filter((p) => p !== page).map((p) => p.close()));
    await page.goto("about:blank", { timeout: 2_000 });
    await context.clearCookies();
    return !page.isClosed();
  } catch {
    return false;
  }
}
