// The workshop page beside `npm run lesson N` (http://localhost:4000): the lessons and their
// progress, the lesson's README in either language, its hints and the diff to its solution, the
// live verdict (server-sent events after every check), a picture of the last check drawn from the
// evidence the verifier judged, and the lesson's app. It binds to loopback only; requests that
// change something (a hint, the solution, a check) must carry a header no other site's page can
// send without the page's own permission, and a Host of this machine's (no DNS rebinding).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { LANGUAGES, LESSONS, ROOT, WorkshopError, buildWorkshopPage, faultInfo, language, lessonText, sequenceSvg, type Arrow, type Language, type LessonInfo } from "../../verify/index.ts";
import { messages } from "../messages.ts";
import { hintsOf, inlineHtml, lessonRows, markdownHtml, readmeFile, revealHint, rulesFile, solutionDiff } from "./content.ts";

/** What the page says about the last check. */
export interface Verdict {
  status: "checking" | "pass" | "fail";
  fault: string | null;
  /** The evidence lines ("what the verifier saw"), as the terminal prints them. */
  seen: string[];
  durationMs?: number;
  at: string;
}

export interface WorkshopPageOptions {
  port: number;
  /** The lesson `npm run lesson` runs: the one the verdict and the app belong to. */
  lesson: LessonInfo;
  /** The lesson's page and API, once they run. */
  app(): { pageUrl: string; apiUrl: string } | undefined;
  /** Check again, as Enter does in the terminal. */
  check(): void;
  /** The last check's exchanges and probes, as the verifier judged them (evidence/sequence.ts), if a check saw any. */
  sequence(): Arrow[] | undefined;
}

