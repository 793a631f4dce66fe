// Keeps the reviewed list of equivalent mutants (test/mutation/equivalent-mutants.json) in step with
// the solutions: `npm run mutate` is too slow for CI, so this is what notices an entry left pointing
// at a line that a change to a solution removed, or one that says nothing about why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../verify/paths.ts";
import { globToRegExp, loadEquivalents, matchEquivalent } from "./mutation/equivalents.ts";

// StrykerJS's mutators (https://stryker-mutator.io/docs/mutation-testing-elements/supported-mutators/).
const MUTATORS = new Set([
  "ArithmeticOperator", "ArrayDeclaration", "ArrowFunction", "AssignmentOperator", "BlockStatement", "BooleanLiteral",
  "ConditionalExpression", "EqualityOperator", "LogicalOperator", "MethodExpression", "ObjectLiteral", "OptionalChaining",
  "Regex", "StringLiteral", "UnaryOperator", "UpdateOperator",
]);

function files(): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(path.join(ROOT, dir))) {
      const rel = `${dir}/${name}`;
      if (statSync(path.join(ROOT, rel)).isDirectory()) visit(rel);
      else out.push(rel);
    }
  };
  visit("solutions");
  return out;
}

const entries = loadEquivalents();

test("every equivalent mutant names a line that is still in the solutions, and why it makes no difference", () => {
  const all = files();
  for (const entry of entries) {
    const label = `${entry.files}: ${entry.line}`;
    assert.ok(MUTATORS.has(entry.mutator), `${label}: "${entry.mutator}" is not one of StrykerJS's mutators`);
    assert.ok(entry.why.trim().length > 20 && !entry.why.includes("\n"), `${label}: say in one line why no user could tell the difference`);
    const matched = all.filter((file) => globToRegExp(entry.files).test(file));
    assert.ok(matched.length > 0, `${label}: no file in solutions/ matches ${entry.files}`);
    const holding = matched.filter((file) => readFileSync(path.join(ROOT, file), "utf8").split("\n").some((line) => line.trim() === entry.line));
    assert.ok(holding.length > 0, `${label}: no longer in any solution: remove the entry, or update it to the line as it is now`);
  }
});

test("each equivalent mutant is listed once", () => {
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.files, entry.line, entry.mutator, entry.replacement ?? null]);
    assert.ok(!seen.has(key), `listed twice: ${key}`);
    seen.add(key);
  }
});

test("an entry matches the mutants it describes, and only those", () => {
  const entry = { files: "solutions/*/server.ts", line: "console.log(`x`);", mutator: "StringLiteral", why: "a line for the terminal only, nobody reads it" };
  const mutant = { file: "solutions/03-wrong-path/server.ts", line: "  console.log(`x`);", mutator: "StringLiteral", replacement: "``" };
  assert.equal(matchEquivalent([entry], mutant), entry);
  assert.equal(matchEquivalent([entry], { ...mutant, file: "solutions/03-wrong-path/client.ts" }), undefined);
  assert.equal(matchEquivalent([entry], { ...mutant, mutator: "BlockStatement" }), undefined);
  assert.equal(matchEquivalent([{ ...entry, replacement: '""' }], mutant), undefined);
  assert.equal(matchEquivalent([entry], { ...mutant, file: "solutions/03-wrong-path/nested/server.ts" }), undefined);
  const atColumn = { ...entry, column: 15 };
  assert.equal(matchEquivalent([atColumn], { ...mutant, column: 15 }), atColumn);
  assert.equal(matchEquivalent([atColumn], { ...mutant, column: 3 }), undefined);
});
