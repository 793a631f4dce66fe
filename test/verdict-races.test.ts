// Verdicts that must not depend on which side of a race the wire caught, each found in CI and
// pinned here on hand-made observations, so that both orders are tested every run, not only the
// one the machine happened to produce:
// - lesson 18: a poll open across the login saves the pre-login copy; GET /me or the socket's
//   whoami may be the first to see the user gone, and both are LOGIN_UNDONE;
// - a guard on io.engine that refuses every request after the handshake: the client reconnects,
//   and the newest handshake may have sent nothing yet when the evidence is read.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadCheck } from "../verify/catalogue/lessons.ts";
import { selfTestDir } from "../cli/state/pristine.ts";
import { diagnose, type Finding } from "../verify/evidence/diagnose.ts";
import type { Observation } from "../verify/evidence/scenario.ts";
import { Wire, type Handshake, type HttpRecord } from "../verify/evidence/wire.ts";
import { refusedAfterHandshake } from "../verify/kit/connection.ts";
import { signedCookie } from "../verify/kit/cookies.ts";
import { lessonByNumber } from "./helpers.ts";

const API = "http://localhost:3000";
const SECRET = "test-secret";
const SID = "sid-of-ada-0123456789abcdef";
const COOKIE = signedCookie(SID, SECRET);

function record(seq: number, respondedSeq: number, method: string, path: string, status: number, body = "", cookie?: string): HttpRecord {
  return {
    seq,
    respondedSeq,
    method,
    url: new URL(path, API),
    requestHeaders: cookie ? { cookie: `connect.sid=${cookie}` } : {},
    status,
    responseHeaders: { "access-control-allow-origin": "http://localhost:8080", "access-control-allow-credentials": "true" },
    body,
    done: true,
  };
}

/** A login answered at seq 10; what comes before and after it is each test's. */
function observation(http: HttpRecord[], handshakes: Handshake[], answer?: { user: string | null }): Observation {
  const wire = new Wire(API);
  const login = record(9, 10, "POST", "/login", 200, `{"ok":true}`);
  const meAfter = record(20, 21, "GET", "/me", 200, JSON.stringify({ sessionId: SID, user: "ada" }), COOKIE);
  wire.http.push(login, ...http, meAfter);
  wire.handshakes.push(...handshakes);
  const last = handshakes.at(-1);
  return {
    username: "ada",
    pageUrl: "http://localhost:8080",
    apiUrl: API,
    pageLoaded: true,
    panelMounted: true,
    login,
    meAfter,
    cookie: { value: COOKIE, path: "/", domain: "localhost", httpOnly: true, secure: false, sameSite: "Lax" },
    answer:
      answer && last
        ? {
            handshake: last,
            identity: { sessionId: SID, user: answer.user },
            packet: { seq: 30, at: 0, engineSid: last.engineSid!, dir: "received", transport: "polling", packet: { kind: "ack", nsp: "/", id: 0, args: [{ sessionId: SID, user: answer.user }] } },
          }
        : undefined,
    lastHandshake: last,
    wire,
  };
}

function handshake(seq: number, engineSid: string): Handshake {
  return { seq, transport: "polling", engineSid, http: record(seq, seq + 1, "GET", "/socket.io/?EIO=4&transport=polling", 200, `0{"sid":"${engineSid}"}`, COOKIE) };
}

