// Tells `npm run lesson` which of the lesson's files were saved. It must keep seeing saves when the
// folder itself is replaced (`npm run reset`, `git checkout`, `git stash`) and when an editor saves
// by writing a new file and renaming it over the old one (vim, JetBrains' safe write, many others).
// A watcher on a folder follows that folder's inode: once the folder is replaced it reports
// nothing more. So the lesson folder's parent is watched too, and the folder's watcher is set up
// again whenever the folder is removed or created. Where the system reports no changes at all
// (WSL's view of Windows drives, network shares), each file's time and size are compared instead.
import { existsSync, readdirSync, readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";

export interface LessonWatcher {
  close(): void;
}

/** The files whose save checks the lesson again: its code, not its README or its check. */
export function isWatched(file: string): boolean {
  const name = path.basename(file);
  // Editors' lock, swap and backup files (.#server.ts, #server.ts#, server.ts~) are not saves.
  return /\.(ts|js|mjs|cjs|json|cfg|html)$/.test(name) && !/^[.#]/.test(name) && name !== "verify.ts";
}

/** Reports each saved file's name (or every file of the folder, when the folder was replaced). */
export function watchLesson(dir: string, onSave: (file: string) => void, mode: "events" | "poll"): LessonWatcher {
  return mode === "poll" ? poll(dir, onSave) : follow(dir, onSave);
}

function follow(dir: string, onSave: (file: string) => void): LessonWatcher {
  let own: FSWatcher | undefined;
  let closed = false;
  const arm = () => {
    own?.close();
    own = undefined;
    if (closed || !existsSync(dir)) return; // the parent reports when it comes back
    try {
      own = watch(dir, (_event, file) => file && isWatched(String(file)) && onSave(String(file)));
      // A folder deleted under its watcher ends it with an error on some systems: the parent re-arms.
      own.on("error", () => {
        own?.close();
        own = undefined;
      });
    } catch {
      own = undefined; // removed again in the meantime: the parent reports that too
    }
  };
  arm();
  const name = path.basename(dir);
  const parent = watch(path.dirname(dir), (_event, file) => {
    if (String(file) !== name) return;
    arm();
    // The folder was replaced as a whole: every file in it may have changed.
    if (existsSync(dir)) for (const file of readdirSync(dir).filter(isWatched)) onSave(file);
  });
  return {
    close() {
      closed = true;
      own?.close();
      parent.close();
    },
  };
}

function poll(dir: string, onSave: (file: string) => void, intervalMs = 300): LessonWatcher {
  let before = snapshot(dir);
  const timer = setInterval(() => {
    const now = snapshot(dir);
    for (const [file, stamp] of now) if (before.get(file) !== stamp) onSave(file);
    for (const file of before.keys()) if (!now.has(file)) onSave(file);
    before = now;
  }, intervalMs);
  return { close: () => clearInterval(timer) };
}

/** Each watched file's identity and time: a file replaced by a rename has a new inode. */
function snapshot(dir: string): Map<string, string> {
  const stamps = new Map<string, string>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter(isWatched);
  } catch {
    return stamps; // the folder is being replaced
  }
  for (const file of files) {
    try {
      const { ino, mtimeMs, size } = statSync(path.join(dir, file));
      stamps.set(file, `${ino}:${mtimeMs}:${size}`);
    } catch {
      // removed between the listing and the stat
    }
  }
  return stamps;
}

/**
 * Whether `npm run lesson` watches `dir` by polling: when asked (--poll, WORKSHOP_WATCH=poll) and on
 * WSL's view of a Windows drive (/mnt/c/…), where file changes are not reported to Linux.
 */
export function pollsIn(dir: string, asked = false): boolean {
  return asked || process.env.WORKSHOP_WATCH === "poll" || onWslWindowsDrive(dir);
}

function onWslWindowsDrive(dir: string): boolean {
  if (process.platform !== "linux" || !dir.startsWith("/mnt/")) return false;
  try {
    return /microsoft/i.test(readFileSync("/proc/version", "utf8"));
  } catch {
    return false;
  }
}
