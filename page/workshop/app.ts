// The workshop page's script: the lessons, the lesson's text and help, the live verdict and the
// picture of the last check. Everything comes from the workshop's own server (cli/workshop-page/);
// a server-sent event after each check says there is a new verdict to fetch.
type Lang = "en" | "zh-CN";

interface Row {
  number: number;
  slug: string;
  title: string;
  status: "pass" | "fail" | "not-started";
  fault: string | null;
}
interface State {
  current: number;
  lang: Lang;
  lessons: Row[];
  app: string | null;
}
interface LessonView {
  number: number;
  title: string;
  readme: string;
  hints: { shown: string[]; total: number };
  running: boolean;
  /** npm run solution's warning, when the lesson has not passed yet. */
  warning: string | null;
}
interface Verdict {
  version: number;
  status: "none" | "checking" | "pass" | "fail";
  fault?: string | null;
  title?: string | null;
  meaning?: string | null;
  passed?: string | null;
  seen?: string[];
  durationMs?: number;
}

const WORDS = {
  en: {
    title: "Socket session workshop",
    skip: "Skip to the verdict",
    lessons: "Lessons",
    check: "Check again",
    checking: "Checking…",
    live: "live: updates after every save",
    offline: "not connected: is npm run lesson still running?",
    hints: "Hints",
    nextHint: (left: number) => `Show the next hint (${left} left)`,
    noMoreHints: "No more hints",
    solution: "Solution",
    warning: "Seeing it is recorded in your progress, as npm run solution records it.",
    showSolution: "Show the diff to the solution",
    same: "Your files already match the solution.",
    verdict: "Verdict",
    none: "No check has finished yet.",
    pass: "PASS",
    fail: "FAIL",
    saw: "What the verifier saw:",
    means: "What that usually means:",
    wire: "The last check, on the wire",
    noDiagram: "The picture appears after the first check.",
    download: "Download the picture (SVG)",
    app: "The lesson's app",
    openApp: "Open it in its own tab",
    notRunning: (n: number, shown: number) => `npm run lesson is running lesson ${n}; this is lesson ${shown}, to read. To work on it: npm run lesson ${shown}`,
    status: { pass: "passed", fail: "failing", "not-started": "not started" },
    rules: "The rules every app keeps",
  },
  "zh-CN": {
    title: "Socket 会话工作坊",
    skip: "跳到验证结果",
    lessons: "课程",
    check: "重新检查",
    checking: "正在检查…",
    live: "实时：每次保存后更新",
    offline: "未连接：npm run lesson 还在运行吗？",
    hints: "提示",
    nextHint: (left: number) => `显示下一条提示（还剩 ${left} 条）`,
    noMoreHints: "没有更多提示了",
    solution: "参考答案",
    warning: "查看它会像 npm run solution 一样记录在你的进度里。",
    showSolution: "显示与参考答案的 diff",
    same: "你的文件已经和参考答案一致。",
    verdict: "验证结果",
    none: "还没有完成任何检查。",
    pass: "通过",
    fail: "未通过",
    saw: "验证器看到的情况：",
    means: "这通常意味着：",
    wire: "上一次检查在线路上的情况",
    noDiagram: "第一次检查之后会显示这张图。",
    download: "下载这张图（SVG）",
    app: "课程的应用",
    openApp: "在单独的标签页中打开",
    notRunning: (n: number, shown: number) => `npm run lesson 正在运行第 ${n} 课；这里是第 ${shown} 课，仅供阅读。要做这一课：npm run lesson ${shown}`,
    status: { pass: "已通过", fail: "未通过", "not-started": "未开始" },
    rules: "每个应用都要遵守的规则",
  },
};

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
let lang: Lang = (params.get("lang") as Lang) || (localStorage.getItem("workshop-lang") as Lang) || (document.documentElement.lang as Lang);
let state: State | undefined;
let verdictVersion = -1;

async function api<T>(path: string, post = false): Promise<T> {
  const sep = path.includes("?") ? "&" : "?";
  const res = await fetch(`${path}${sep}lang=${encodeURIComponent(lang)}`, post ? { method: "POST", headers: { "x-workshop": "1" } } : {});
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return (await res.json()) as T;
}