describe("lesson 18: a poll open across the login", () => {
  const lesson18 = async () => (await loadCheck(selfTestDir(lessonByNumber(18)))).refine!;

  test("seen first by the socket, with the wire's proof of the poll, is LOGIN_UNDONE, and the evidence names the poll", async () => {
    const refine = await lesson18();
    // The page's pre-login connection: its handshake handed out the session, its poll spans the login.
    const poll = record(5, 15, "GET", "/socket.io/?EIO=4&transport=polling&sid=E0", 200, "6", COOKIE);
    const obs = observation([poll], [handshake(3, "E0"), handshake(16, "E1")], { user: null });
    const finding = diagnose(obs, SECRET);
    assert.equal(finding?.fault, "SOCKET_DATA_MISSING", "the standard check sees the socket without the user");
    const refined = refine(finding!, obs);
    assert.equal(refined.fault, "LOGIN_UNDONE");
    assert.ok(refined.seen.some((line) => line.includes("sid=E0") && line.includes("before the login")), refined.seen.join("\n"));
  });

  test("the poll's answer never reaching the page (it reloaded after login, aborting the poll) is proof too", async () => {
    const refine = await lesson18();
    const aborted: HttpRecord = { ...record(5, 0, "GET", "/socket.io/?EIO=4&transport=polling&sid=E0", 0, "", COOKIE), respondedSeq: undefined, status: undefined, failure: "net::ERR_ABORTED" };
    const obs = observation([aborted], [handshake(3, "E0"), handshake(16, "E1")], { user: null });
    assert.equal(refine(diagnose(obs, SECRET)!, obs).fault, "LOGIN_UNDONE");
  });

  test("a request sent after the login was answered (it loaded the logged-in copy) proves nothing", async () => {
    const refine = await lesson18();
    const later = record(11, 15, "GET", "/socket.io/?EIO=4&transport=polling&sid=E0", 200, "6", COOKIE); // the login was answered at seq 10
    const obs = observation([later], [handshake(3, "E0"), handshake(16, "E1")], { user: null });
    assert.equal(refine(diagnose(obs, SECRET)!, obs).fault, "SOCKET_DATA_MISSING");
  });

  test("a poll whose headers were never read (aborted by the reload) carried the cookie the browser held when it was sent", async () => {
    const refine = await lesson18();
    const aborted: HttpRecord = { ...record(7, 0, "GET", "/socket.io/?EIO=4&transport=polling&sid=E0", 0), requestHeaders: {}, respondedSeq: undefined, status: undefined, failure: "net::ERR_ABORTED" };
    const obs = observation([aborted], [handshake(3, "E0"), handshake(16, "E1")], { user: null });
    assert.equal(refine(diagnose(obs, SECRET)!, obs).fault, "SOCKET_DATA_MISSING", "no response had set a cookie before it: it carried none");
    // A visitor's GET /me, answered before the poll was sent, set the session cookie (saveUninitialized: true).
    const visit = { ...record(4, 5, "GET", "/me", 200, JSON.stringify({ sessionId: SID, user: null })), responseHeaders: { "set-cookie": `connect.sid=${COOKIE}; Path=/; HttpOnly` } };
    obs.wire.http.push(visit);
    assert.equal(refine(diagnose(obs, SECRET)!, obs).fault, "LOGIN_UNDONE");
  });

  test("the socket without the user and no request open across the login stays SOCKET_DATA_MISSING", async () => {
    const refine = await lesson18();
    const ended = record(5, 8, "GET", "/socket.io/?EIO=4&transport=polling&sid=E0", 200, "6", COOKIE); // answered before the login
    const obs = observation([ended], [handshake(3, "E0"), handshake(16, "E1")], { user: null });
    assert.equal(refine(diagnose(obs, SECRET)!, obs).fault, "SOCKET_DATA_MISSING");
  });

  test("a request across the login that carried another session proves nothing of this one", async () => {
    const refine = await lesson18();
    const other = signedCookie("another-session-id-000000", SECRET);
    const poll = record(5, 15, "GET", "/socket.io/?EIO=4&transport=polling&sid=E0", 200, "6", other);
    const obs = observation([poll], [handshake(3, "E0"), handshake(16, "E1")], { user: null });
    assert.equal(refine(diagnose(obs, SECRET)!, obs).fault, "SOCKET_DATA_MISSING");
  });

  test("seen first by HTTP (GET /me: the session without its user) is LOGIN_UNDONE too", async () => {
    const refine = await lesson18();
    const obs = observation([], [handshake(16, "E1")], { user: "ada" });
    obs.meAfter!.body = JSON.stringify({ sessionId: SID, user: null });
    const finding = diagnose(obs, SECRET);
    assert.equal(finding?.fault, "HTTP_SESSION_MISMATCH");
    assert.equal(refine(finding!, obs).fault, "LOGIN_UNDONE");
  });
});

describe("a guard on io.engine that refuses what follows the handshake", () => {
  test("is found on an earlier connection when the newest has not sent anything yet", () => {
    const refused = record(13, 14, "POST", "/socket.io/?EIO=4&transport=polling&sid=E1", 401, "", COOKIE);
    const obs = observation([refused], [handshake(11, "E1"), handshake(17, "E2")]);
    const later = refusedAfterHandshake(obs);
    assert.equal(later?.request, refused);
    assert.match(later!.line, /sid=E1 → 401$/);
    const finding: Finding | undefined = diagnose(obs, SECRET);
    assert.equal(finding?.fault, "SOCKET_NO_ANSWER");
  });

  test("a refusal on the connection from before the login (nobody logged in yet) is not it", () => {
    const refused = record(5, 6, "POST", "/socket.io/?EIO=4&transport=polling&sid=E0", 401, "", COOKIE);
    const obs = observation([refused], [handshake(3, "E0"), handshake(11, "E1")]);
    assert.equal(refusedAfterHandshake(obs), undefined);
  });

  test("the standard finding names the refused request of the connection it judged", () => {
    const refused = record(13, 14, "GET", "/socket.io/?EIO=4&transport=polling&sid=E1", 403, "", COOKIE);
    const obs = observation([refused], [handshake(11, "E1")]);
    const finding = diagnose(obs, SECRET);
    assert.equal(finding?.fault, "SOCKET_NO_ANSWER");
    assert.ok(finding!.seen.some((line) => line.includes("sid=E1") && line.endsWith("was answered 403")), finding!.seen.join("\n"));
  });
});
