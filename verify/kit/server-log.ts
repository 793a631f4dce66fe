// What the app's server printed, from a moment on: messages, not stack frames.
import { withoutLibraryFrames } from "../app/lesson-server.ts";
import type { CheckContext } from "./check.ts";

export interface ServerLog {
  /** The lines printed since the log was opened, stack frames and source excerpts left out. */
  lines(): string[];
  /** Waits (at most `ms`) for a line that matches; the first such line, if one came. */
  waitFor(pattern: RegExp, ms: number): Promise<string | undefined>;
}

export function serverLog(ctx: CheckContext): ServerLog {
  const from = ctx.serverOutput().length;
  const lines = () =>
    withoutLibraryFrames(ctx.serverOutput().slice(from))
      .filter((line) => !/^\s+at |^\s*\^\s*$|^Node\.js v\d/.test(line))
      .map((line) => line.trim());
  return {
    lines,
    async waitFor(pattern, ms) {
      const deadline = performance.now() + ms;
      for (;;) {
        const line = lines().find((l) => pattern.test(l));
        if (line || performance.now() > deadline) return line;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
