// Serves a lesson's browser client from its own origin (like a Vite dev server next to an API),
// so credential and CORS mistakes behave exactly as in a real SPA + API setup.
// It runs inside the workshop's process: no extra process to start, leak or wait for.
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildClient } from "../build/esbuild.mjs";
import { ROOT } from "../paths.ts";
import { WorkshopError } from "../errors.ts";
import { portInUse } from "./ports.ts";

export interface ClientHostOptions {
  /** Folder holding the lesson's client.ts. */
  dir: string;
  title: string;
  apiUrl: string;
  port: number;
}

export interface ClientHost {
  url: string;
  /** Bundles client.ts again; throws a WorkshopError with file:line on a syntax or import error. */
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

interface Bundle {
  js: string;
  map: string;
}

/**
 * Bundles client.ts with the shared panel and socket.io-client, or reuses the bundle while nothing
 * it is made of has changed (verify/build/esbuild.mjs). The API's address is not baked in:
 * `process.env.API_URL` reads a global the page sets, so one bundle serves whatever port the API runs on.
 */
export async function bundleClient(dir: string): Promise<Bundle> {
  let folder: string;
  try {
    folder = await buildClient(ROOT, { dir });
  } catch (err) {
    throw bundleError(err);
  }
  const [js, map] = await Promise.all([readFile(path.join(folder, "client.js"), "utf8"), readFile(path.join(folder, "client.js.map"), "utf8").catch(() => "{}")]);
  return { js, map };
}

function bundleError(err: unknown): WorkshopError {
  const errors = (err as { errors?: { text: string; location?: { file: string; line: number; column: number; lineText?: string } }[] }).errors ?? [];
  const first = errors[0];
  if (!first) return new WorkshopError("CLIENT_BUNDLE_ERROR", `The browser client could not be bundled: ${String(err)}`);
  const where = first.location
    ? `${path.relative(ROOT, path.resolve(ROOT, first.location.file))}:${first.location.line}:${first.location.column + 1}`
    : "client.ts";
  const line = first.location?.lineText ? `\n    ${first.location.lineText.trim()}` : "";
  return new WorkshopError("CLIENT_BUNDLE_ERROR", `${where}: ${first.text}${line}`, { file: where });
}

/**
 * Under mutation testing (`npm run mutate`), the mutant StrykerJS activates: its instrumented code
 * reads it from process.env in Node, and from this global in a page, which has no process.env.
 */
function mutantSwitch(): string {
  const active = process.env.__STRYKER_ACTIVE_MUTANT__;
  return active ? `<script>globalThis.__stryker__ = { activeMutant: ${JSON.stringify(active).replace(/</g, "\\u003c")} };</script>\n  ` : "";
}

export async function startClientHost({ dir, title, apiUrl, port }: ClientHostOptions): Promise<ClientHost> {
  const [template, css] = await Promise.all([
    readFile(path.join(ROOT, "page/index.html"), "utf8"),
    readFile(path.join(ROOT, "page/panel.css"), "utf8"),
  ]);
  const page = template
    .replace("{{title}}", title.replace(/[<&]/g, ""))
    .replace("{{apiUrl}}", JSON.stringify(apiUrl).replace(/</g, "\\u003c"))
    .replace("</head>", `${mutantSwitch()}</head>`);
  let bundle = await bundleClient(dir);

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const send = (type: string, body: string) => {
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (url.pathname === "/") return send("text/html; charset=utf-8", page);
    if (url.pathname === "/client.js") return send("text/javascript; charset=utf-8", bundle.js);
    if (url.pathname === "/client.js.map") return send("application/json", bundle.map);
    if (url.pathname === "/panel.css") return send("text/css; charset=utf-8", css);
    if (url.pathname === "/favicon.ico") return void res.writeHead(204).end(); // no 404 noise in the console
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? portInUse(port, "the lesson's client page") : err),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.address() as { port: number }).port;

  return {
    url: `http://localhost:${actualPort}`,
    async rebuild() {
      bundle = await bundleClient(dir);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
