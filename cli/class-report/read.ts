// Reading a folder of learners' result files for `npm run class-report`: every *.json and *.xml
// file under it (subfolders too: one downloaded artifact folder per learner), each read as the
// results document (cli/results/document.ts) or as the JUnit view of it. A file that is neither is
// skipped with the reason; nothing in a file is trusted (a learner wrote it).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { RESULTS_FORMAT, type LessonEntry } from "../results/document.ts";
import { messages } from "../messages.ts";
import { childrenNamed, parseXml, XmlError, type XmlElement } from "./xml.ts";

export type Status = LessonEntry["status"];

/** One lesson's verdict, as either format gives it. */
export interface LessonCell {
  number: number;
  slug: string;
  title: string;
  status: Status;
  fault: string | null;
  message: string | null;
  durationMs: number;
  hintsShown: number;
  solutionViewed: boolean;
  /** grade: the lesson's check files that differ from the shipped ones (graded with the shipped ones). */
  checkFilesChanged: string[];
}

/** One result file, read. */
export interface Run {
  /** The file's path relative to the folder read, with `/` between its parts. */
  file: string;
  kind: "json" | "junit";
  learner: { name: string | null; email: string | null };
  commit: string | null;
  /** grade: the hash of the shipped.json it graded with (cli/results/document.ts). */
  shippedList: string | null;
  /** ISO time the run started, when the file says. */
  startedAt: string | null;
  /** The run could not judge at all (bad input, no browser, an internal error). */
  error: { code: string; message: string } | null;
  lessons: LessonCell[];
}

export interface Skipped {
  file: string;
  reason: string;
}

/** A file larger than this is not a result file (a full run's document is a few hundred kB). */
const MAX_BYTES = 20 * 1024 * 1024;

/** Every result file under `folder`, read; `ignore` (absolute paths) are left out silently. */
export function readResults(folder: string, ignore: string[] = []): { runs: Run[]; skipped: Skipped[] } {
  const runs: Run[] = [];
  const skipped: Skipped[] = [];
  for (const file of candidates(folder)) {
    if (ignore.includes(file)) continue;
    const relative = path.relative(folder, file).split(path.sep).join("/");
    const read = readOne(file, relative);
    if ("reason" in read) skipped.push(read);
    else runs.push(read);
  }
  return { runs, skipped };
}

/** *.json and *.xml files under `folder`, in a stable order; dot folders and node_modules are not searched, symlinked folders not followed. */
function candidates(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a folder we may not read holds nothing for us
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && entry.name !== "node_modules") visit(full);
      } else if (/\.(json|xml)$/i.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) {
        found.push(full);
      }
    }
  };
  visit(folder);
  return found;
}

function readOne(file: string, relative: string): Run | Skipped {
  const why = messages().classReport.reason;
  const skip = (reason: string): Skipped => ({ file: relative, reason });
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return skip(why.notAFile);
    if (stat.size > MAX_BYTES) return skip(why.tooLarge(Math.round(stat.size / 1024 / 1024)));
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (err) {
    return skip(why.unreadable((err as NodeJS.ErrnoException).code ?? (err as Error).message));
  }
  const kind = /\.json$/i.test(file) ? "json" : "junit";
  try {
    return kind === "json" ? fromJson(text, relative) : fromJunit(text, relative);
  } catch (err) {
    if (err instanceof Unreadable) return skip(err.message);
    throw err;
  }
}

/** Why a file is not a result file, in the reader's language. */
class Unreadable extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);

function fromJson(text: string, file: string): Run {
  const why = messages().classReport.reason;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Unreadable(why.invalidJson((err as Error).message.split("\n")[0]!));
  }
  if (!isObject(doc) || doc.format !== RESULTS_FORMAT) {
    throw new Unreadable(why.notResults(isObject(doc) && typeof doc.format === "string" ? doc.format.slice(0, 80) : null));
  }
  if (doc.solution === true) throw new Unreadable(why.solutionRun);
  const bad = (detail: string): never => {
    throw new Unreadable(why.badDocument(detail));
  };
  const learner = isObject(doc.learner) ? doc.learner : {};
  const error = doc.error === null || doc.error === undefined ? null : isObject(doc.error) ? doc.error : bad("error is neither null nor an object");
  if (!Array.isArray(doc.lessons)) bad("lessons is not a list");
  const lessons = (doc.lessons as unknown[]).map((entry, at): LessonCell => {
    const where = `lessons[${at}]`;
    if (!isObject(entry)) return bad(`${where} is not an object`);
    const { number, slug, title, status, fault, message, durationMs, hintsShown, solutionViewed, checkFilesChanged } = entry;
    if (typeof number !== "number" || !Number.isInteger(number) || number < 0 || number > 9999) return bad(`${where}.number is not a lesson number`);
    if (status !== "pass" && status !== "fail" && status !== "skip") return bad(`${where}.status is not pass, fail or skip`);
    const name = stringOrNull(slug) ?? String(number).padStart(2, "0");
    return {
      number,
      slug: name,
      title: stringOrNull(title) ?? name,
      status,
      fault: stringOrNull(fault),
      message: stringOrNull(message),
      durationMs: typeof durationMs === "number" && Number.isFinite(durationMs) && durationMs >= 0 ? durationMs : 0,
      hintsShown: typeof hintsShown === "number" && Number.isInteger(hintsShown) && hintsShown >= 0 ? hintsShown : 0,
      solutionViewed: solutionViewed === true,
      checkFilesChanged: Array.isArray(checkFilesChanged) ? checkFilesChanged.filter((file): file is string => typeof file === "string" && file !== "") : [],
    };
  });
  return {
    file,
    kind: "json",
    learner: { name: stringOrNull(learner.name), email: stringOrNull(learner.email) },
    commit: stringOrNull(doc.commit),
    shippedList: stringOrNull(doc.shippedList),
    startedAt: stringOrNull(doc.startedAt),
    error: error ? { code: stringOrNull(error.code) ?? "ERROR", message: stringOrNull(error.message) ?? "" } : null,
    lessons: oneEach(lessons),
  };
}

