// `--help` (or -h) for every command, in the learner's language: what it does, its arguments and
// options. parse() in args.ts prints it before anything else runs.
import path from "node:path";
import { language } from "../verify/index.ts";

interface Help {
  usage: string;
  what: string;
  options: [string, string][];
}

type Verb = "setup" | "lesson" | "verify" | "grade" | "hint" | "solution" | "reset" | "progress" | "doctor" | "class-report";

const REPORTER_EN: [string, string] = ["--reporter human|json|junit|gradescope", "human (default) prints verdicts as they come; json, junit and gradescope print one document on stdout, also when the run fails before judging"];
const REPORTER_ZH: [string, string] = ["--reporter human|json|junit|gradescope", "human（默认）边检查边输出结论；json、junit、gradescope 在标准输出打印一份文档，运行在评判前失败时也一样"];
const TRACE_EN: [string, string] = ["--trace", "keep a Playwright trace and a screenshot of each failing lesson under .workshop/traces/"];
const TRACE_ZH: [string, string] = ["--trace", "为每个失败的课程在 .workshop/traces/ 下保存 Playwright 跟踪记录和截图"];

const en: Record<Verb, Help> = {
  setup: { usage: "npm run setup [-- --no-install-browser]", what: "Installs the dependencies, finds or installs a browser and Redis, and snapshots the lessons.", options: [["--no-install-browser", "do not download a browser; use one already on this machine"]] },
  lesson: {
    usage: "npm run lesson [N] [-- --once] [-- --poll] [-- --trace]",
    what: "Starts lesson N (or the one you are on) on http://localhost:8080 with its API on :3000, checks it, and checks again each time you save a file or press Enter. The workshop page, http://localhost:4000 (PAGE_PORT), shows the lesson, its hints, the live verdict and a picture of the check.",
    options: [["N", "the lesson's number; without it, the lesson you are on"], ["--once", "check once and exit (0 when it passes)"], ["--poll", "watch by polling (WSL /mnt, network drives)"], TRACE_EN],
  },
  verify: {
    usage: "npm run verify [N ...] [-- --solution] [-- --reporter …] [-- --trace]",
    what: "Checks your lessons (all, or those named) side by side; exits 0 when all pass, 1 when one fails, 2 when one could not be checked.",
    options: [["N ...", "lesson numbers; without them, every lesson"], ["--solution", "check the reference solutions instead of your lessons"], REPORTER_EN, TRACE_EN],
  },
  grade: {
    usage: "npm run grade [N ...] [-- --reporter …] [-- --shipped REF] [-- --trace]",
    what: "Grades your lessons with the checks, metadata and engine as shipped (rebuilt from git's history by shipped.json), so no edit inside lessons/ changes a grade. Your progress is read, never written.",
    options: [["N ...", "lesson numbers; without them, every lesson"], REPORTER_EN, ["--shipped REF", "read the list of shipped files from this git commit (an instructor's template) instead of this folder's shipped.json"], TRACE_EN],
  },
  hint: { usage: "npm run hint [N]", what: "Shows the next hint for lesson N (or the one you are on), after the ones already shown.", options: [["N", "the lesson's number"]] },
  solution: { usage: "npm run solution N", what: "Shows, as a diff, what separates your lesson N from the reference solution. Instructors see in results that you viewed it.", options: [["N", "the lesson's number"]] },
  reset: { usage: "npm run reset N", what: "Puts lesson N back as shipped; your files are saved in .workshop/backups/ first.", options: [["N", "the lesson's number"]] },
  progress: { usage: "npm run progress", what: "Lists the lessons with their last verdict and the hints you used.", options: [] },
  doctor: { usage: "npm run doctor", what: "Checks what the lessons need on this machine, one line each with its fix: Node, dependencies, a browser, Redis, ports 3000 and 8080, file watching, git. Exits 0 only when everything works.", options: [] },
  "class-report": {
    usage: "npm run class-report FOLDER [-- --out FILE]",
    what: "Reads many learners' results (json or junit from verify or grade) in FOLDER and its subfolders, writes one printable HTML page of learners × lessons, and prints a Markdown table.",
    options: [["FOLDER", "where the result files are"], ["--out FILE", "where to write the page (default FOLDER/class-report.html)"]],
  },
};

