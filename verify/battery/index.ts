// The battery: the same attacks and misuses, tried on every lesson's app once its own check has
// passed, so that a pass means the app is right for its users, not only that the planted bug is
// gone. The first finding in this order fails the lesson. An item applies from the lesson that teaches what it attacks, where
// the app has what it targets (a push route, TLS, a Redis of its own); a lesson may leave one out
// only with a reason in its lesson.ts (`skips`).
import { withOwnTrail, type TrailEntry } from "../evidence/trail.ts";
import type { CheckContext, Finding } from "../kit/check.ts";
import { API } from "./api.ts";
import { COOKIES } from "./cookies.ts";
import { IDENTITY } from "./identity.ts";
import { LIFECYCLE } from "./lifecycle.ts";
import { ORIGINS } from "./origins.ts";
import { STORE } from "./store.ts";
import { USERS } from "./users.ts";
import { serverLog, type ServerLog } from "../kit/server-log.ts";
import type { BatteryItem } from "./item.ts";

export type { BatteryItem };

export const BATTERY: BatteryItem[] = [...API, ...COOKIES, ...IDENTITY, ...ORIGINS, ...USERS, ...LIFECYCLE, ...STORE];

export interface BatteryReport {
  ran: string[];
  left: { id: string; why: string }[];
  /** What each item's probes did (evidence/trail.ts), for the picture of the check. */
  trails: Map<string, TrailEntry[]>;
  /** The item whose finding is reported, if one found something. */
  failed?: string;
}

/** Why an item does not run on this lesson's app, if it does not. */
export function leftOut(item: BatteryItem, ctx: CheckContext): string | undefined {
  const skip = ctx.lesson.skips?.[item.id];
  if (skip) return skip.en;
  if (item.from !== undefined && ctx.lesson.number < item.from) return `taught in lesson ${item.from}`;
  return item.lacks?.(ctx);
}

/**
 * Runs every item that applies; the first finding in the battery's order, and what ran and what
 * was left out. Items are independent (each logs in users of its own), so they run side by side,
 * all but those that disturb the whole app (a Redis restart), which run after the others have
 * passed. Reporting the first finding in order, not the first to arrive, keeps the verdict the same
 * from run to run.
 */
export async function runBattery(ctx: CheckContext): Promise<{ finding?: Finding; report: BatteryReport }> {
  const report: BatteryReport = { ran: [], left: [], trails: new Map() };
  const applies = BATTERY.filter((item) => {
    const why = leftOut(item, ctx);
    if (why) report.left.push({ id: item.id, why });
    else report.ran.push(item.id);
    return !why;
  });
  const alone = new Set(STORE);
  const log = serverLog(ctx);
  const together = applies.filter((item) => !alone.has(item));
  const findings = await Promise.all(together.map((item) => runItem(item, ctx, report)));
  const first = findings.findIndex(Boolean);
  if (first >= 0) report.failed = together[first]!.id;
  const found = findings[first] ?? codeErrors(log);
  if (found) return { finding: found, report };
  for (const item of applies.filter((item) => alone.has(item))) {
    const finding = (await runItem(item, ctx, report)) ?? codeErrors(log);
    if (finding) report.failed = item.id;
    if (finding) return { finding, report };
  }
  return { report };
}

/**
 * A TypeError or a ReferenceError the server printed while the battery ran: the app's own code
 * tripped over a request it should have handled (a missing cookie, a missing body), even where it
 * caught the error and answered something plausible.
 */
function codeErrors(log: ServerLog): Finding | undefined {
  const line = log.lines().find((l) => /\b(TypeError|ReferenceError)\b/.test(l));
  return line ? { fault: "SERVER_CODE_ERROR", seen: [`while the battery ran, the server printed: ${line.slice(0, 200)}`, "(the battery: what the server printed while its items ran)"] } : undefined;
}

async function runItem(item: BatteryItem, ctx: CheckContext, report: BatteryReport): Promise<Finding | undefined> {
  let finding: Finding | undefined;
  const started = performance.now();
  try {
    const { result, trail } = await withOwnTrail(() => item.run(ctx));
    report.trails.set(item.id, trail);
    finding = result;
  } catch (err) {
    finding = { fault: "NO_DECISION", seen: [`the battery's ${item.id} (${item.tries}) could not finish: ${(err as Error).message.split("\n")[0]}`] };
  }
  if (process.env.WORKSHOP_BATTERY_TIMES) process.stderr.write(`battery ${ctx.lesson.slug} ${item.id} ${Math.round(performance.now() - started)} ms\n`);
  return finding && { ...finding, seen: [...finding.seen, `(the battery's ${item.id}: ${item.tries})`] };
}
