// The picture of a check (verify/evidence/sequence.ts) is drawn from the evidence the verifier
// judged: these tests run real checks in the browser and hold each arrow to the observation and
// the trail it came from, the fault's mark to the verdict, and the SVG to XML, escaping and both
// languages. The trail (verify/evidence/trail.ts) and sequenceOf are also tested on their own.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Browser } from "playwright";
import { launchBrowser } from "../verify/app/browser.ts";
import { verifyTarget, type LessonResult } from "../verify/judge/run.ts";
import { LiveLesson } from "../verify/judge/live.ts";
import { freePort } from "../verify/app/ports.ts";
import { solutionDir } from "../verify/catalogue/lessons.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { cleanupAll } from "../verify/app/processes.ts";
import { sequenceOf, sequenceSvg, type Arrow } from "../verify/evidence/sequence.ts";
import { recordProbe, withTrail, type TrailEntry } from "../verify/evidence/trail.ts";
import type { Observation } from "../verify/evidence/scenario.ts";
import { Wire, type Handshake, type HttpRecord, type WirePacket } from "../verify/evidence/wire.ts";
import { sessionCookieFromHeader } from "../verify/evidence/session-cookie.ts";
import type { Finding } from "../verify/evidence/diagnose.ts";
import { lessonByNumber } from "./helpers.ts";

let browser: Browser;
before(async () => (browser = await launchBrowser()));
after(async () => {
  await browser?.close();
  await cleanupAll();
});

interface Checked {
  result: LessonResult;
  arrows: Arrow[];
  obs: Observation;
  trail: TrailEntry[];
}

async function check(n: number, which: "lesson" | "solution"): Promise<Checked> {
  const lesson = lessonByNumber(n);
  let seen: Omit<Checked, "result"> | undefined;
  const result = await verifyTarget(
    browser,
    { lesson, appDir: which === "lesson" ? selfTestDir(lesson) : solutionDir(lesson), checkDir: selfTestDir(lesson) },
    undefined,
    undefined,
    { onEvidence: (arrows, evidence) => (seen = { arrows, obs: evidence.obs, trail: evidence.trail }) },
  );
  assert.ok(seen, `onEvidence was called for lesson ${n} (${which})`);
  return { result, ...seen };
}

const show = (arrows: Arrow[]) => arrows.map((a) => `${a.seq} ${a.from}→${a.to} ${a.ok ? "✓" : "✗"}${a.faultHere ? "⚠" : ""} ${a.label}`).join("\n");
const isLoginAnswer = (a: Arrow, i: number, all: Arrow[]) => a.from === "api" && a.to === "page" && all[i - 1]?.label.startsWith("POST ") === true;

/** What every picture of a page's check must say, whatever the verdict. */
function holdsToTheWire({ arrows, obs }: Checked): void {
  assert.deepEqual(
    arrows.map((a) => a.seq),
    arrows.map((_, i) => i + 1),
    "arrows are numbered in order",
  );
  // The login, and its Set-Cookie exactly when the answer set connect.sid.
  const login = arrows.findIndex((a, i, all) => isLoginAnswer(a, i, all));
  assert.ok(login > 0, show(arrows));
  const setIt = /(^|\n)connect\.sid=/.test(obs.login?.responseHeaders?.["set-cookie"] ?? "");
  assert.equal(arrows[login]!.label.includes("Set-Cookie: connect.sid"), setIt, show(arrows));
  // Each polling handshake after login, with the cookie flag the wire recorded for it.
  const loggedIn = obs.login!.respondedSeq!;
  const wired = obs.wire.handshakes.filter((h) => h.http && h.seq > loggedIn && h.seq <= (obs.lastHandshake?.seq ?? -1));
  const drawn = arrows.filter((a) => a.from === "page" && a.to === "socket" && a.label.startsWith("handshake (polling)"));
  assert.equal(drawn.length, wired.length, show(arrows));
  wired.forEach((h, i) => {
    const carried = Boolean(sessionCookieFromHeader(h.http!.requestHeaders["cookie"]));
    assert.equal(drawn[i]!.label.includes("with connect.sid"), carried, `${drawn[i]!.label} / ${h.http!.requestHeaders["cookie"]}`);
    assert.equal(drawn[i]!.ok, carried, "a handshake after login is right exactly when it carried the cookie");
  });
  // The whoami answer names the identity the scenario found.
  const acks = arrows.filter((a) => a.from === "socket" && a.to === "page" && a.label.startsWith("ack"));
  if (obs.answer) {
    assert.equal(acks.length, 1, show(arrows));
    const user = obs.answer.identity.user;
    assert.ok(acks[0]!.label.includes(user === null ? "no user" : `user ${JSON.stringify(user)}`), acks[0]!.label);
    assert.equal(acks[0]!.ok, user === obs.username);
  } else {
    assert.equal(acks.length, 0);
  }
}

