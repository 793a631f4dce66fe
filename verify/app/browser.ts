// Finds a Chromium to drive and launches it once per run.
// Order: WORKSHOP_BROWSER (an explicit choice wins), Playwright's own download,
// then a system Chromium or Chrome; otherwise one error that says how to get one.
// Where there is a choice, the headless shell wins: the same engine and network stack without
// the desktop browser around it, which costs about half the CPU per check (measured: all ten
// lessons 9.3 s with Debian's chromium, 5.0 s with its chromium-headless-shell, on 2 cores).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser } from "playwright";
import { interruptedBy } from "./processes.ts";
import { WorkshopError } from "../errors.ts";

export const BROWSER_ENV = "WORKSHOP_BROWSER";

// Loaded on first use: loading Playwright is ~0.25 s of work, and a command can start its lesson
// servers first, so that they boot on another core meanwhile.
const requireHere = createRequire(import.meta.url);
const playwright = () => requireHere("playwright") as typeof import("playwright");

const SYSTEM_BROWSERS = [
  "/usr/lib/chromium/chromium-headless-shell", // Debian's chromium-headless-shell, without its sh wrapper
  "/usr/bin/chromium-headless-shell",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
];

// Without the networking flags Chromium phones home at start; on a closed network that is slow noise.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

export interface FoundBrowser {
  path: string;
  source: "environment" | "playwright" | "system";
  /** Chromium's headless shell rather than a full browser (setup offers to install it). */
  headlessShell: boolean;
}

export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  const chosen = env[BROWSER_ENV];
  if (chosen) {
    if (existsSync(chosen)) return found(chosen, "environment");
    throw new WorkshopError("NO_BROWSER", `${BROWSER_ENV} is set to ${chosen}, but no file exists there.\n${HOW_TO_GET_ONE}`);
  }
  const own = playwrightChromium().find((candidate) => existsSync(candidate));
  if (own) return found(own, "playwright");
  const system = SYSTEM_BROWSERS.find((candidate) => existsSync(candidate));
  if (system) return found(system, "system");
  throw new WorkshopError("NO_BROWSER", `No Chromium or Chrome was found.\n${HOW_TO_GET_ONE}`);
}

const HOW_TO_GET_ONE = `The verifier drives a real Chromium. Any one of these works:
  - npx playwright install chromium        (downloads Playwright's own build; needs internet)
  - sudo apt-get install chromium          (Debian/Ubuntu system package)
  - ${BROWSER_ENV}=/path/to/chrome npm run verify   (use a Chrome or Chromium you already have)
Then run \`npm run setup\` again to check.`;

function found(file: string, source: FoundBrowser["source"]): FoundBrowser {
  return { path: file, source, headlessShell: /headless[-_]shell/.test(path.basename(file)) };
}

/**
 * Playwright's own builds: its headless shell first, then its Chromium. Playwright names only the
 * Chromium's path; `playwright install chromium` puts the shell beside it, as
 * chromium_headless_shell-<rev>/chrome-headless-shell-<platform>/chrome-headless-shell.
 */
export function playwrightChromium(): string[] {
  let full: string;
  try {
    full = playwright().chromium.executablePath();
  } catch {
    return [];
  }
  const layout = /^(.*)[\\/]chromium-(\d+)[\\/]chrome-([^\\/]+)[\\/]/.exec(full);
  if (!layout) return [full];
  const [, root, revision, platform] = layout;
  const exe = process.platform === "win32" ? "chrome-headless-shell.exe" : "chrome-headless-shell";
  return [path.join(root!, `chromium_headless_shell-${revision}`, `chrome-headless-shell-${platform}`, exe), full];
}

/**
 * Launches the browser once `ready` settles (at most 200 ms later): commands start their lesson
 * servers first, so that they boot on another core while Playwright loads. A wrong explicit
 * WORKSHOP_BROWSER still fails at once, before anything starts.
 */
export function launchBrowserAfter(ready: Promise<unknown>): Promise<Browser> {
  if (process.env[BROWSER_ENV]) findBrowser();
  const launching = Promise.race([ready, new Promise((r) => setTimeout(r, 200))]).then(() => {
    // Ctrl-C came first: start no browser that the cleanup already finished waiting for.
    if (interruptedBy()) throw new Error(`interrupted by ${interruptedBy()}`);
    return launchBrowser(findBrowser());
  });
  launching.catch(() => {}); // callers await it later; an early rejection is not unhandled
  return launching;
}

export async function launchBrowser(found: FoundBrowser = findBrowser()): Promise<Browser> {
  try {
    return await playwright().chromium.launch({
      executablePath: found.path,
      args: ARGS,
      headless: true,
      timeout: 20_000,
      // The workshop ends the browser itself (processes.ts), in the right order with the servers.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    const first = String((err as Error).message).split("\n").filter(Boolean).slice(0, 6).join("\n    ");
    throw new WorkshopError(
      "BROWSER_LAUNCH_FAILED",
      `The browser at ${found.path} (found via ${found.source}) did not start:\n    ${first}\n${HOW_TO_GET_ONE}`,
    );
  }
}
