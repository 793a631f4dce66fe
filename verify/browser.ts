// Finds a Chromium to drive and launches it once per run.
// Order: WORKSHOP_BROWSER (an explicit choice wins), Playwright's own download,
// then a system Chromium or Chrome; otherwise one error that says how to get one.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright";
import { WorkshopError } from "./errors.ts";

export const BROWSER_ENV = "WORKSHOP_BROWSER";

const SYSTEM_BROWSERS = [
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
}

export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  const chosen = env[BROWSER_ENV];
  if (chosen) {
    if (existsSync(chosen)) return { path: chosen, source: "environment" };
    throw new WorkshopError("NO_BROWSER", `${BROWSER_ENV} is set to ${chosen}, but no file exists there.\n${HOW_TO_GET_ONE}`);
  }
  const own = playwrightChromium();
  if (own && existsSync(own)) return { path: own, source: "playwright" };
  const system = SYSTEM_BROWSERS.find((candidate) => existsSync(candidate));
  if (system) return { path: system, source: "system" };
  throw new WorkshopError("NO_BROWSER", `No Chromium or Chrome was found.\n${HOW_TO_GET_ONE}`);
}

const HOW_TO_GET_ONE = `The verifier drives a real Chromium. Any one of these works:
  - npx playwright install chromium        (downloads Playwright's own build; needs internet)
  - sudo apt-get install chromium          (Debian/Ubuntu system package)
  - ${BROWSER_ENV}=/path/to/chrome npm run verify   (use a Chrome or Chromium you already have)
Then run \`npm run setup\` again to check.`;

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export async function launchBrowser(found: FoundBrowser = findBrowser()): Promise<Browser> {
  try {
    return await chromium.launch({
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