function words() {
  return WORDS[lang] ?? WORDS.en;
}

/** The page's own labels in the chosen language. */
function label(): void {
  const w = words();
  document.documentElement.lang = lang;
  document.title = w.title;
  $("workshop-title").textContent = w.title;
  document.querySelector(".skip")!.textContent = w.skip;
  $("lessons-heading").textContent = w.lessons;
  $("check").textContent = w.check;
  $("hints-heading").textContent = w.hints;
  $("solution-heading").textContent = w.solution;
  $("show-solution").textContent = w.showSolution;
  $("verdict-heading").textContent = w.verdict;
  $("wire-heading").textContent = w.wire;
  $("download").textContent = w.download;
  $("app-heading").textContent = w.app;
  $("app-link").textContent = w.openApp;
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
}

function viewing(): number {
  return Number(params.get("lesson")) || state?.current || 1;
}

async function loadState(): Promise<void> {
  state = await api<State>("/api/state");
  const list = $("lessons");
  list.replaceChildren(
    ...state.lessons.map((row) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `/?lesson=${row.number}&lang=${lang}`;
      link.dataset.status = row.status;
      if (row.number === viewing()) link.setAttribute("aria-current", "page");
      const mark = row.status === "pass" ? "✓" : row.status === "fail" ? "✗" : "·";
      const status = words().status[row.status] + (row.fault ? `: ${row.fault}` : "");
      link.title = status;
      const title = span(row.title);
      // A failing lesson says with what, in the list itself (not in a tooltip only).
      if (row.fault) title.append(Object.assign(document.createElement("small"), { className: "fault", textContent: row.fault }));
      link.append(span(String(row.number).padStart(2, "0")), span(mark, `mark-${row.status}`, status), title);
      item.append(link);
      return item;
    }),
  );
  const frame = $<HTMLIFrameElement>("app-frame");
  if (state.app && frame.src !== `${state.app}/`) frame.src = state.app;
  $<HTMLAnchorElement>("app-link").href = state.app ?? "#";
}

function span(text: string, className?: string, ariaLabel?: string): HTMLSpanElement {
  const s = document.createElement("span");
  s.textContent = text;
  if (className) s.className = className;
  if (ariaLabel) s.setAttribute("aria-label", ariaLabel);
  return s;
}

async function loadLesson(): Promise<void> {
  if (location.pathname === "/rules") {
    $("readme").innerHTML = (await api<{ html: string }>("/api/rules")).html;
    for (const id of ["hints", "solution"]) $(id).hidden = true;
    return;
  }
  const lesson = await api<LessonView>(`/api/lessons/${viewing()}`);
  // Rendered on the server by markdown-it with raw HTML off: the README's own text, escaped.
  $("readme").innerHTML = lesson.readme;
  renderHints(lesson.hints);
  const note = $("not-running");
  note.hidden = lesson.running;
  note.textContent = lesson.running ? "" : words().notRunning(state?.current ?? 0, lesson.number);
  $("solution-diff").replaceChildren();
  $("solution-warning").textContent = [lesson.warning, words().warning].filter(Boolean).join(" ");
}

function renderHints(hints: LessonView["hints"]): void {
  $("hint-list").replaceChildren(
    ...hints.shown.map((text) => {
      const item = document.createElement("li");
      item.innerHTML = text; // rendered on the server like the README (markdown-it, raw HTML off)
      return item;
    }),
  );
  const left = hints.total - hints.shown.length;
  const button = $<HTMLButtonElement>("hint");
  button.disabled = left === 0;
  button.textContent = left ? words().nextHint(left) : words().noMoreHints;
}

