// Unit tests for the verifier's building blocks: cookie decoding, wire decoding, CORS judgement,
// error locations, and the progress file's recovery.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { sign } from "cookie-signature";
import { decodeSessionCookie, sessionCookieFromHeader } from "../verify/evidence/session-cookie.ts";
import { decodePollingPayload, decodeSocketIoPacket, type SocketIoPacket } from "../verify/evidence/engineio.ts";
import { answerAfter, corsProblem, sinceLogin } from "../verify/evidence/scenario.ts";
import { pathMatches } from "../verify/evidence/diagnose.ts";
import { Wire } from "../verify/evidence/wire.ts";
import { buildServer, findLocation, serverStartError } from "../verify/app/lesson-server.ts";
import { vendorModules } from "../verify/build/vendor.ts";
import { readProgress, updateProgress } from "../cli/state/progress-file.ts";
import type { HttpRecord } from "../verify/evidence/wire.ts";
import { ROOT, WORK_DIR } from "../verify/paths.ts";

const cookieFor = (sid: string, secret: string) => encodeURIComponent(`s:${sign(sid, secret)}`);

test("a session cookie decodes to its id only with the right secret", () => {
  const raw = cookieFor("abc123", "right");
  assert.match(raw, /^s%3Aabc123\./, "the browser stores the value URL-encoded");
  assert.deepEqual(decodeSessionCookie(raw, "right"), { ok: true, sid: "abc123" });
  assert.deepEqual(decodeSessionCookie(raw, "wrong"), { ok: false, reason: "bad-signature" });
  assert.deepEqual(decodeSessionCookie(raw, ["old", "right"]), { ok: true, sid: "abc123" }, "every secret is tried, as express-session does");
  assert.deepEqual(decodeSessionCookie("abc123", "right"), { ok: false, reason: "not-signed" });
  assert.deepEqual(decodeSessionCookie("%E0%A4%A", "right"), { ok: false, reason: "malformed" });
});

test("a tampered signature never verifies", () => {
  const raw = decodeURIComponent(cookieFor("victim", "s"));
  const tampered = encodeURIComponent(raw.slice(0, -2) + (raw.endsWith("AA") ? "BB" : "AA"));
  assert.equal(decodeSessionCookie(tampered, "s").ok, false);
});

test("the connect.sid value is found in a Cookie header among others", () => {
  assert.equal(sessionCookieFromHeader("a=1; connect.sid=s%3Ax.y; b=2"), "s%3Ax.y");
  assert.equal(sessionCookieFromHeader("xconnect.sid=nope; a=1"), undefined);
  assert.equal(sessionCookieFromHeader(undefined), undefined);
});

test("Engine.IO polling payloads and Socket.IO packets decode", () => {
  const packets = decodePollingPayload('40{"sid":"S1"}\x1e430[{"sessionId":"x","user":"ada"}]\x1e2');
  assert.equal(packets.length, 3);
  assert.deepEqual(packets[0], { type: "message", raw: '40{"sid":"S1"}', message: { kind: "connect", nsp: "/", data: { sid: "S1" } } });
  assert.deepEqual(packets[1]!.type === "message" && packets[1]!.message, { kind: "ack", nsp: "/", id: 0, args: [{ sessionId: "x", user: "ada" }] });
  assert.equal(packets[2]!.type, "ping");
  assert.deepEqual(decodePollingPayload('0{"sid":"E1","upgrades":[]}')[0], { type: "open", sid: "E1", raw: '0{"sid":"E1","upgrades":[]}' });
  assert.deepEqual(decodeSocketIoPacket('2/admin,7["whoami"]'), { kind: "event", nsp: "/admin", id: 7, name: "whoami", args: [] });
  assert.deepEqual(decodeSocketIoPacket('4{"message":"unauthorized"}'), { kind: "connect_error", nsp: "/", data: { message: "unauthorized" } });
});

const record = (requestHeaders: Record<string, string>, responseHeaders: Record<string, string>): HttpRecord => ({
  seq: 1,
  method: "GET",
  url: new URL("http://localhost:3000/socket.io/?EIO=4&transport=polling"),
  requestHeaders,
  responseHeaders,
  status: 200,
  done: true,
});

test("CORS is judged the way the browser judges it", () => {
  const page = "http://localhost:8080/";
  const origin = "http://localhost:8080";
  const withCookie = { cookie: "connect.sid=s%3Ax.y" };
  assert.equal(corsProblem(record(withCookie, { "access-control-allow-origin": origin, "access-control-allow-credentials": "true" }), page), undefined);
  assert.equal(corsProblem(record(withCookie, { "access-control-allow-origin": origin }), page), "credentials");
  assert.equal(corsProblem(record(withCookie, { "access-control-allow-origin": "*", "access-control-allow-credentials": "true" }), page), "wildcard-with-credentials");
  assert.equal(corsProblem(record({}, { "access-control-allow-origin": "*" }), page), undefined, "* is fine without credentials");
  assert.equal(corsProblem(record({}, {}), page), "origin");
  assert.equal(corsProblem(record(withCookie, {}), "http://localhost:3000/"), undefined, "same origin needs no CORS");
});

