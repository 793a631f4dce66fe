// What setup installs, and on which Node: the floor that cli/node-version.mjs enforces is the one
// package.json states and the one the code needs; every dependency with an install script has a
// recorded decision (npm 11 warns about the others); what lessons need at run time is a dependency.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "../verify/paths.ts";
// @ts-expect-error: plain JavaScript without types, so that it runs on any Node
import { NODE_FLOOR } from "../cli/node-version.mjs";

const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};

test("package.json states the Node floor that the launcher enforces", () => {
  assert.equal(manifest.engines.node, `>=${(NODE_FLOOR as number[]).slice(0, 2).join(".")}`);
});

test("an older Node gets one clear message and exit code 2, before anything loads", () => {
  for (const [version, code] of [["20.11.1", 2], ["18.20.0", 2], ["20.12.0", 0], ["22.1.0", 0]] as const) {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", `import("./cli/node-version.mjs").then((m) => m.requireNode(${JSON.stringify(version)}))`], { cwd: ROOT, encoding: "utf8" });
    assert.equal(run.status, code, `${version}: ${run.stderr}`);
    if (code) assert.match(run.stderr, new RegExp(`Node\\.js ${version.replace(/\./g, "\\.")} is too old: the workshop needs 20\\.12\\.0 or newer`));
  }
});

test("every installed package with an install script has a recorded decision in allowScripts", () => {
  const withScripts: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue;
      const pkg = path.join(dir, name);
      if (name.startsWith("@")) {
        visit(pkg);
        continue;
      }
      const file = path.join(pkg, "package.json");
      if (!existsSync(file)) continue;
      const { scripts = {} } = JSON.parse(readFileSync(file, "utf8")) as { scripts?: Record<string, string> };
      if (scripts.preinstall || scripts.install || scripts.postinstall) withScripts.push(name);
      if (existsSync(path.join(pkg, "node_modules"))) visit(path.join(pkg, "node_modules"));
    }
  };
  visit(path.join(ROOT, "node_modules"));
  for (const name of withScripts) assert.ok(manifest.allowScripts && name in manifest.allowScripts, `${name} runs an install script, and allowScripts says nothing of it`);
});

test("what the lessons need at run time is a dependency, so `npm ci --omit=dev` still checks lessons", () => {
  // The lesson type check runs the compiler with the libraries' types.
  for (const name of ["typescript", "@types/node", "@types/express", "@types/express-session", "@types/cors", "@types/cookie-signature"]) {
    assert.ok(name in manifest.dependencies, `${name} is not in dependencies`);
  }
  assert.deepEqual(Object.keys(manifest.devDependencies ?? {}), ["@stryker-mutator/core"], "the only dev dependency is StrykerJS, for `npm run mutate`");
});

test("setup leaves the development dependencies out, and only `npm run mutate` uses them", () => {
  assert.match(readFileSync(path.join(ROOT, "cli", "install.mjs"), "utf8"), /"--omit=dev"/);
  const users: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, name.name);
      if (name.isDirectory()) visit(file);
      else if (/\.[cm]?[jt]s$/.test(name.name) && file !== fileURLToPath(import.meta.url) && readFileSync(file, "utf8").includes("@stryker-mutator")) users.push(path.relative(ROOT, file));
    }
  };
  for (const dir of ["cli", "verify", "scripts", "test", "page", "lessons", "solutions"]) visit(path.join(ROOT, dir));
  assert.deepEqual(users, [path.join("scripts", "mutate.ts")]);
});