function oneFault(arrows: Arrow[]): Arrow {
  const marked = arrows.filter((a) => a.faultHere);
  assert.equal(marked.length, 1, show(arrows));
  return marked[0]!;
}

/** The SVG parses as XML, in fast-xml-parser and in Chromium's DOMParser; its title and language as Chromium reads them. */
async function parses(svg: string): Promise<{ title: string; lang: string | null }> {
  assert.equal(XMLValidator.validate(svg), true);
  assert.equal(new XMLParser({ ignoreAttributes: false }).parse(svg).svg?.["@_xmlns"], "http://www.w3.org/2000/svg");
  const page = await browser.newPage();
  try {
    const read = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      const root = doc.documentElement;
      return {
        problem: doc.querySelector("parsererror")?.textContent ?? (root.localName === "svg" ? null : root.localName),
        title: root.querySelector(":scope > title")?.textContent ?? "",
        lang: root.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"),
      };
    }, svg);
    assert.equal(read.problem, null);
    return { title: read.title, lang: read.lang };
  } finally {
    await page.close();
  }
}

describe("the picture of a real check", () => {
  test("lesson 3 untouched: the handshake's 404 is where the fault shows", async () => {
    const checked = await check(3, "lesson");
    assert.equal(checked.result.fault, "SOCKET_PATH_MISMATCH", checked.result.message ?? "");
    holdsToTheWire(checked);
    const fault = oneFault(checked.arrows);
    assert.deepEqual([fault.from, fault.to, fault.ok], ["socket", "page", false]);
    assert.match(fault.label, /^404/);
    assert.equal(checked.trail.length, 0, "no probes: the standard check already failed");
    const svg = sequenceSvg(checked.arrows, { lang: "en", title: "Lesson 3" });
    await parses(svg);
    assert.match(svg, /the fault shows here/);
  });

  test("lesson 3 solved: every arrow right, no fault marked, the battery told in one line", async () => {
    const checked = await check(3, "solution");
    assert.equal(checked.result.status, "pass", checked.result.message ?? "");
    holdsToTheWire(checked);
    const { arrows, trail } = checked;
    assert.equal(arrows.filter((a) => a.faultHere).length, 0);
    assert.deepEqual(arrows.filter((a) => !a.ok), [], show(arrows));
    // Lesson 3 has no extra check: no probe of its own; the battery's dozens of probes are one line.
    assert.equal(trail.length, 0, "nothing but the battery probed, and its passing items are not drawn");
    const last = arrows.at(-1)!;
    assert.equal(last.from, "probe");
    assert.match(last.label, /^the rules every app keeps: \d+ items passed \(\d+ probes, not drawn\)$/);
    assert.match(last.zh!.label, /^每个应用都要遵守的规则：\d+ 项通过/);

    const en = sequenceSvg(arrows, { lang: "en", title: "Lesson 3 solved" });
    const zh = sequenceSvg(arrows, { lang: "zh-CN", title: "第 3 课：通过" });
    assert.doesNotMatch(en, /the fault shows here/);
    assert.equal((await parses(en)).lang, "en");
    assert.equal((await parses(zh)).lang, "zh-CN");
    for (const words of ["浏览器页面", "Socket.IO 服务器", "验证器的探测", "握手", "第 3 课：通过"]) assert.ok(zh.includes(words), words);
    assert.doesNotMatch(en, /[\u4e00-\u9fff]/, "the English picture holds no Chinese");
  });

  test("lesson 20 solved: the extra check's probes drawn after the page's, a request and an answer each", async () => {
    const checked = await check(20, "solution");
    assert.equal(checked.result.status, "pass", checked.result.message ?? "");
    const { arrows, trail } = checked;
    assert.deepEqual(arrows.filter((a) => !a.ok), [], show(arrows));
    // The kit named what each probe sent: no cookie, a signed one naming no session; a login from Node.
    for (const cookie of ["none", "signed"]) assert.ok(trail.some((e) => e.cookie === cookie), `a probe with cookie "${cookie}"`);
    assert.ok(trail.some((e) => e.kind === "http" && e.method === "POST" && e.as !== undefined && e.setCookie !== undefined), "a login from Node, and its cookie");
    assert.ok(trail.some((e) => e.kind === "socket" && e.connected && e.whoami !== undefined), "a socket probe and its whoami answer");
    const firstProbe = arrows.findIndex((a) => a.from === "probe" || a.to === "probe");
    assert.ok(firstProbe > 0 && arrows.slice(firstProbe).every((a) => a.from === "probe" || a.to === "probe"), show(arrows));
    assert.equal(arrows.length - firstProbe, 2 * trail.length + 1, "a request and an answer for each probe, then the battery's line");
    // A signed cookie naming no session, refused as it should be: drawn right.
    const stranger = arrows.findIndex((a) => a.from === "probe" && a.label.includes("another session's cookie"));
    assert.ok(stranger > 0, show(arrows));
    assert.equal(arrows[stranger + 1]!.ok, true);
  });

  test("lesson 2 untouched: the socket's answer without a session is where the fault shows", async () => {
    const checked = await check(2, "lesson");
    assert.equal(checked.result.fault, "SOCKET_SESSION_MISSING", checked.result.message ?? "");
    holdsToTheWire(checked);
    const fault = oneFault(checked.arrows);
    assert.deepEqual([fault.from, fault.to, fault.ok], ["socket", "page", false]);
    assert.match(fault.label, /^ack · no user, no session/);
    assert.equal(checked.obs.answer?.identity.sessionId, null);
    await parses(sequenceSvg(checked.arrows, { lang: "zh-CN", title: "第 2 课" }));
  });
});