test("a cookie's Path is matched the way a browser matches it (by segments, not as a prefix)", () => {
  assert.ok(pathMatches("/", "/socket.io/"));
  assert.ok(pathMatches("/api", "/api"));
  assert.ok(pathMatches("/api", "/api/socket.io/"));
  assert.ok(pathMatches("/api/", "/api/socket.io/"));
  assert.ok(!pathMatches("/api", "/socket.io/"));
  assert.ok(!pathMatches("/api", "/api-socket.io/"), "a string prefix is not a path prefix");
  assert.ok(!pathMatches("/api/", "/api"));
});

test("a server's crash output points at the learner's file and line", () => {
  const dir = "/w/lessons/03-x";
  const output = "Error: boom\n    at f (/w/node_modules/express/index.js:1:1)\n    at g (file:///w/lessons/03-x/server.ts:12:7)\n";
  assert.equal(findLocation(dir, output), path.relative(ROOT, "/w/lessons/03-x/server.ts") + ":12:7");
  const err = serverStartError(dir, output, "exited with code 1", 3000);
  assert.equal(err.code, "SERVER_CRASHED");
  assert.match(err.message, /Error: boom/);
  assert.doesNotMatch(err.message, /node_modules/, "library frames are left out");
  assert.equal(serverStartError(dir, "Error: listen EADDRINUSE: address already in use", "exited", 3000).code, "PORT_IN_USE");
});

test("an import of a name the module lacks is an import error, named by package, not a syntax error", () => {
  const output =
    "file:///w/.workshop/build/abc/server.mjs:7\nimport RedisStore from \"file:///w/.workshop/vendor/k/connect-redis.mjs\";\n       ^^^^^^^^^^\n" +
    "SyntaxError: The requested module 'file:///w/.workshop/vendor/k/connect-redis.mjs' does not provide an export named 'default'\n";
  const err = serverStartError("/w/lessons/14-x", output, "exited with code 1", 3000);
  assert.equal(err.code, "IMPORT_ERROR");
  assert.match(err.message, /server\.ts imports `default` from "connect-redis", and "connect-redis" exports no such name/);
});

test("a damaged progress file is set aside, not fatal, and progress starts again", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "progress-"));
  const file = path.join(dir, "progress.json");
  writeFileSync(file, "{ not json");
  const warnings: string[] = [];
  assert.deepEqual(readProgress(file, (w) => warnings.push(w)), { version: 1, lessons: {} });
  assert.match(warnings[0]!, /damaged/);
  assert.ok(readdirSync(dir).some((f) => f.startsWith("progress.json.damaged-")), "the damaged file is kept");
  updateProgress("01-x", (e) => (e.hintsShown = 2), file);
  assert.equal(JSON.parse(readFileSync(file, "utf8")).lessons["01-x"].hintsShown, 2);
});

test("a lesson server whose port another program holds is never mistaken for started", async () => {
  const { startLessonServer } = await import("../verify/app/lesson-server.ts");
  const { solutionDir, LESSONS } = await import("../verify/catalogue/lessons.ts");
  const net = await import("node:net");
  const squatter = net.createServer((socket) => socket.on("error", () => {}).end("HTTP/1.1 404 Not Found\r\n\r\n")).listen(0, "127.0.0.1");
  await new Promise((resolve) => squatter.once("listening", resolve));
  const port = (squatter.address() as { port: number }).port;
  try {
    await assert.rejects(
      startLessonServer(solutionDir(LESSONS[0]!), { port, clientOrigin: "http://localhost:1", secret: "s" }),
      (err: Error & { code?: string }) => err.code === "PORT_IN_USE",
    );
  } finally {
    squatter.close();
  }
});

test("lesson server ports come from outside the kernel's ephemeral range and are never handed out twice", async () => {
  const { freePort } = await import("../verify/app/ports.ts");
  const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
  assert.equal(new Set(ports).size, ports.length);
  for (const port of ports) assert.ok(port >= 10000 && port < 32768, `port ${port}`);
});

// The expected path below is Playwright's layout on linux-x64, the platform CI runs on.
const linuxX64 = process.platform === "linux" && process.arch === "x64";
test("Playwright's headless shell is preferred to its full Chromium, found beside it", { skip: !linuxX64 && "layout checked on linux-x64" }, () => {
  // Playwright's download layout, faked with empty files: only the lookup is under test here.
  const browsers = mkdtempSync(path.join(tmpdir(), "pw-browsers-"));
  const lookup = () => {
    const script = `import { findBrowser } from "./verify/app/browser.ts"; console.log(JSON.stringify(findBrowser({})));`;
    const run = spawnSync(process.execPath, ["--import", "tsx/esm", "--input-type=module", "-e", script], {
      cwd: ROOT,
      env: { ...process.env, PLAYWRIGHT_BROWSERS_PATH: browsers },
      encoding: "utf8",
    });
    return JSON.parse(run.stdout) as { path: string; source: string; headlessShell: boolean };
  };
  const system = lookup();
  assert.notEqual(system.source, "playwright", "no Playwright build is there yet");
  const full = spawnSync(process.execPath, ["-e", `console.log(require("playwright").chromium.executablePath())`], {
    cwd: ROOT,
    env: { ...process.env, PLAYWRIGHT_BROWSERS_PATH: browsers },
    encoding: "utf8",
  }).stdout.trim();
  const revision = /chromium-(\d+)/.exec(full)![1];
  const shell = path.join(browsers, `chromium_headless_shell-${revision}`, "chrome-headless-shell-linux64", "chrome-headless-shell");
  for (const file of [full, shell]) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "");
  }
  assert.deepEqual(lookup(), { path: shell, source: "playwright", headlessShell: true });
  rmSync(shell);
  assert.deepEqual(lookup(), { path: full, source: "playwright", headlessShell: false });
  rmSync(browsers, { recursive: true });
});

