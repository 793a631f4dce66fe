// Serves a lesson's browser client from its own origin (like a Vite dev server next to an API),
// so credential and CORS mistakes behave exactly as in a real SPA + API setup.
// It runs inside the workshop's process: no extra process to start, leak or wait for.
import { createServer, type Server } from "node:http";
import { mkdir, readFile, rename, utimes, writeFile } from "node:fs/promises";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import * as esbuild from "esbuild";
import { ROOT, WORK_DIR } from "./paths.ts";
import { builtAfter } from "./build-cache.ts";
import { WorkshopError } from "./errors.ts";

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
 * Bundles client.ts with the shared panel and socket.io-client, or reuses the last bundle while
 * nothing it is made of has changed. The API's address is not baked in: `process.env.API_URL`
 * reads a global the page sets, so one bundle serves whatever port the API runs on.
 */
export async function bundleClient(dir: string): Promise<Bundle> {
  const outfile = path.join(WORK_DIR, "build", createHash("sha1").update(dir).digest("hex").slice(0, 12), "client.js");
  // Made of the lesson's files, the shared panel and the installed packages.
  if (builtAfter(outfile, [dir, path.join(ROOT, "page")], [path.join(ROOT, "node_modules", ".package-lock.json")])) {
    const [js, map] = await Promise.all([readFile(outfile, "utf8"), readFile(`${outfile}.map`, "utf8")]).catch(() => []);
    if (js !== undefined && map !== undefined) return { js, map };
  }
  const started = new Date();
  const bundle = await build(dir);
  // Written aside and renamed, so a parallel run never reads half a file; stamped with the
  // build's start, so a file saved while it ran is newer and gets bundled next time.
  await mkdir(path.dirname(outfile), { recursive: true });
  const temp = `${outfile}.${process.pid}-${randomBytes(4).toString("hex")}`; // unique even for two bundles of one app at once
  await Promise.all([writeFile(temp, bundle.js), writeFile(`${temp}.map`, bundle.map)]);
  await Promise.all([utimes(temp, started, started), utimes(`${temp}.map`, started, started)]);
  await rename(`${temp}.map`, `${outfile}.map`);
  await rename(temp, outfile);
  return bundle;
}

async function build(dir: string): Promise<Bundle> {
  try {
    const result = await esbuild.build({
      entryPoints: [path.join(dir, "client.ts")],
      bundle: true,
      write: false,
      outfile: path.join(dir, "client.js"),
      format: "esm",
      platform: "browser",
      target: "es2022",
      // Linked, not inline: the browser fetches the map only when DevTools are open.
      sourcemap: "linked",
      absWorkingDir: ROOT,
      define: { "process.env.API_URL": "globalThis.WORKSHOP_API_URL" },
      logLevel: "silent",
    });
    const js = result.outputFiles.find((f) => f.path.endsWith(".js"))!.text;
    const map = result.outputFiles.find((f) => f.path.endsWith(".map"))?.text ?? "{}";
    return { js, map };
  } catch (err) {
    throw bundleError(err);
  }
}

function bundleError(err: unknown): WorkshopError {
  const errors = (err as esbuild.BuildFailure).errors ?? [];
  const first = errors[0];
  if (!first) return new WorkshopError("CLIENT_BUNDLE_ERROR", `The browser client could not be bundled: ${String(err)}`);
  const where = first.location
    ? `${path.relative(ROOT, path.resolve(ROOT, first.location.file))}:${first.location.line}:${first.location.column + 1}`
    : "client.ts";
  const line = first.location?.lineText ? `\n    ${first.location.lineText.trim()}` : "";
  return new WorkshopError("CLIENT_BUNDLE_ERROR", `${where}: ${first.text}${line}`, { file: where });
}

export async function startClientHost({ dir, title, apiUrl, port }: ClientHostOptions): Promise<ClientHost> {
  const [template, css] = await Promise.all([
    readFile(path.join(ROOT, "page/index.html"), "utf8"),
    readFile(path.join(ROOT, "page/panel.css"), "utf8"),
  ]);
  const page = template
    .replace("{{title}}", title.replace(/[<&]/g, ""))
    .replace("{{apiUrl}}", JSON.stringify(apiUrl).replace(/</g, "\\u003c"));
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

export function portInUse(port: number, what: string): WorkshopError {
  return new WorkshopError(
    "PORT_IN_USE",
    `Port ${port} (${what}) is already in use. Stop the other program using it ` +
      `(often another \`npm run lesson\` in a different terminal: \`lsof -i :${port}\` shows it), ` +
      `or pick other ports: PORT=3100 CLIENT_PORT=8180 npm run lesson …`,
  );
}