test("npm run lesson's LiveLesson keeps the last check's arrows, and forgets them when the app restarts", async () => {
  const lesson = lessonByNumber(3);
  const live = new LiveLesson({ lesson, appDir: selfTestDir(lesson), checkDir: selfTestDir(lesson) }, { port: await freePort(), clientPort: await freePort() });
  try {
    assert.equal(await live.start(), undefined);
    assert.equal(live.lastSequence?.length, undefined, "no picture before the first check");
    const finding = await live.check(browser);
    assert.equal(finding?.fault, "SOCKET_PATH_MISMATCH");
    const kept = () => live.lastSequence; // read afresh: each call may change it
    assert.ok(kept()?.length, "the check's arrows are kept");
    assert.match(oneFault(kept()!).label, /^404/);
    await live.start();
    assert.equal(kept(), undefined, "a picture of the app before the restart is not the running app's");
  } finally {
    await live.close();
  }
});

// ---------------------------------------------------------------------------------------------
// A hand-made observation

const API = "http://localhost:3000";
const COOKIE = "s%3Asid-ada.signature";

function handMade(opts: { user?: string; handshakeCookie?: boolean; answer?: string | null } = {}): Observation {
  const user = opts.user ?? "ada";
  const wire = new Wire(API);
  const http = (seq: number, method: string, path: string, status: number, body: string, headers: Record<string, string> = {}, response: Record<string, string> = {}): HttpRecord => ({
    seq,
    respondedSeq: seq + 1,
    method,
    url: new URL(path, API),
    requestHeaders: headers,
    status,
    responseHeaders: response,
    body,
    done: true,
  });
  const meBefore = http(1, "GET", "/me", 200, `{"sessionId":"sid-anon","user":null}`);
  const login = http(3, "POST", "/login", 200, `{"ok":true}`, {}, { "set-cookie": `connect.sid=${COOKIE}; Path=/; HttpOnly; SameSite=Lax` });
  const handshakeHttp = http(5, "GET", "/socket.io/?EIO=4&transport=polling&t=abc", 200, `0{"sid":"E1"}`, opts.handshakeCookie === false ? {} : { cookie: `connect.sid=${COOKIE}` }, { "access-control-allow-origin": "http://localhost:8080", "access-control-allow-credentials": "true" });
  const meAfter = http(7, "GET", "/me", 200, JSON.stringify({ sessionId: "sid-ada", user }));
  wire.http.push(meBefore, login, handshakeHttp, meAfter);
  const handshake: Handshake = { seq: 5, transport: "polling", http: handshakeHttp, engineSid: "E1" };
  wire.handshakes.push(handshake);
  const answered = opts.answer === undefined ? user : opts.answer;
  const sent: WirePacket = { seq: 9, at: 0, engineSid: "E1", dir: "sent", transport: "polling", packet: { kind: "event", nsp: "/", id: 0, name: "whoami", args: [] } };
  const ack: WirePacket = { seq: 10, at: 0, engineSid: "E1", dir: "received", transport: "polling", packet: { kind: "ack", nsp: "/", id: 0, args: [{ sessionId: answered === null ? null : "sid-ada", user: answered }] } };
  wire.packets.push(sent, ack);
  return {
    username: user,
    pageUrl: "http://localhost:8080",
    apiUrl: API,
    pageLoaded: true,
    panelMounted: true,
    meBefore,
    login,
    meAfter,
    cookie: { value: COOKIE, path: "/", domain: "localhost", httpOnly: true, secure: false, sameSite: "Lax" },
    answer: { handshake, identity: { sessionId: answered === null ? null : "sid-ada", user: answered }, packet: ack },
    lastHandshake: handshake,
    wire,
  };
}