test("lesson servers import prebuilt libraries, unless they also import one that is not prebuilt", async () => {
  mkdirSync(WORK_DIR, { recursive: true });
  const dir = mkdtempSync(path.join(WORK_DIR, "prebuilt-"));
  try {
    writeFileSync(path.join(dir, "server.ts"), `import express from "express";\nimport { Server } from "socket.io";\nconsole.log(express, Server);\n`);
    const prebuilt = readFileSync(await buildServer(dir), "utf8");
    assert.match(prebuilt, /from "file:\/\/\/.*\/\.workshop\/build\/vendor\/[0-9a-f]+\/express\.mjs"/);
    assert.match(prebuilt, /from "file:\/\/\/.*\/\.workshop\/build\/vendor\/[0-9a-f]+\/socket\.io\.mjs"/);

    // "diff" could import express itself: two copies of a library must never meet, so none is prebuilt.
    writeFileSync(path.join(dir, "server.ts"), `import express from "express";\nimport { diffLines } from "diff";\nconsole.log(express, diffLines);\n`);
    const plain = readFileSync(await buildServer(dir), "utf8");
    assert.match(plain, /from "express"/);
    assert.match(plain, /from "diff"/);
    assert.doesNotMatch(plain, /\.workshop\/build\/vendor/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("prebuilt libraries offer exactly the exports Node gives an import of the package", async () => {
  const vendor = await vendorModules();
  assert.ok(vendor, "the libraries could be prebuilt");
  for (const [name, url] of vendor.modules) {
    const [original, prebuilt] = [await import(name), await import(url)];
    assert.deepEqual(Object.keys(prebuilt).sort(), Object.keys(original).sort(), `${name}: the same named exports`);
    assert.equal(typeof prebuilt.default, typeof original.default, `${name}: the same kind of default export`);
    if (original.default && typeof original.default !== "string") {
      assert.deepEqual(Object.keys(prebuilt.default).sort(), Object.keys(original.default).sort(), `${name}: default is module.exports`);
    }
  }
});

test("after a reload, only the new page's connections answer for the logged-in page", () => {
  // The order soak found: the first connection was still opening when the login answer came, so
  // it asked whoami (anonymous) after login, just as the page reloaded and connected again.
  const wire = new Wire("http://localhost:3000");
  const handshake = (engineSid: string) => wire.handshakes.push({ seq: wire.nextSeq(), transport: "polling", engineSid });
  const packet = (engineSid: string, dir: "sent" | "received", packet: SocketIoPacket) =>
    wire.packets.push({ seq: wire.nextSeq(), at: performance.now(), engineSid, dir, transport: "polling", packet });
  const whoami = (engineSid: string, id: number, user: string | null) => {
    packet(engineSid, "sent", { kind: "event", nsp: "/", id, name: "whoami", args: [] });
    packet(engineSid, "received", { kind: "ack", nsp: "/", id, args: [{ sessionId: `sid-${engineSid}`, user }] });
  };

  handshake("old");
  const loggedIn = wire.nextSeq(); // POST /login answered
  wire.navigations.push(wire.nextSeq()); // the panel reloads the page
  whoami("old", 0, null); // the old page's connection, opened before login, asks on its way out
  assert.equal(answerAfter(wire, sinceLogin(wire, loggedIn)), undefined, "the old page's answer is not the logged-in page's");
  handshake("new");
  whoami("new", 0, "ada");
  assert.equal(answerAfter(wire, sinceLogin(wire, loggedIn))?.identity.user, "ada");

  // Without a reload (a single-page app), the connection that was open before login is the evidence.
  const spa = new Wire("http://localhost:3000");
  spa.handshakes.push({ seq: spa.nextSeq(), transport: "polling", engineSid: "only" });
  const spaLogin = spa.nextSeq();
  spa.packets.push({ seq: spa.nextSeq(), at: 0, engineSid: "only", dir: "sent", transport: "polling", packet: { kind: "event", nsp: "/", id: 1, name: "whoami", args: [] } });
  spa.packets.push({ seq: spa.nextSeq(), at: 0, engineSid: "only", dir: "received", transport: "polling", packet: { kind: "ack", nsp: "/", id: 1, args: [{ sessionId: "s", user: null }] } });
  assert.equal(answerAfter(spa, sinceLogin(spa, spaLogin))?.identity.user, null, "an SPA's old connection answers for it");
});

