// What a lesson's verify.ts can use (imported as "#verify"). Every lesson runs the standard
// scenario (scenario.ts) and diagnosis (diagnose.ts); a lesson's check only adds what its own
// app makes knowable, e.g. naming the fault more precisely for the code that lesson is about.
import type { Finding } from "./diagnose.ts";
import type { Observation } from "./scenario.ts";

export type { Finding, Observation };

export interface LessonCheck {
  /** Names a standard finding more precisely for this lesson's app; must keep it a failure. */
  refine?(finding: Finding, obs: Observation): Finding;
}

export function defineCheck(check: LessonCheck = {}): LessonCheck {
  return check;
}
