// The results as JUnit XML, in the shape GitLab, Jenkins and the GitHub test-report actions read:
// <testsuites> with one <testsuite>, one <testcase> per lesson, a <failure> carrying the fault
// (type), its title (message) and the whole verdict with its evidence (text). A run that could not
// judge is one <testcase name="workshop"> with an <error>, so a reader still finds one document.
import type { LessonEntry, ResultsDocument } from "./document.ts";

// XML 1.0 forbids most control characters even escaped; terminal colours never reach here, but a
// learner's server output quoted in evidence might carry them.
const clean = (text: string) => text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
const attr = (text: string) => clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
const body = (text: string) => clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const seconds = (ms: number) => (ms / 1000).toFixed(3);

export const caseName = (l: Pick<LessonEntry, "number" | "slug" | "title">) => `${String(l.number).padStart(2, "0")} ${l.slug.slice(3)}: ${l.title}`;

function testcase(l: LessonEntry): string {
  const open = `    <testcase classname="socket-session-workshop" name="${attr(caseName(l))}" time="${seconds(l.durationMs)}"`;
  const title = l.message?.split("\n")[0] ?? "";
  if (l.status === "pass") return `${open}/>`;
  if (l.status === "skip") return `${open}>\n      <skipped message="${attr(title || "not checked")}"/>\n    </testcase>`;
  const fault = l.fault ?? "FAIL";
  return `${open}>\n      <failure type="${attr(fault)}" message="${attr(`${fault}: ${title}`)}">${body(l.message ?? "")}</failure>\n    </testcase>`;
}

export function junit(doc: ResultsDocument): string {
  const count = (status: LessonEntry["status"]) => doc.lessons.filter((l) => l.status === status).length;
  const errors = doc.error ? 1 : 0;
  const tests = doc.lessons.length + errors;
  const totals = `tests="${tests}" failures="${count("fail")}" errors="${errors}" skipped="${count("skip")}" time="${seconds(doc.durationMs)}" timestamp="${attr(doc.startedAt)}"`;
  const properties: [string, string | null][] = [
    ["format", doc.format],
    ["command", doc.command],
    ["learner.name", doc.learner.name],
    ["learner.email", doc.learner.email],
    ["commit", doc.commit],
    ["shippedList", doc.shippedList],
    ["solution", String(doc.solution)],
    ...doc.lessons.flatMap((l): [string, string][] => [
      [`lesson.${l.slug}.hintsShown`, String(l.hintsShown)],
      [`lesson.${l.slug}.solutionViewed`, String(l.solutionViewed)],
      ...(l.checkFilesChanged?.length ? [[`lesson.${l.slug}.checkFilesChanged`, l.checkFilesChanged.join(" ")] as [string, string]] : []),
    ]),
  ];
  const cases = doc.lessons.map(testcase);
  if (doc.error) {
    cases.push(
      `    <testcase classname="socket-session-workshop" name="workshop" time="0">\n      <error type="${attr(doc.error.code)}" message="${attr(doc.error.message.split("\n")[0]!)}">${body(doc.error.message)}</error>\n    </testcase>`,
    );
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="socket-session-workshop" ${totals}>`,
    `  <testsuite name="socket-session-workshop" ${totals} hostname="localhost">`,
    `    <properties>`,
    ...properties.filter(([, value]) => value !== null).map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value!)}"/>`),
    `    </properties>`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
    ``,
  ].join("\n");
}