const zhCN: Record<Verb, Help> = {
  setup: { usage: en.setup.usage, what: "安装依赖，查找或安装浏览器和 Redis，并为课程保存快照。", options: [["--no-install-browser", "不下载浏览器，使用本机已有的"]] },
  lesson: {
    usage: en.lesson.usage,
    what: "在 http://localhost:8080 启动第 N 课（或你正在做的那一课），API 在 :3000；检查一次，之后每次保存文件或按回车都会重新检查。工作坊页面 http://localhost:4000（PAGE_PORT）显示课程、提示、实时验证结果和检查的示意图。",
    options: [["N", "课程编号；不写就是你正在做的那一课"], ["--once", "只检查一次就退出（通过时退出码为 0）"], ["--poll", "用轮询方式监视文件（WSL 的 /mnt、网络驱动器）"], TRACE_ZH],
  },
  verify: {
    usage: en.verify.usage,
    what: "并行检查你的课程（全部，或者指定的几课）；全部通过时退出码为 0，有失败时为 1，有课程无法检查时为 2。",
    options: [["N ...", "课程编号；不写就是全部课程"], ["--solution", "检查参考答案，而不是你的课程"], REPORTER_ZH, TRACE_ZH],
  },
  grade: {
    usage: en.grade.usage,
    what: "用原始发布的检查、元数据和引擎为你的课程评分（按 shipped.json 从 git 历史中重建），所以 lessons/ 里的任何改动都改变不了分数。只读取你的进度，从不写入。",
    options: [["N ...", "课程编号；不写就是全部课程"], REPORTER_ZH, ["--shipped REF", "从这个 git 提交（比如老师的模板）读取发布文件清单，而不是用本目录的 shipped.json"], TRACE_ZH],
  },
  hint: { usage: en.hint.usage, what: "显示第 N 课（或你正在做的那一课）的下一条提示，之前显示过的也会一并列出。", options: [["N", "课程编号"]] },
  solution: { usage: en.solution.usage, what: "以 diff 的形式显示你的第 N 课和参考答案的差别。老师会在结果里看到你看过答案。", options: [["N", "课程编号"]] },
  reset: { usage: en.reset.usage, what: "把第 N 课恢复为发布时的样子；你的文件会先保存到 .workshop/backups/。", options: [["N", "课程编号"]] },
  progress: { usage: en.progress.usage, what: "列出各课程最近一次的结论和你用过的提示。", options: [] },
  doctor: { usage: en.doctor.usage, what: "检查本机是否具备课程需要的一切，每项一行并附上解决办法：Node、依赖、浏览器、Redis、3000 和 8080 端口、文件监视、git。只有一切正常时退出码才为 0。", options: [] },
  "class-report": {
    usage: en["class-report"].usage,
    what: "读取 FOLDER 及其子目录中许多学员的结果（verify 或 grade 输出的 json 或 junit），生成一个可打印的 HTML 页面（学员 × 课程），并输出一个 Markdown 表格。",
    options: [["FOLDER", "结果文件所在的目录"], ["--out FILE", "页面写到哪里（默认 FOLDER/class-report.html）"]],
  },
};

/** The verb this process runs: the name of its compiled file, cli/<verb>.mjs. */
export function currentVerb(): string {
  return path.basename(process.argv[1] ?? "", path.extname(process.argv[1] ?? ""));
}

export function helpText(verb: string): string | undefined {
  const zh = language() === "zh-CN";
  const help = (zh ? zhCN : en)[verb as Verb];
  if (!help) return undefined;
  const width = Math.max(0, ...help.options.map(([name]) => name.length));
  const lines = [`${zh ? "用法" : "Usage"}: ${help.usage}`, "", help.what];
  if (help.options.length) lines.push("", zh ? "参数和选项：" : "Arguments and options:", ...help.options.map(([name, text]) => `  ${name.padEnd(width)}  ${text}`));
  lines.push("", zh ? "  --help, -h  显示这段说明" : "  --help, -h  show this help");
  return lines.join("\n");
}

export const HELP_VERBS = Object.keys(en);
