// The engine's one entry point: everything the CLI (cli/) and the scripts use of the verifier.
// The folders behind it, by job:
//   catalogue/  the lessons (found by scanning lessons/), the shared faults, the languages
//   build/      every esbuild build and its cache, the prebuilt libraries, the type check
//   app/        running a lesson's app and what it needs: servers, page host, Redis, proxies, browser
//   evidence/   what the browser saw (wire), the standard scenario, the diagnosis
//   judge/      verifying one app or many, keeping one running for `npm run lesson`
//   kit/        what a lesson's check imports as "#verify"
export { BROKEN_LESSONS, LESSONS, findLesson, lessonDir, solutionDir, LESSON_FOLDER, type BrokenLesson, type LessonInfo } from "./catalogue/lessons.ts";
export type { LessonMeta, Language, Text } from "./catalogue/define.ts";
export type { FaultCode } from "./catalogue/faults.ts";
export { LANGUAGES, LANGUAGE_ENV, explainHeadings, faultInfo, language, lessonText, unknownLanguage } from "./catalogue/language.ts";

export { verifyAll, verifyTarget, result, explain, type LessonResult, type Target } from "./judge/run.ts";
export { LiveLesson } from "./judge/live.ts";
export { sequenceSvg, type Actor, type Arrow } from "./evidence/sequence.ts";
export { TRACE_ENV } from "./judge/trace.ts";

export { BROWSER_ENV, findBrowser, launchBrowser, launchBrowserAfter, type FoundBrowser } from "./app/browser.ts";
export { firstServerSpawned, withoutLibraryFrames } from "./app/lesson-server.ts";
export { assertPortFree, freePort } from "./app/ports.ts";
export { HOW_TO_GET_REDIS, REDIS_ENV, findRedis, redisUrl } from "./app/redis.ts";
export { HAPROXY_ENV, HOW_TO_GET_HAPROXY, findHaproxy, haproxyVersion, startBalancer } from "./app/haproxy.ts";
export { viteWorks } from "./app/vite.ts";
export { buildWorkshopPage } from "./build/esbuild.mjs";
export { cleanupAll, interruptedBy, onCleanup } from "./app/processes.ts";
export { vendorModules } from "./build/vendor.ts";

export { WorkshopError } from "./errors.ts";
export { LESSONS_DIR, ROOT, SOLUTIONS_DIR, STATE_DIR, WORK_DIR } from "./paths.ts";
