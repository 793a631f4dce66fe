// The child process verify/app/vite.ts starts: the lesson's own Vite dev server, as `vite` in the
// lesson's folder starts it (its vite.config.ts, its index.html), through Vite's own API so that
// two things the command line cannot say are said here: the port the workshop chose (strictly:
// never another), and a dependency cache of this server's own (Vite keeps one per project in
// node_modules/.vite, and several checks run side by side would rewrite it under each other).
// It prints one JSON line on stdout: { url } once it serves, or { error, file } if it cannot start.
import { createServer } from "vite";

const [root, port, cacheDir] = process.argv.slice(2);
const say = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

// Under mutation testing (`npm run mutate`), the mutant StrykerJS activates reaches the page as it
// does in client-host.ts: a global set before the page's code runs (a page has no process.env).
const active = process.env.__STRYKER_ACTIVE_MUTANT__;
const mutantSwitch = {
  name: "workshop-mutant-switch",
  transformIndexHtml: () => [{ tag: "script", children: `globalThis.__stryker__ = { activeMutant: ${JSON.stringify(active).replace(/</g, "\\u003c")} };`, injectTo: "head-prepend" }],
};

try {
  const server = await createServer({
    root,
    cacheDir,
    clearScreen: false,
    logLevel: "warn",
    server: { port: Number(port), strictPort: true },
    plugins: active ? [mutantSwitch] : [],
  });
  await server.listen();
  // The address Vite prints as "Local:", on the host the lesson's config chose.
  const url = server.resolvedUrls?.local[0] ?? `http://localhost:${port}/`;
  say({ url: url.replace(/\/$/, "") });
} catch (err) {
  // A config that does not load: esbuild's error names the place (file:line:column).
  const located = err?.errors?.[0]?.location;
  const file = located ? `${located.file}:${located.line}:${located.column + 1}` : undefined;
  say({ error: String(err?.message ?? err).split("\n").slice(0, 6).join("\n"), code: err?.code, file });
  process.exit(1);
}
