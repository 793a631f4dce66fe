// The reporters verify and grade share. `human` streams verdicts as they come (cli/report.ts); the
// others print one document at the end, and one document too when the run fails before judging
// (bad input, no browser, an internal error), so a CI job always has a file to read.
import { WorkshopError } from "../../verify/index.ts";
import type { ResultsDocument } from "./document.ts";
import { resultsDocument, type RunFacts } from "./build.ts";
import { gradescope } from "./gradescope.ts";
import { junit } from "./junit.ts";

export const REPORTERS = ["human", "json", "junit", "gradescope"] as const;
export type Reporter = (typeof REPORTERS)[number];

export function render(reporter: Exclude<Reporter, "human">, doc: ResultsDocument): string {
  if (reporter === "junit") return junit(doc);
  if (reporter === "gradescope") return gradescope(doc);
  return JSON.stringify(doc, null, 2) + "\n";
}

/**
 * The reporter asked for on the command line, read before the rest is parsed, so that even a
 * usage error is reported in the document the caller asked for. Unknown: undefined.
 */
export function reporterIn(argv: string[]): Reporter | undefined {
  let value: string | undefined = "human";
  argv.forEach((arg, i) => {
    if (arg === "--reporter") value = argv[i + 1];
    else if (arg.startsWith("--reporter=")) value = arg.slice("--reporter=".length);
  });
  return REPORTERS.find((r) => r === value);
}

export function checkReporter(value: string, usage: string): Reporter {
  const found = REPORTERS.find((r) => r === value);
  if (!found) throw new WorkshopError("BAD_ARGUMENTS", `Unknown reporter "${value}": use ${REPORTERS.join(", ")}.\nUsage: ${usage}`);
  return found;
}

/**
 * For runCommand's onError: the document the command line asked for, with the error, when the
 * command fails before it could report (the reporter is read from argv: parsing may be what failed).
 */
export function reportError(facts: RunFacts, argv = process.argv.slice(2)) {
  const asked = reporterIn(argv);
  return (error: { code: string; message: string }) => {
    if (asked && asked !== "human") process.stdout.write(render(asked, resultsDocument(facts, [], error)));
  };
}
