// npm run setup: after `npm install` (the npm script runs it first), make sure a browser (and a
// Redis server, for the lessons that keep sessions in Redis, and HAProxy, for the lesson behind a
// load balancer) is there and starts, snapshot the
// untouched lessons for `npm run reset`, and say what was found.
// Browser order: one that already works; Playwright's download (where the network allows);
// Debian/Ubuntu's chromium package via apt-get (as root); otherwise exact instructions.
import { BROWSER_ENV, HAPROXY_ENV, HOW_TO_GET_HAPROXY, HOW_TO_GET_REDIS, LESSONS, REDIS_ENV, ROOT, WorkshopError, findBrowser, findHaproxy, findRedis, freePort, haproxyVersion, launchBrowser, onCleanup, redisUrl, vendorModules, viteWorks, type FoundBrowser } from "../verify/index.ts";
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { snapshotLessons } from "./state/pristine.ts";
import { parse } from "./args.ts";
import { runCommand } from "./run-command.ts";
import { say, ui, warn } from "./ui.ts";

const USAGE = "npm run setup [-- --no-install-browser]";
let aptUpdated = false; // declared before the command runs: apt-get update once per setup

await runCommand(async () => {
  const { values } = parse(USAGE, { "no-install-browser": { type: "boolean", default: false } });
  say(ui.bold("Setting up the socket-session workshop"));

  // cli/launch.mjs has already refused a Node.js older than the floor (cli/node-version.mjs).
  say(`${ui.pass("")} Node.js ${process.versions.node}`);
  say(`${ui.pass("")} dependencies installed`);

  const browser = findOrInstallBrowser(!values["no-install-browser"]);
  const launched = await launchBrowser(browser);
  onCleanup(() => launched.close());
  const page = await launched.newPage();
  await page.goto("about:blank");
  await launched.close();
  say(`${ui.pass("")} browser works: ${browser.path} ${ui.dim(`(${describe(browser)})`)}`);

  const redis = findOrInstall(findRedis, REDIS_ENV, "redis-server", "for the lessons that keep sessions in Redis");
  if (redis) {
    await redisUrl(); // started and stopped again: it works
    say(`${ui.pass("")} Redis works: ${redis} ${ui.dim("(lessons that keep sessions in Redis; the workshop starts and stops it itself)")}`);
  } else {
    warn(ui.yellow(`  No Redis server: the lessons that keep sessions in Redis (${LESSONS.filter((l) => l.needs.redis).map((l) => l.number).join(", ")}) cannot be checked until one is installed.`));
    warn(ui.yellow(HOW_TO_GET_REDIS.replace(/^/gm, "  ")));
  }

  const haproxy = findOrInstall(findHaproxy, HAPROXY_ENV, "haproxy", "for the lesson that runs several instances behind a load balancer");
  const version = haproxyVersion(haproxy);
  const behind = LESSONS.filter((l) => l.needs.balancer).map((l) => l.number).join(", ");
  if (haproxy && version) {
    say(`${ui.pass("")} HAProxy works: ${haproxy} ${ui.dim(`(${version}; lesson ${behind} runs behind it; the workshop starts and stops it itself)`)}`);
  } else {
    warn(ui.yellow(`  No working HAProxy${haproxy ? ` (${haproxy} does not run)` : ""}: lesson ${behind} runs several instances behind it and cannot be checked until one is installed.`));
    warn(ui.yellow(HOW_TO_GET_HAPROXY.replace(/^/gm, "  ")));
  }

  const devServers = LESSONS.filter((l) => l.needs.devServer).map((l) => l.number).join(", ");
  try {
    say(`${ui.pass("")} Vite works: vite ${await viteWorks(await freePort())} ${ui.dim(`(lesson ${devServers} serves its page with it; the workshop starts and stops it itself)`)}`);
  } catch (err) {
    if (!(err instanceof WorkshopError)) throw err;
    warn(ui.yellow(`  Vite's dev server did not start: lesson ${devServers} cannot be checked. ${err.message.split("\n")[0]}`));
  }

  const vendor = await vendorModules();
  if (vendor) say(`${ui.pass("")} libraries prebuilt for lesson servers ${ui.dim("(lesson servers start with about a third less work)")}`);
  else warn(ui.yellow("  Could not prebuild the libraries for lesson servers; they will load them from node_modules (slower, same results)."));

  const source = snapshotLessons();
  say(`${ui.pass("")} untouched lessons saved for \`npm run reset\` ${ui.dim(`(from ${source === "git" ? "git" : "the lesson files"})`)}`);

  say(`\nReady. Start with ${ui.cyan("npm run lesson 1")}, or check everything with ${ui.cyan("npm test")}.`);
  return 0;
});