async function loadVerdict(): Promise<void> {
  const verdict = await api<Verdict>("/api/verdict");
  const newer = verdictVersion >= 0 && verdict.version !== verdictVersion;
  verdictVersion = verdict.version;
  const w = words();
  const body = $("verdict-body");
  const badge = document.createElement("p");
  badge.className = `badge verdict-${verdict.status}`;
  badge.dataset.status = verdict.status;
  badge.id = "verdict-status";
  const parts: HTMLElement[] = [badge];
  if (verdict.status === "none") badge.textContent = w.none;
  else if (verdict.status === "checking") badge.textContent = w.checking;
  else if (verdict.status === "pass") {
    badge.textContent = `✓ ${w.pass}${verdict.durationMs ? ` (${(verdict.durationMs / 1000).toFixed(1)} s)` : ""}`;
    parts.push(paragraph(verdict.passed ?? ""));
  } else {
    badge.textContent = `✗ ${w.fail}: ${verdict.fault}`;
    badge.dataset.fault = verdict.fault ?? "";
    parts.push(rendered(verdict.title ?? "", "verdict-title"), paragraph(w.saw));
    const seen = document.createElement("ul");
    seen.replaceChildren(...(verdict.seen ?? []).map((line) => Object.assign(document.createElement("li"), { textContent: line })));
    parts.push(seen, paragraph(w.means), rendered(verdict.meaning ?? ""));
  }
  body.replaceChildren(...parts);
  // A new verdict: the app in the frame may have a new page (a save of client.ts) or a new server.
  const frame = $<HTMLIFrameElement>("app-frame");
  if (newer && (verdict.status === "pass" || verdict.status === "fail") && frame.src) frame.src = frame.src;
  $<HTMLButtonElement>("check").disabled = verdict.status === "checking";
  await loadDiagram(verdict);
}

function paragraph(text: string, className = ""): HTMLElement {
  return Object.assign(document.createElement("p"), { textContent: text, className });
}

/** A line the server rendered with markdown-it, raw HTML off: the catalogue's words, escaped, with code as code. */
function rendered(html: string, className = ""): HTMLElement {
  const p = paragraph("", className);
  p.innerHTML = html;
  return p;
}

async function loadDiagram(verdict: Verdict): Promise<void> {
  const holder = $("diagram");
  const download = $<HTMLAnchorElement>("download");
  if (verdict.status !== "pass" && verdict.status !== "fail") return;
  const res = await fetch(`/api/diagram.svg?lang=${encodeURIComponent(lang)}&v=${verdict.version}`);
  if (res.status !== 200) {
    holder.textContent = words().noDiagram;
    download.hidden = true;
    return;
  }
  // Parsed as XML and adopted, never assigned as HTML: the SVG's text is the server's, escaped there.
  const svg = new DOMParser().parseFromString(await res.text(), "image/svg+xml").documentElement;
  holder.replaceChildren(document.importNode(svg, true));
  download.hidden = false;
  download.href = `/api/diagram.svg?lang=${encodeURIComponent(lang)}&download=1&v=${verdict.version}`;
}

function listen(): void {
  const source = new EventSource("/events");
  const connection = $("connection");
  source.addEventListener("open", () => (connection.textContent = words().live));
  source.addEventListener("error", () => (connection.textContent = words().offline));
  source.addEventListener("verdict", (event) => {
    const { version } = JSON.parse((event as MessageEvent<string>).data) as { version: number };
    if (version === verdictVersion) return;
    void loadVerdict();
    void loadState();
  });
}

async function refresh(): Promise<void> {
  label();
  await loadState();
  await Promise.all([loadLesson(), loadVerdict()]);
}

$("check").addEventListener("click", () => {
  $<HTMLButtonElement>("check").disabled = true;
  void api("/api/check", true);
});
$("hint").addEventListener("click", async () => {
  renderHints(await api<LessonView["hints"]>(`/api/lessons/${viewing()}/hint`, true));
  void loadState();
});
$("show-solution").addEventListener("click", async () => {
  const diff = await api<{ same: boolean; html: string }>(`/api/lessons/${viewing()}/solution`, true);
  const holder = $("solution-diff");
  if (diff.same) holder.textContent = words().same;
  else holder.innerHTML = diff.html; // diff2html's markup of the two files' lines, escaped by diff2html
});
for (const button of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
  button.addEventListener("click", () => {
    lang = button.dataset.lang as Lang;
    localStorage.setItem("workshop-lang", lang);
    void refresh();
  });
}

void (async () => {
  if (!params.get("lang") && !localStorage.getItem("workshop-lang")) lang = (await (await fetch("/api/state")).json() as State).lang;
  await refresh();
  listen();
})();