describe("sequenceOf on a hand-made observation", () => {
  test("a check that passed: the page's exchanges in wire order, all right, nothing marked", () => {
    const arrows = sequenceOf(handMade(), [], undefined);
    assert.deepEqual(
      arrows.map((a) => [a.from, a.to, a.label, a.ok]),
      [
        ["page", "api", "GET /me", true],
        ["api", "page", "200 · no user, session sid-anon", true],
        ["page", "api", "POST /login", true],
        ["api", "page", "200 · Set-Cookie: connect.sid", true],
        ["page", "socket", "handshake (polling) with connect.sid", true],
        ["socket", "page", "200 · open", true],
        ["page", "api", "GET /me", true],
        ["api", "page", `200 · user "ada", session sid-ada`, true],
        ["page", "socket", "emit whoami", true],
        ["socket", "page", `ack · user "ada", session sid-ada`, true],
      ],
    );
    assert.equal(arrows[3]!.detail, "Path=/; HttpOnly; SameSite=Lax");
    assert.equal(arrows[4]!.detail, "GET /socket.io/?EIO=4&transport=polling", "without Engine.IO's cache-busting t=");
    assert.equal(arrows[3]!.zh?.label, "200 · Set-Cookie: connect.sid");
    assert.equal(arrows[4]!.zh?.label, "握手（polling），带 connect.sid");
    assert.ok(arrows.every((a) => !a.faultHere));
  });

  test("a handshake without the cookie is wrong, and the fault shows on it", () => {
    const finding: Finding = { fault: "SOCKET_CREDENTIALS_MISSING", seen: [] };
    const arrows = sequenceOf(handMade({ handshakeCookie: false, answer: null }), [], finding);
    const handshake = arrows.find((a) => a.label.startsWith("handshake"))!;
    assert.equal(handshake.label, "handshake (polling) without connect.sid");
    assert.equal(handshake.ok, false);
    assert.equal(oneFault(arrows), handshake);
    assert.equal(arrows.at(-1)!.label, "ack · no user, no session");
    assert.equal(arrows.at(-1)!.ok, false);
  });

  test("probes: refused or anonymous is right; a forged cookie or a logged-out session answered as a user is wrong, and marked", () => {
    const trail: TrailEntry[] = [
      { kind: "socket", cookie: "forged", transport: "websocket", connected: false, error: "unauthorized" },
      { kind: "http", cookie: "none", method: "POST", path: "/login", as: "bob", status: 200, setCookie: "sid-bob" },
      { kind: "socket", cookie: "signed", sid: "sid-bob", transport: "websocket", connected: true, whoami: { sessionId: "sid-bob", user: "bob" } },
      { kind: "http", cookie: "signed", sid: "sid-bob", method: "POST", path: "/logout", status: 204 },
      { kind: "socket", cookie: "signed", sid: "sid-bob", transport: "websocket", connected: true, whoami: { sessionId: "sid-bob", user: "bob" } },
      { kind: "socket", cookie: "forged", transport: "polling", connected: true, whoami: { sessionId: "sid-ada", user: "ada" } },
      { kind: "socket", cookie: "own", transport: "websocket", origin: "http://evil.test", connected: true, whoami: { sessionId: "sid-ada", user: "ada" } },
      { kind: "http", cookie: "own", method: "GET", path: "/me", origin: "http://evil.test", status: 200, user: "ada", lets: false },
      { kind: "socket", cookie: "none", transport: "polling", connected: true, whoami: null },
    ];
    const finding: Finding = { fault: "TAMPERED_COOKIE_ACCEPTED", seen: [] };
    const arrows = sequenceOf(handMade(), trail, finding);
    const probes = arrows.slice(10);
    assert.equal(probes.length, 2 * trail.length);
    assert.deepEqual(
      probes.filter((_, i) => i % 2 === 1).map((a) => [a.label, a.ok]),
      [
        ["refused: unauthorized", true],
        ["200 · Set-Cookie: connect.sid", true],
        [`whoami → user "bob", session sid-bob`, true],
        ["204", true],
        [`whoami → user "bob", session sid-bob`, false], // logged out, still bob
        [`whoami → user "ada", session sid-ada`, false], // a forged cookie is nobody
        [`whoami → user "ada", session sid-ada`, false], // another origin's WebSocket
        [`200 · user "ada" · CORS keeps that origin out`, true], // CORS keeps the answer from that page
        ["connected · no answer to whoami", true],
      ],
    );
    assert.equal(probes[4]!.label, `handshake (websocket) · the cookie of "bob"`);
    assert.equal(probes[12]!.label, "handshake (websocket) · the page's cookie · Origin: http://evil.test");
    // The last wrong answer on the trail is where the fault shows.
    assert.equal(oneFault(arrows), probes[13]);
    assert.ok(arrows.slice(0, 10).every((a) => a.ok), "the page's part passed");
  });

  test("a fault no arrow of the page shows is marked on the last arrow; a lesson's own name for a standard one, on the first wrong arrow", () => {
    assert.equal(oneFault(sequenceOf(handMade(), [], { fault: "TYPE_ERROR", seen: [] })).seq, 10);
    const refined = sequenceOf(handMade({ answer: null }), [], { fault: "SOME_LESSON_FAULT" as Finding["fault"], seen: [] });
    assert.equal(oneFault(refined).label, "ack · no user, no session");
  });

  test("no handshake after a login that worked is drawn as the missing arrow, where SOCKET_NEVER_CONNECTED shows", () => {
    const obs = handMade();
    obs.wire.handshakes.length = 0;
    obs.wire.packets.length = 0;
    delete obs.answer;
    delete obs.lastHandshake;
    const arrows = sequenceOf(obs, [], { fault: "SOCKET_NEVER_CONNECTED", seen: [] });
    const fault = oneFault(arrows);
    assert.deepEqual([fault.from, fault.to, fault.label, fault.ok], ["page", "socket", "no Socket.IO handshake after login", false]);
  });
});

