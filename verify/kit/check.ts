// What a lesson's check is: a more precise name for a standard finding (refine), and checks of its
// own once the standard one passed (extra), with the context they run in. defineCheck ties a check
// to its lesson's metadata; every fault code a check names must be explained by the shared catalogue
// or by the lesson's own lesson.ts (test/catalogue.test.ts reads the checks to make sure).
import type { Browser, BrowserContext, Page } from "playwright";
import type { LessonInfo, LessonMeta } from "../catalogue/define.ts";
import type { Finding } from "../evidence/diagnose.ts";
import type { Observation } from "../evidence/scenario.ts";
import type { Wire } from "../evidence/wire.ts";

export type { Finding };

export interface LessonCheck {
  /** Names a standard finding more precisely for this lesson's app; must keep it a failure. */
  refine?(finding: Finding, obs: Observation): Finding;
  /** Runs only after the standard check passed; returns a Finding to fail the lesson. */
  extra?(ctx: CheckContext): Promise<Finding | undefined>;
}

/** `export default defineCheck(lesson, { ... })` in a lesson's verify.ts, beside `import lesson from "./lesson.ts"`. */
export function defineCheck(_lesson: LessonMeta, check: LessonCheck = {}): LessonCheck {
  return check;
}

export interface LessonCheck {
  /** Names a standard finding more precisely for this lesson's app; must keep it a failure. */
  refine?(finding: Finding, obs: Observation): Finding;
  /** Runs only after the standard check passed; returns a Finding to fail the lesson. */
  extra?(ctx: CheckContext): Promise<Finding | undefined>;
}

export interface CheckContext {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  wire: Wire;
  obs: Observation;
  /** The API as checks reach it: where the page's dev server passes it on (needs.devServer), the page's own origin. */
  apiUrl: string;
  pageUrl: string;
  /** The Socket.IO path the page's socket used (the app may have moved it), e.g. "/socket.io/". */
  socketPath: string;
  /** Where the app's routes are mounted, as the page's login showed: "" for /login, "/api" for /api/login. */
  routePrefix: string;
  /** The lesson server's own address: behind a TLS-terminating proxy (lesson 12), not the apiUrl. */
  serverUrl: string;
  /** Behind a load balancer (needs.balancer): each instance's own address, e.g. to put a user's tabs on different ones. */
  instances?: string[];
  /** Behind a load balancer: its address, where the page reaches the app (apiUrl is then the first instance's). */
  balancer?: string;
  secret: string;
  /** The secret before the last rotation, given to the app as PREVIOUS_SESSION_SECRET. */
  previousSecret: string;
  /** The user the standard scenario logged in, and its verified session id. */
  username: string;
  sessionId: string;
  /** The browser's connect.sid value (URL-encoded, as in a Cookie header). */
  cookie: string;
  serverOutput(): string;
  /** Settles with how the lesson server's process ended ("exited with code 1"), if it ends. */
  serverExited: Promise<string>;
  /** The folder of the app under check (lesson, solution or a copy), e.g. to run its Node client. */
  appDir: string;
  /** The Redis server the app was given as REDIS_URL (lessons that need Redis). */
  redisUrl?: string;
  /** Restarts the app's own Redis (lessons that need one of their own): down for `downMs`, then back, empty. */
  restartRedis?(downMs: number): Promise<void>;
  /** The lesson under check: its metadata. */
  lesson: LessonInfo;
  /** Runs `cleanup` once the check is over (a second instance, a page), whatever its verdict. */
  onDone(cleanup: () => Promise<unknown> | void): void;
}