function findOrInstallBrowser(install: boolean): FoundBrowser {
  let browser: FoundBrowser | undefined;
  try {
    browser = findBrowser();
  } catch (err) {
    if (!install || process.env[BROWSER_ENV]) throw err;
  }
  if (browser) return browser.headlessShell || browser.source !== "system" ? browser : addHeadlessShell(browser, install);
  say(ui.dim("No browser found. Trying Playwright's own Chromium download…"));
  const download = spawnSync(process.execPath, [path.join(ROOT, "node_modules/playwright/cli.js"), "install", "chromium"], {
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 180_000,
    encoding: "utf8",
  });
  if (download.status === 0) return findBrowser();
  const reason = download.error ? String(download.error.message) : (download.stderr ?? "").split("\n").find((l) => /Error/.test(l)) ?? "it failed";
  say(ui.yellow(`  Playwright's download did not work (${reason.trim()}).`));

  if (canApt()) {
    say(ui.dim("Installing Debian's chromium package with apt-get…"));
    try {
      aptInstall("chromium");
    } catch (err) {
      warn(ui.yellow(`  apt-get could not install chromium: ${(err as Error).message.replace(/\n/g, "\n    ")}`));
      return findBrowser(); // throws NO_BROWSER with the instructions
    }
    return addHeadlessShell(findBrowser(), true);
  }
  return findBrowser(); // throws NO_BROWSER with the instructions
}

/**
 * A full system Chromium works, but its headless shell checks lessons in about half the time,
 * so setup adds it where it can. Where it cannot (no apt, not root, an older distribution
 * without the package), the full browser is used and setup says how to get the faster one.
 */
function addHeadlessShell(browser: FoundBrowser, install: boolean): FoundBrowser {
  if (install && canApt()) {
    say(ui.dim("Installing Debian's chromium-headless-shell package (checks run about twice as fast)…"));
    try {
      aptInstall("chromium-headless-shell");
      return findBrowser();
    } catch (err) {
      warn(ui.yellow(`  apt-get could not install chromium-headless-shell: ${(err as Error).message.replace(/\n/g, "\n    ")}`));
    }
  }
  say(ui.dim(`  Tip: checks run about twice as fast with a headless shell (\`apt-get install chromium-headless-shell\`, or \`npx playwright install chromium\`).`));
  return browser;
}

/**
 * A server program a lesson needs (redis-server, haproxy): the one found, else Debian/Ubuntu's
 * package where setup can install it (root, or CI's password-less sudo); otherwise the lessons
 * that need it say how to get it.
 */
function findOrInstall(find: () => string | undefined, envName: string, pkg: string, forWhat: string): string | undefined {
  const found = find();
  if (found || process.env[envName] || !canApt()) return found;
  say(ui.dim(`Installing Debian's ${pkg} package with apt-get (${forWhat})…`));
  try {
    aptInstall(pkg);
  } catch (err) {
    warn(ui.yellow(`  apt-get could not install ${pkg}: ${(err as Error).message.replace(/\n/g, "\n    ")}`));
  }
  return find();
}

// As root; or, on a CI runner (GitHub's ubuntu runners run as a user with password-less sudo),
// through sudo. Never through sudo on a learner's machine: setup does not ask for a password.
const viaSudo = () => process.platform === "linux" && process.getuid?.() !== 0 && Boolean(process.env.CI) && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;

function canApt(): boolean {
  return process.platform === "linux" && (process.getuid?.() === 0 || viaSudo()) && hasCommand("apt-get");
}

function aptInstall(pkg: string): void {
  // apt's own chatter ("debconf: delaying package configuration…") is shown only if it fails.
  const apt = (args: string[], timeout: number) => {
    try {
      const [command, ...rest] = process.getuid?.() === 0 ? ["apt-get", ...args] : ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args];
      execFileSync(command!, rest, { stdio: ["ignore", "ignore", "pipe"], timeout, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    } catch (err) {
      const said = String((err as { stderr?: Buffer }).stderr ?? "").trim();
      throw new Error(`apt-get ${args.join(" ")} failed${said ? `:\n${said}` : ""}`);
    }
  };
  if (!aptUpdated) apt(["update", "-qq"], 300_000);
  aptUpdated = true;
  apt(["install", "-y", "-qq", pkg], 600_000);
}

function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

function describe(browser: FoundBrowser): string {
  const where = { environment: `from ${BROWSER_ENV}`, playwright: "Playwright's own Chromium", system: "system browser" }[browser.source];
  return browser.headlessShell ? `${where}, headless shell` : where;
}