describe("the SVG", () => {
  test("escapes a hostile user name and title, and leaves out what XML cannot hold", async () => {
    const hostile = `<img src=x onerror="alert(1)">&'\u0001</svg>`;
    const arrows = sequenceOf(handMade({ user: hostile }), [], { fault: "SOCKET_DATA_MISSING", seen: [] });
    for (const lang of ["en", "zh-CN"] as const) {
      const svg = sequenceSvg(arrows, { lang, title: `Lesson <1> & "${hostile}"` });
      const read = await parses(svg);
      assert.ok(!svg.includes("<img"), "no markup from the app's answers");
      assert.ok(!svg.includes("\u0001"));
      assert.ok(svg.includes("&lt;img src=x onerror=") && svg.includes("&amp;"), "shown as text");
      assert.equal(read.title, `Lesson <1> & "<img src=x onerror="alert(1)">&'</svg>"`, "the title reads as it was given, less the control character");
      assert.equal(read.lang, lang);
    }
  });

  test("is self-contained, sized to its content, accessible, and marks right and wrong without colour alone", () => {
    const arrows = sequenceOf(handMade({ answer: null }), [], { fault: "SOCKET_SESSION_MISSING", seen: [] });
    const svg = sequenceSvg(arrows, { lang: "en", title: "Lesson 2" });
    assert.doesNotMatch(svg, /<script|@import|url\(|href=/i, "no scripts, no external fonts or images");
    const [, width, height] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    assert.ok(width! > 400 && height! > arrows.length * 30, `${width}×${height}`);
    assert.match(svg, /<svg[^>]*role="img"[^>]*aria-labelledby="([\w-]+)-title \1-desc"/);
    assert.match(svg, /<title id="[\w-]+-title">Lesson 2<\/title>/);
    assert.equal((svg.match(/>✗</g) ?? []).length, arrows.filter((a) => !a.ok).length);
    assert.equal((svg.match(/>✓</g) ?? []).length, arrows.filter((a) => a.ok).length);
    assert.equal((svg.match(/stroke-dasharray="6 4"/g) ?? []).length, arrows.filter((a) => !a.ok).length, "wrong arrows are dashed too");
    assert.equal((svg.match(/the fault shows here/g) ?? []).length, 1);
    for (const name of ["Browser page", "API (HTTP routes)", "Socket.IO server"]) assert.ok(svg.includes(name), name);
    assert.ok(!svg.includes("Verifier&apos;s probes"), "no lifeline for an actor with no arrow");
  });
});

describe("the trail", () => {
  const entry = (path: string): TrailEntry => ({ kind: "http", cookie: "none", method: "GET", path, status: 200 });

  test("records only inside withTrail, and each trail only its own work, side by side", async () => {
    recordProbe(entry("/outside"));
    const [a, b] = await Promise.all([
      withTrail(async () => {
        recordProbe(entry("/a1"));
        await new Promise((r) => setTimeout(r, 20));
        recordProbe(entry("/a2"));
        return "a";
      }),
      withTrail(async () => {
        await new Promise((r) => setTimeout(r, 5));
        await Promise.all([1, 2].map(async (i) => recordProbe(entry(`/b${i}`))));
        return "b";
      }),
    ]);
    assert.equal(a.result, "a");
    assert.deepEqual(a.trail.map((e) => (e as { path: string }).path), ["/a1", "/a2"]);
    assert.deepEqual(b.trail.map((e) => (e as { path: string }).path), ["/b1", "/b2"]);
  });

  test("a trail closes with its work: a timer the work left behind records nothing", async () => {
    const { trail } = await withTrail(async () => {
      setTimeout(() => recordProbe(entry("/late")), 5);
    });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(trail, []);
  });
});
