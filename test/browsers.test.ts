// The verdicts must not depend on which Chromium runs them: a learner may have a full Chromium or
// Chrome, where CI and most setups use a headless shell (half the CPU). Where both kinds are
// installed, every untouched lesson and every solution is verified again with the other kind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { findBrowser, launchBrowser, type FoundBrowser } from "../verify/app/browser.ts";
import { verifyAll } from "../verify/judge/run.ts";
import { LESSONS, solutionDir } from "../verify/catalogue/lessons.ts";
import { selfTestDir } from "../cli/state/pristine.ts";

const SHELLS = ["/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium-headless-shell"];
const FULL = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

function otherKind(): FoundBrowser | undefined {
  const usual = findBrowser();
  const path = (usual.headlessShell ? FULL : SHELLS).find((candidate) => existsSync(candidate));
  return path ? { path, source: "system", headlessShell: !usual.headlessShell } : undefined;
}

const other = otherKind();

test(
  `the other kind of Chromium (${other ? other.path : "none installed"}) gives the same verdicts`,
  { skip: !other && "only one kind of Chromium is installed here" },
  async () => {
    const browser = await launchBrowser(other!);
    try {
      const targets = LESSONS.flatMap((lesson) => [
        { lesson, appDir: selfTestDir(lesson), checkDir: selfTestDir(lesson) },
        { lesson, appDir: solutionDir(lesson), checkDir: selfTestDir(lesson) },
      ]);
      const results = await verifyAll(browser, targets);
      const seen = results.map((r, i) => `${targets[i]!.appDir.includes("solutions") ? "solution" : "untouched"} ${r.slug}: ${r.status} ${r.fault ?? ""}`.trim());
      const expected = LESSONS.flatMap((l) => [`untouched ${l.slug}: fail ${l.fault}`, `solution ${l.slug}: pass`]);
      assert.deepEqual(seen, expected);
    } finally {
      await browser.close();
    }
  },
);