export interface WorkshopPage {
  url: string;
  /** A check started, or ended with this verdict: every open page hears it at once. */
  update(verdict: Verdict): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

export async function startWorkshopPage(options: WorkshopPageOptions): Promise<WorkshopPage> {
  const scriptDir = await buildWorkshopPage(ROOT);
  let verdict: Verdict | undefined;
  let version = 0;
  const listeners = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, ".json", JSON.stringify({ error: err instanceof WorkshopError ? err.message : String(err) }));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://page");
    if (!fromThisMachine(req, port)) return send(res, 421, ".json", JSON.stringify({ error: "this page answers on localhost only" }));
    const lang = pickLanguage(url.searchParams.get("lang"));
    if (req.method === "POST") {
      // A page of another site can send a simple POST here, but not this header without asking first (CORS), and nobody answers.
      if (req.headers["x-workshop"] !== "1") return send(res, 403, ".json", JSON.stringify({ error: "missing X-Workshop header" }));
      const lesson = lessonFrom(url);
      if (url.pathname.endsWith("/hint") && lesson) return json(res, revealHint(lesson, lang));
      if (url.pathname.endsWith("/solution") && lesson) return json(res, solutionDiff(lesson));
      if (url.pathname === "/api/check") {
        options.check();
        return json(res, { asked: true });
      }
      return send(res, 404, ".json", JSON.stringify({ error: "not found" }));
    }
    switch (url.pathname) {
      case "/":
      case "/rules":
        return file(res, path.join(ROOT, "page", "workshop", "index.html"));
      case "/app.js":
        return file(res, path.join(scriptDir, "app.js"));
      case "/style.css":
        return file(res, path.join(ROOT, "page", "workshop", "style.css"));
      case "/diff2html.css":
        return file(res, path.join(ROOT, "node_modules", "diff2html", "bundles", "css", "diff2html.min.css"));
      case "/favicon.ico":
        return void res.writeHead(204).end();
      case "/api/state":
        return json(res, state(lang));
      case "/api/rules":
        return json(res, { html: markdownHtml(rulesFile(lang)) });
      case "/api/verdict":
        return json(res, verdictFor(lang));
      case "/api/sequence.json":
        return json(res, { version, arrows: options.sequence() ?? null });
      case "/api/diagram.svg": {
        const arrows = options.sequence();
        if (!arrows) return void res.writeHead(204, { "cache-control": "no-store" }).end(); // no check has drawn one yet
        const title = `${lang === "zh-CN" ? "第" : "Lesson"} ${options.lesson.number}${lang === "zh-CN" ? " 课" : ""}: ${lessonText(options.lesson, lang).title}`;
        const svg = sequenceSvg(arrows, { lang, title });
        if (url.searchParams.has("download")) res.setHeader("content-disposition", `attachment; filename="lesson-${options.lesson.number}-check-${lang}.svg"`);
        return send(res, 200, ".svg", svg);
      }
      case "/events":
        return events(req, res);
    }
    const lesson = lessonFrom(url);
    if (lesson && /^\/api\/lessons\/\d+$/.test(url.pathname)) return json(res, lessonView(lesson, lang));
    send(res, 404, ".json", JSON.stringify({ error: "not found" }));
  }

  function state(lang: Language) {
    const app = options.app();
    return { current: options.lesson.number, lang, languages: LANGUAGES, lessons: lessonRows(lang), app: app?.pageUrl ?? null, api: app?.apiUrl ?? null, version };
  }

  function lessonView(lesson: LessonInfo, lang: Language) {
    // The solution's warning in npm run solution's own words, where the terminal would say it.
    const passed = lessonRows(lang).find((row) => row.number === lesson.number)?.status === "pass";
    const warning = passed ? null : messages(lang).notPassedYet(lesson.number);
    return { number: lesson.number, slug: lesson.slug, title: lessonText(lesson, lang).title, readme: markdownHtml(readmeFile(lesson, lang)), hints: hintsOf(lesson, lang), running: lesson.number === options.lesson.number, warning };
  }

  /** The verdict with its fault explained in `lang` (the evidence lines quote the wire, in no language). */
  function verdictFor(lang: Language) {
    if (!verdict) return { version, status: "none" };
    const info = verdict.fault ? faultInfo(verdict.fault, lang) : undefined;
    // The catalogue writes code in backticks: shown as code, through markdown-it (raw HTML off).
    return { version, ...verdict, title: info ? inlineHtml(info.title) : null, meaning: info ? inlineHtml(info.meaning) : null, passed: verdict.status === "pass" ? lessonText(options.lesson, lang).passed : null, lesson: options.lesson.number };
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
    res.write(`retry: 1000\nevent: verdict\ndata: ${JSON.stringify({ version })}\n\n`);
    listeners.add(res);
    // A comment now and then keeps proxies and the browser from closing an idle stream.
    const beat = setInterval(() => res.write(": still here\n\n"), 15_000);
    req.on("close", () => {
      clearInterval(beat);
      listeners.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "EADDRINUSE"
          ? new WorkshopError("PORT_IN_USE", `Port ${options.port} (the workshop page) is already in use. Stop what holds it, or choose another: PAGE_PORT=4100 npm run lesson ${options.lesson.number}`)
          : err,
      ),
    );
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  return {
    url: `http://localhost:${port}`,
    update(next) {
      verdict = next;
      version++;
      for (const res of listeners) res.write(`event: verdict\ndata: ${JSON.stringify({ version, status: next.status })}\n\n`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of listeners) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pickLanguage(asked: string | null): Language {
  return (LANGUAGES as readonly string[]).includes(asked ?? "") ? (asked as Language) : language();
}

function lessonFrom(url: URL): LessonInfo | undefined {
  const number = Number(/^\/api\/lessons\/(\d+)/.exec(url.pathname)?.[1]);
  return LESSONS.find((lesson) => lesson.number === number);
}

/** Host localhost or 127.0.0.1 on this port: a name that only rebinds to loopback is refused. */
function fromThisMachine(req: IncomingMessage, port: number): boolean {
  return [`localhost:${port}`, `127.0.0.1:${port}`].includes(req.headers.host ?? "");
}

const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  // The diff view and the picture style a few elements inline; no script can come that way.
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  // The lesson's own page, shown in a frame; it is on another port of this machine.
  "frame-src http://localhost:* http://127.0.0.1:*",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join("; ");

function send(res: ServerResponse, status: number, ext: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": TYPES[ext] ?? "application/octet-stream", "cache-control": "no-store", "content-security-policy": CSP, "x-content-type-options": "nosniff" });
  res.end(body);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, ".json", JSON.stringify(value));
}

async function file(res: ServerResponse, name: string): Promise<void> {
  send(res, 200, path.extname(name), await readFile(name));
}
