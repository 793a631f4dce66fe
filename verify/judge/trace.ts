// --trace: a Playwright trace (with the WebSocket frames, DOM snapshots and screenshots) and a
// screenshot of each failing check, kept under .workshop/traces/ and named in the verdict's
// evidence with the command that opens it. Off unless asked: tracing costs time on every check.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright";
import { WORK_DIR } from "../paths.ts";

export const TRACE_ENV = "WORKSHOP_TRACE";

export const tracing = () => process.env[TRACE_ENV] === "1";

/** Where traces go: WORKSHOP_TRACE_DIR (grading writes into the learner's folder), else .workshop/traces. */
const traceDir = () => process.env.WORKSHOP_TRACE_DIR ?? path.join(WORK_DIR, "traces");

const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
};

export async function startTrace(context: BrowserContext, title: string): Promise<void> {
  await context.tracing.start({ screenshots: true, snapshots: true, title });
}

/** Ends the trace: kept with a screenshot when the check failed, dropped when it passed. */
export async function endTrace(context: BrowserContext, page: Page, slug: string, failed: boolean): Promise<string[]> {
  if (!failed) {
    await context.tracing.stop().catch(() => {});
    return [];
  }
  const dir = traceDir();
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const trace = path.join(dir, `${slug}-${stamp}.zip`);
  const screenshot = path.join(dir, `${slug}-${stamp}.png`);
  const lines: string[] = [];
  if (!page.isClosed() && (await page.screenshot({ path: screenshot, timeout: 2_000 }).then(() => true, () => false))) {
    lines.push(`screenshot of the page: ${shown(screenshot)}`);
  }
  if (await context.tracing.stop({ path: trace }).then(() => true, () => false)) {
    lines.push(`trace of the check: npx playwright show-trace ${shown(trace)}`);
  }
  return lines;
}
