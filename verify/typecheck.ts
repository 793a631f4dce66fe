// Type-checks a lesson's own files (not its verify.ts) with the project's tsconfig.
// TypeScript 7's native compiler does this in a fraction of a second, so it runs on every verify,
// alongside the browser check.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";
import { spawnOwned } from "./processes.ts";
import { ROOT, WORK_DIR } from "./paths.ts";

export interface TypecheckResult {
  errors: string[];
  /** true when every error is a syntax error (TS1xxx), i.e. the file does not even parse */
  syntaxOnly: boolean;
}

const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");

export async function typecheck(dir: string): Promise<TypecheckResult> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".ts") && f !== "verify.ts").map((f) => path.join(dir, f));
  const configDir = path.join(WORK_DIR, "tsconfig");
  await mkdir(configDir, { recursive: true });
  const config = path.join(configDir, `${createHash("sha1").update(dir).digest("hex").slice(0, 12)}.json`);
  // "files" (not "include"): the root tsconfig excludes .workshop/, where pristine copies live.
  await writeFile(config, JSON.stringify({ extends: path.join(ROOT, "tsconfig.json"), include: [], files }));
  const output = await new Promise<string>((resolve) => {
    const child = spawnOwned(process.execPath, [TSC, "--noEmit", "--pretty", "false", "-p", config], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout!.on("data", (d) => (text += d));
    child.stderr!.on("data", (d) => (text += d));
    child.once("exit", () => resolve(text));
  });
  const errors = output.split("\n").filter((line) => /error TS\d+/.test(line));
  return { errors, syntaxOnly: errors.length > 0 && errors.every((line) => /error TS1\d{3}:/.test(line)) };
}
