// How verdicts look in the terminal.
import { type LessonResult } from "../verify/index.ts";
import { ui } from "./ui.ts";
import { messages } from "./messages.ts";

type Verdict = Pick<LessonResult, "number" | "slug" | "status" | "durationMs" | "fault" | "message">;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export function resultLine(result: Verdict): string {
  const name = `${String(result.number).padStart(2, "0")} ${result.slug.slice(3)}`;
  if (result.status === "pass") return `${ui.pass("")} ${name}  ${ui.dim(seconds(result.durationMs))}`;
  if (result.status === "skip") return `${ui.yellow("- skip")} ${name}`;
  return `${ui.fail("")} ${name}  ${ui.red(result.fault ?? "")}  ${ui.dim(seconds(result.durationMs))}`;
}

export function resultDetails(result: Verdict): string {
  if (!result.message) return "";
  const [title, ...rest] = result.message.split("\n");
  const body = `  ${ui.bold(title!)}\n${rest.map((line) => `  ${line}`).join("\n")}`;
  return result.status === "skip" ? body : `${body}\n  ${ui.dim(messages().stuck(result.number))}`;
}

export function summaryLine(results: Verdict[]): string {
  const count = (status: LessonResult["status"]) => results.filter((r) => r.status === status).length;
  return messages().summary(count("pass"), count("fail"), count("skip"));
}
