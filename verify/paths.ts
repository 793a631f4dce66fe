// Where things live. Everything else asks here instead of guessing relative paths.
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const compiled = `${path.sep}.workshop${path.sep}build${path.sep}cli${path.sep}`;
/** The workshop folder, also when this module runs compiled from .workshop/build/cli/<key>/verify/. */
export const ROOT = here.includes(compiled) ? here.slice(0, here.indexOf(compiled)) : path.resolve(here, "..");
export const LESSONS_DIR = path.join(ROOT, "lessons");
export const SOLUTIONS_DIR = path.join(ROOT, "solutions");
/** Files the workshop generates that must sit inside the project (tsconfigs, lesson copies); git-ignored. */
export const WORK_DIR = path.join(ROOT, ".workshop");
/** The learner's state: progress, backups, the pristine snapshot. Tests point it elsewhere. */
export const STATE_DIR = process.env.WORKSHOP_STATE_DIR ? path.resolve(process.env.WORKSHOP_STATE_DIR) : WORK_DIR;
