// The CLI's own lines in each language it speaks (verify/language.ts picks one). Lesson texts and
// fault explanations live beside their English originals; error messages for bad input stay English.
import { language } from "../verify/index.ts";

const en = {
  stuck: (n: number) => `Stuck? npm run hint ${n}`,
  summary: (passed: number, failed: number, skipped: number) => `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`,
  took: (seconds: string) => `in ${seconds}`,
  verifying: (solution: boolean, numbers: number[]) =>
    `Verifying ${solution ? "solution" : "lesson"}${numbers.length === 1 ? "" : "s"} ${numbers.join(", ")}…`,
  resumed: (n: number, why: "current" | "next" | "first") =>
    `Going on with lesson ${n}, ${{ current: "the lesson you are on", next: "the next one you have not passed", first: "the first one you have not passed" }[why]}. (\`npm run progress\` lists them all.)`,
  lessonOf: (n: number, total: number, title: string) => `Lesson ${n} of ${total}: ${title}`,
  readAndEdit: (readme: string, dir: string) => `Read ${readme} for the symptom and the goal; edit the files in ${dir}/.`,
  randomSecret: "The server gets a random SESSION_SECRET, as in production.",
  open: "Open",
  apiOn: (api: string) => `API on ${api}`,
  behindProxy: "through a proxy that terminates TLS; server.ts listens on a port of its own",
  redisAt: (url: string) => `Redis for REDIS_URL at ${url}`,
  watching: (dir: string, polling: boolean) =>
    `Watching ${dir}/${polling ? " (polling every 0.3 s)" : ""} — save a file, or press Enter, to check again. Ctrl-C to stop.`,
  savedAgain: (time: string, files: string) => `── ${time} ${files} saved: checking again…`,
  askedAgain: (time: string) => `── ${time} checking again…`,
  compare: (n: number) => `Compare with the reference: npm run solution ${n}`,
  next: (n: number) => `Next: npm run lesson ${n}`,
  allPassed: (total: number) => `You have passed all ${total} lessons!`,
  serverDiedInCheck: (how: string) =>
    `The check left the lesson server stopped (it ${how}). Starting it again, so that the page keeps working…`,
  serverDied: (how: string) => `The lesson server ${how}. Save a file or press Enter to start it again.`,
  hintTitle: (n: number, title: string) => `Lesson ${n}: ${title}`,
  hintLabel: (i: number, total: number) => `Hint ${i}/${total}`,
  moreHints: (n: number) => `Run \`npm run hint ${n}\` again for the next hint.`,
  lastHint: (n: number) => `That was the last hint. \`npm run solution ${n}\` shows the full fix as a diff.`,
  passedLabel: "passed",
  failingLabel: (fault: string) => `failing: ${fault}`,
  notStarted: "not started",
  progressLine: (passed: number, total: number, next: string | undefined) => `${passed}/${total} lessons passed. ${next ?? "All done!"}`,
  notPassedYet: (n: number) => `You have not passed lesson ${n} yet: this diff gives the answer away. (\`npm run hint ${n}\` is gentler.)`,
  matchesSolution: (n: number) => `Your lesson ${n} matches the solution exactly.`,
  diffHeader: (mine: string, theirs: string) => `--- your lesson (${mine})   +++ the solution (${theirs})`,
  alreadyUntouched: (n: number) => `Lesson ${n} is already untouched; nothing to reset.`,
  resetDone: (n: number) => `Lesson ${n} is back to its original state.`,
  backupAt: (dir: string) => `Your previous files are saved in ${dir}/`,
};

type Messages = typeof en;

const zhCN: Messages = {
  stuck: (n) => `卡住了？npm run hint ${n}`,
  summary: (passed, failed, skipped) => `${passed} 个通过，${failed} 个失败${skipped ? `，${skipped} 个跳过` : ""}`,
  took: (seconds) => `用时 ${seconds}`,
  verifying: (solution, numbers) => `正在验证${solution ? "答案" : "课程"} ${numbers.join(", ")}…`,
  resumed: (n, why) =>
    `继续第 ${n} 课：${{ current: "你正在做的那一课", next: "下一个还没通过的课程", first: "第一个还没通过的课程" }[why]}。（\`npm run progress\` 会列出所有课程。）`,
  lessonOf: (n, total, title) => `第 ${n} 课（共 ${total} 课）：${title}`,
  readAndEdit: (readme, dir) => `阅读 ${readme} 了解症状和目标；修改 ${dir}/ 中的文件。`,
  randomSecret: "服务器会像生产环境一样得到一个随机的 SESSION_SECRET。",
  open: "打开",
  apiOn: (api) => `API 在 ${api}`,
  behindProxy: "经过一个终止 TLS 的代理；server.ts 监听它自己的端口",
  redisAt: (url) => `REDIS_URL 的 Redis 在 ${url}`,
  watching: (dir, polling) => `正在监视 ${dir}/${polling ? "（每 0.3 秒轮询一次）" : ""} —— 保存文件或按回车就会重新检查。按 Ctrl-C 停止。`,
  savedAgain: (time, files) => `── ${time} 已保存 ${files}：重新检查…`,
  askedAgain: (time) => `── ${time} 重新检查…`,
  compare: (n) => `和参考答案比较：npm run solution ${n}`,
  next: (n) => `下一课：npm run lesson ${n}`,
  allPassed: (total) => `${total} 课你已全部通过！`,
  serverDiedInCheck: (how) => `这次检查之后课程服务器已经停止（${how}）。正在重新启动它，好让页面继续可用…`,
  serverDied: (how) => `课程服务器已停止（${how}）。保存一个文件或按回车即可重新启动它。`,
  hintTitle: (n, title) => `第 ${n} 课：${title}`,
  hintLabel: (i, total) => `提示 ${i}/${total}`,
  moreHints: (n) => `再运行一次 \`npm run hint ${n}\` 可以看到下一条提示。`,
  lastHint: (n) => `这是最后一条提示。\`npm run solution ${n}\` 会以 diff 的形式显示完整的修复。`,
  passedLabel: "已通过",
  failingLabel: (fault) => `未通过：${fault}`,
  notStarted: "未开始",
  progressLine: (passed, total, next) => `已通过 ${passed}/${total} 课。${next ?? "全部完成！"}`,
  notPassedYet: (n) => `你还没有通过第 ${n} 课：这个 diff 会直接给出答案。（\`npm run hint ${n}\` 更温和。）`,
  matchesSolution: (n) => `你的第 ${n} 课和答案完全一致。`,
  diffHeader: (mine, theirs) => `--- 你的课程（${mine}）   +++ 答案（${theirs}）`,
  alreadyUntouched: (n) => `第 ${n} 课没有被改动过，无需重置。`,
  resetDone: (n) => `第 ${n} 课已恢复为初始状态。`,
  backupAt: (dir) => `你之前的文件保存在 ${dir}/`,
};

/** The CLI's lines in the learner's language (asked at each call: see language()). */
export function messages(): Messages {
  return language() === "zh-CN" ? zhCN : en;
}
