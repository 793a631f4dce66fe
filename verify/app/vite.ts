// The page of a lesson served by its own Vite dev server (lesson.ts `needs: { devServer: "vite" }`),
// as the learner runs it: the lesson's index.html, client.ts and vite.config.ts, whose host the
// page is opened on and whose proxy (if any) passes requests on to the API. Vite runs as a child
// process of its own (vite-dev.mjs), on the port the workshop chose, and learns the API's address
// from its environment (API_URL for vite.config.ts, VITE_API_URL for the page's code): several
// checks run side by side, each with its own API, so this process's environment is never touched.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { killGroup, spawnOwned } from "./processes.ts";
import { portInUse } from "./ports.ts";
import { ROOT } from "../paths.ts";
import { WorkshopError } from "../errors.ts";
import type { ClientHost } from "./client-host.ts";

const LAUNCHER = path.join(ROOT, "verify", "app", "vite-dev.mjs");
/** Vite starts in well under a second; a loaded machine gets plenty more. */
const START_TIMEOUT_MS = 20_000;

export interface ViteOptions {
  /** The lesson's folder: index.html, client.ts, vite.config.ts. */
  dir: string;
  apiUrl: string;
  port: number;
}

/**
 * Starts the lesson's Vite dev server and resolves once it serves, with the page's address as
 * Vite prints it ("Local:"): on the host the lesson's vite.config.ts chose. A config that does
 * not load is the learner's to fix: a DEV_SERVER_FAILED with its file:line.
 */
export async function startViteDevServer({ dir, apiUrl, port }: ViteOptions): Promise<ClientHost> {
  const cacheDir = await mkdtemp(path.join(tmpdir(), "workshop-vite-"));
  const child = spawnOwned(process.execPath, [LAUNCHER, dir, String(port), cacheDir], {
    cwd: dir,
    env: { ...process.env, API_URL: apiUrl, VITE_API_URL: apiUrl, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    killGroup(child);
    await exited;
    await rm(cacheDir, { recursive: true, force: true }).catch(() => {});
  };
  const started = await new Promise<{ url?: string; error?: string; code?: string; file?: string }>((resolve) => {
    let pending = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        try {
          resolve(JSON.parse(line));
        } catch {
          output = `${output}${line}\n`.slice(-4000);
        }
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    child.once("exit", (code, signal) => resolve({ error: `Vite ${signal ? `was ended by ${signal}` : `exited with code ${code}`} before it served the page` }));
    child.once("error", (err) => resolve({ error: err.message }));
    setTimeout(() => resolve({ error: `Vite did not serve the page within ${START_TIMEOUT_MS / 1000} s` }), START_TIMEOUT_MS).unref();
  });
  if (!started.url) {
    await stop();
    if (started.code === "EADDRINUSE" || /already in use/i.test(started.error ?? "")) throw portInUse(port, "the lesson's page (Vite)");
    // esbuild's place for a config that does not parse; else the config Vite names, for one that throws.
    const config = /failed to load config from (\S+)/.exec(output)?.[1];
    const file = (started.file ?? config) && path.relative(ROOT, path.resolve(dir, (started.file ?? config)!));
    const last = output.replace(/^failed to load config from .*\n?/m, "").trim().split("\n").slice(-6).join("\n    ");
    throw new WorkshopError(
      "DEV_SERVER_FAILED",
      `${file ? `${file}: ` : ""}${started.error ?? "Vite did not start"}${last ? `\n  Vite's output (last lines):\n    ${last}` : ""}`,
      { file },
    );
  }
  // What Vite prints while it serves (a proxy error, a file it could not transform) stays readable
  // in a trace, and its pipes never fill up.
  child.stdout!.resume();
  return {
    url: started.url,
    // Vite serves client.ts as it is on disk: a save needs nothing from the workshop.
    rebuild: async () => {},
    close: stop,
  };
}

/**
 * For setup and the doctor: Vite's version, once a dev server of it started (on a page of its own in
 * a temporary folder, not the learner's lesson) and served that page. Throws a WorkshopError else.
 */
export async function viteWorks(port: number): Promise<string> {
  const { readFile, writeFile } = await import("node:fs/promises");
  const dir = await mkdtemp(path.join(tmpdir(), "workshop-vite-probe-"));
  try {
    await writeFile(path.join(dir, "index.html"), "<!doctype html><title>probe</title><p>vite works</p>\n");
    const host = await startViteDevServer({ dir, apiUrl: "http://localhost:9", port });
    try {
      const page = await fetch(host.url.replace("localhost", "127.0.0.1"), { signal: AbortSignal.timeout(5000) }).then((res) => res.text());
      if (!page.includes("vite works")) throw new WorkshopError("DEV_SERVER_FAILED", `Vite started on ${host.url} but did not serve its page`);
    } finally {
      await host.close();
    }
    return (JSON.parse(await readFile(path.join(ROOT, "node_modules", "vite", "package.json"), "utf8")) as { version: string }).version;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
