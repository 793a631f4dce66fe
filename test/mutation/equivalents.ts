// The equivalent mutants of the solutions: changes StrykerJS makes that no user of the app could
// notice, each with the reason, reviewed like code. `npm run mutate` reads them; a test keeps each
// one pointing at a line that still exists.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../../verify/paths.ts";

export interface Equivalent {
  /** The files it covers, a glob where `*` stands for one path segment: "solutions/*\/server.ts". */
  files: string;
  /** The source line the mutant starts on, trimmed. */
  line: string;
  /** Stryker's mutator: "StringLiteral", "OptionalChaining", "BlockStatement", … */
  mutator: string;
  /** What the mutant puts in place of the original, as Stryker reports it; absent: any. */
  replacement?: string;
  /** The column it starts at (1-based), where one line holds two mutants alike; absent: any. */
  column?: number;
  /** Why no user could tell the difference. */
  why: string;
}

export const EQUIVALENTS_FILE = path.join(ROOT, "test", "mutation", "equivalent-mutants.json");

export function loadEquivalents(): Equivalent[] {
  return (JSON.parse(readFileSync(EQUIVALENTS_FILE, "utf8")) as { mutants: Equivalent[] }).mutants;
}

export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join("[^/]*")}$`);
}

export function matchEquivalent(list: Equivalent[], mutant: { file: string; line: string; column?: number; mutator: string; replacement: string }): Equivalent | undefined {
  const file = mutant.file.split(path.sep).join("/");
  return list.find(
    (entry) =>
      globToRegExp(entry.files).test(file) &&
      entry.line === mutant.line.trim() &&
      entry.mutator === mutant.mutator &&
      (entry.replacement === undefined || entry.replacement === mutant.replacement) &&
      (entry.column === undefined || entry.column === mutant.column),
  );
}
