// One item of the battery: an attack or a misuse that every lesson's app is tried against once its
// own check passed, wherever the app has what the item targets.
import type { CheckContext, Finding } from "../kit/check.ts";

export interface BatteryItem {
  /** Stable id, e.g. "identity.forged-signature": what a lesson's metadata names to leave it out. */
  id: string;
  /** What it tries, in a few words. */
  tries: string;
  /**
   * The lesson that teaches what it attacks: it applies to that lesson and every later one, whose
   * apps are expected to have learnt it. Earlier lessons leave it out, saying so.
   */
  from?: number;
  /** Why it cannot apply to this app, when the app lacks what it targets. */
  lacks?(ctx: CheckContext): string | undefined;
  /** A finding fails the lesson; undefined: the app withstood it. */
  run(ctx: CheckContext): Promise<Finding | undefined>;
}
