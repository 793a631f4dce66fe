// The shapes of a lesson's metadata (lessons/NN-slug/lesson.ts) and of a fault's explanation. Every
// text a learner reads is written in each language the workshop speaks, side by side, so that the
// compiler refuses a text with a language missing.
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

/** One text in every language. */
export type Text = Record<Language, string>;

export interface FaultText {
  /** What is wrong, in one sentence. */
  title: string;
  /** What it usually means, and how such an app is fixed. */
  meaning: string;
}

/** A fault's explanation in every language. */
export type FaultEntry = Record<Language, FaultText>;

/** What a lesson's app needs beside itself; the harness starts it. */
export interface LessonNeeds {
  /** A Redis server, given to the app as REDIS_URL; "own": one for this app alone (its check disrupts it). */
  redis?: true | "own";
  /** A proxy in front of the server that terminates TLS, as in production (X-Forwarded-Proto: https). */
  tlsProxy?: true;
  /**
   * Several instances of server.ts behind HAProxy, run with the lesson's own haproxy.cfg (the learner
   * edits it): the browser reaches the balancer; checks may reach each instance (verify/app/haproxy.ts).
   */
  balancer?: { instances: number };
  /**
   * The page is served by the lesson's own Vite dev server (index.html, client.ts, vite.config.ts
   * in its folder) instead of the workshop's page host, and opened on the host its config chose;
   * Vite gets the API's address as API_URL (and VITE_API_URL for the page). The wire then records
   * the page's own origin too, where a proxy in vite.config.ts passes requests on (verify/app/vite.ts).
   */
  devServer?: "vite";
}

/** What the app offers that the battery can try (verify/battery/): only where an app has it. */
export interface LessonFeatures {
  /** A route that pushes a private event to the requesting user's sockets (POST path → event). */
  push?: { path: string; event: string };
  /** The learner writes the app's origin checks in this lesson: the battery also runs it told a production-style origin. */
  originChecks?: true;
  /** A cart in the session: GET/POST `/cart` over HTTP (`{ item }` in, `{ cart }` out); the battery tries its API. */
  cart?: true;
  /** Login statistics: GET /stats answers `{ logins }`, and each login adds one; the battery tries it. */
  stats?: true;
  /** The app refuses sockets that are not logged in, as its README says; any other app lets a visitor's socket in, as nobody. */
  refusesVisitorSockets?: true;
}

/** lessons/NN-slug/lesson.ts: `export default { ... } satisfies LessonMeta`. */
export interface LessonMeta {
  title: Text;
  /** The README table's "What you see": the symptom, as a user meets it. */
  symptom: Text;
  /** The README table's "You learn". */
  teaches: Text;
  /** The fault the untouched lesson must show: one of the shared catalogue's, or one of `faults`. */
  fault: string;
  /** What a pass proves, in one sentence. */
  passed: Text;
  /** Layered hints, gentlest first; `npm run hint` reveals one more each time. */
  hints: Text[];
  needs?: LessonNeeds;
  features?: LessonFeatures;
  /**
   * Battery items this lesson leaves out, each with the reason (in both languages). Items the
   * lesson comes before (they attack what a later lesson teaches) are left out without a word here.
   */
  skips?: Record<string, Text>;
  /** Faults only this lesson's check reports, with their explanations. */
  faults?: Record<string, FaultEntry>;
}

/** A lesson as the engine knows it: its metadata, and its number, slug and folder from the folder's name. */
export interface LessonInfo extends Omit<LessonMeta, "needs"> {
  number: number;
  slug: string;
  needs: LessonNeeds;
}