/** The workshop's JUnit view of the results document (see the junit reporter). */
function fromJunit(text: string, file: string): Run {
  const why = messages().classReport.reason;
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (err) {
    if (err instanceof XmlError) throw new Unreadable(why.invalidXml(err.message));
    throw err;
  }
  const suites = root.name === "testsuites" ? childrenNamed(root, "testsuite") : root.name === "testsuite" ? [root] : null;
  if (!suites) throw new Unreadable(why.notJunit(root.name));
  const properties = new Map<string, string>();
  for (const suite of suites) {
    for (const list of childrenNamed(suite, "properties")) {
      for (const property of childrenNamed(list, "property")) {
        const name = property.attributes.name;
        if (name) properties.set(name, property.attributes.value ?? property.text);
      }
    }
  }
  if (properties.get("format") !== RESULTS_FORMAT) throw new Unreadable(why.otherJunit(RESULTS_FORMAT));
  if (properties.get("solution") === "true") throw new Unreadable(why.solutionRun);
  const bad = (detail: string): never => {
    throw new Unreadable(why.badDocument(detail));
  };

  let error: Run["error"] = null;
  const lessons: LessonCell[] = [];
  for (const testcase of suites.flatMap((suite) => childrenNamed(suite, "testcase"))) {
    const name = testcase.attributes.name ?? "";
    const failure = childrenNamed(testcase, "failure")[0] ?? childrenNamed(testcase, "error")[0];
    const skipped = childrenNamed(testcase, "skipped")[0];
    const said = (element: XmlElement) => stringOrNull(element.text.trim()) ?? stringOrNull(element.attributes.message);
    if (name === "workshop") {
      // The run could not judge at all: one testcase for the whole run.
      if (failure) error = { code: stringOrNull(failure.attributes.type) ?? "ERROR", message: said(failure) ?? "" };
      continue;
    }
    const match = /^(\d{1,4})\s+([^\s:]+)\s*(?::\s*([\s\S]*))?$/.exec(name) ?? bad(`the testcase "${name.slice(0, 80)}" does not name a lesson`);
    const number = Number(match[1]);
    const slug = /^\d/.test(match[2]!) ? match[2]! : `${match[1]!.padStart(2, "0")}-${match[2]}`;
    const seconds = Number(testcase.attributes.time);
    const hints = Number(properties.get(`lesson.${slug}.hintsShown`));
    lessons.push({
      number,
      slug,
      title: stringOrNull(match[3]?.trim()) ?? slug,
      status: failure ? "fail" : skipped ? "skip" : "pass",
      fault: failure ? stringOrNull(failure.attributes.type) : null,
      message: failure ? said(failure) : skipped ? said(skipped) : null,
      durationMs: Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : 0,
      hintsShown: Number.isInteger(hints) && hints >= 0 ? hints : 0,
      solutionViewed: properties.get(`lesson.${slug}.solutionViewed`) === "true",
      checkFilesChanged: (properties.get(`lesson.${slug}.checkFilesChanged`) ?? "").split(/\s+/).filter(Boolean),
    });
  }
  const timestamp = suites[0]?.attributes.timestamp ?? root.attributes.timestamp;
  return {
    file,
    kind: "junit",
    learner: { name: stringOrNull(properties.get("learner.name")), email: stringOrNull(properties.get("learner.email")) },
    commit: stringOrNull(properties.get("commit")),
    shippedList: stringOrNull(properties.get("shippedList")),
    startedAt: stringOrNull(timestamp),
    error,
    lessons: oneEach(lessons),
  };
}

/** A lesson listed twice in one file counts once (the first). */
function oneEach(lessons: LessonCell[]): LessonCell[] {
  const seen = new Set<number>();
  return lessons.filter((lesson) => !seen.has(lesson.number) && seen.add(lesson.number));
}
