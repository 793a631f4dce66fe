// The battery: the same attacks and misuses, tried on every lesson's app once its own check has
// passed, so that a pass means the app is right for its users, not only that the planted bug is
// gone. Items run in this order, the ones that end sessions or disturb Redis last; the first
// finding fails the lesson. An item applies from the lesson that teaches what it attacks, where
// the app has what it targets (a push route, TLS, a Redis of its own); a lesson may leave one out
// only with a reason in its lesson.ts (`skips`).
import type { CheckContext, Finding } from "../kit/check.ts";
import { COOKIES } from "./cookies.ts";
import { IDENTITY } from "./identity.ts";
import { LIFECYCLE } from "./lifecycle.ts";
import { ORIGINS } from "./origins.ts";
import { STORE } from "./store.ts";
import { USERS } from "./users.ts";
import type { BatteryItem } from "./item.ts";

export type { BatteryItem };

export const BATTERY: BatteryItem[] = [...COOKIES, ...IDENTITY, ...ORIGINS, ...USERS, ...LIFECYCLE, ...STORE];

export interface BatteryReport {
  ran: string[];
  left: { id: string; why: string }[];
}

/** Why an item does not run on this lesson's app, if it does not. */
export function leftOut(item: BatteryItem, ctx: CheckContext): string | undefined {
  const skip = ctx.lesson.skips?.[item.id];
  if (skip) return skip.en;
  if (item.from !== undefined && ctx.lesson.number < item.from) return `taught in lesson ${item.from}`;
  return item.lacks?.(ctx);
}

/** Runs every item that applies, in order; the first finding, and what ran and what was left out. */
export async function runBattery(ctx: CheckContext): Promise<{ finding?: Finding; report: BatteryReport }> {
  const report: BatteryReport = { ran: [], left: [] };
  for (const item of BATTERY) {
    const why = leftOut(item, ctx);
    if (why) {
      report.left.push({ id: item.id, why });
      continue;
    }
    report.ran.push(item.id);
    let finding: Finding | undefined;
    const started = performance.now();
    try {
      finding = await item.run(ctx);
    } catch (err) {
      finding = { fault: "NO_DECISION", seen: [`the battery's ${item.id} (${item.tries}) could not finish: ${(err as Error).message.split("\n")[0]}`] };
    }
    if (process.env.WORKSHOP_BATTERY_TIMES) process.stderr.write(`battery ${ctx.lesson.slug} ${item.id} ${Math.round(performance.now() - started)} ms\n`);
    if (finding) return { finding: { ...finding, seen: [...finding.seen, `(the battery's ${item.id}: ${item.tries})`] }, report };
  }
  return { report };
}
