// Where things live. Everything else asks here instead of guessing relative paths.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const LESSONS_DIR = path.join(ROOT, "lessons");
export const SOLUTIONS_DIR = path.join(ROOT, "solutions");
/** The workshop's own state (progress, backups, pristine copies); git-ignored. */
export const STATE_DIR = path.join(ROOT, ".workshop");
