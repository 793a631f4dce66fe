// Builds (a lesson server, a client bundle) are kept while they are newer than everything they are
// made of. A build is stamped with the time it started, so a file saved during it counts as newer.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** true if `outfile` exists and is newer than every file in `dirs` and every one of `files`. */
export function builtAfter(outfile: string, dirs: string[], files: string[] = []): boolean {
  try {
    const built = statSync(outfile).mtimeMs;
    const inputs = [...dirs.flatMap((dir) => readdirSync(dir).map((file) => path.join(dir, file))), ...files];
    return inputs.every((file) => statSync(file).mtimeMs < built);
  } catch {
    return false;
  }
}
