// Decides, from an Observation of the wire, whether HTTP and the socket share one session, and if
// not, which fault the evidence shows. Rules run in order, causes before their consequences;
// the first that matches wins. No rule looks at the page's DOM.
import { decodeSessionCookie, sessionCookieFromHeader } from "./session-cookie.ts";
import { corsProblem, isOk, type Identity, type Observation } from "./scenario.ts";
import { describeRequest, type Handshake, type HttpRecord } from "./wire.ts";
import { errorPageText } from "./error-page.ts";
import type { FaultCode, SharedFault } from "../catalogue/faults.ts";
import path from "node:path";
import { ROOT } from "../paths.ts";

export interface Finding {
  fault: FaultCode;
  /** What the verifier saw, one fact a line. */
  seen: string[];
  /**
   * Set by a lesson check that made the server exit on purpose and named why (lesson 19): the
   * verdict stands, where any other finding made while the server died becomes SERVER_CRASHED.
   */
  explainsExit?: boolean;
}

type Rule = (obs: Observation, facts: Facts) => Finding | undefined;

interface Facts {
  secret: string;
  /** The session id inside the browser's connect.sid, if it verifies with the harness secret. */
  cookieSid?: string;
  seen: string[];
}

export function diagnose(obs: Observation, secret: string): Finding | undefined {
  const facts: Facts = { secret, seen: [] };
  for (const rule of RULES) {
    const finding = rule(obs, facts);
    if (finding) return finding;
  }
  return undefined;
}

const fail = (fault: SharedFault, facts: Facts, ...more: (string | undefined)[]): Finding => ({
  fault,
  seen: [...facts.seen, ...more.filter((line): line is string => Boolean(line))],
});

const RULES: Rule[] = [
  function pageRan(obs, facts) {
    if (!obs.pageLoaded) return fail("PAGE_DID_NOT_LOAD", facts, obs.stalled);
    if (!obs.panelMounted) {
      return fail("CLIENT_RUNTIME_ERROR", facts, obs.stalled, firstLine(obs.wire.pageErrors[0], "browser error"));
    }
    return undefined;
  },

  function httpHasSession(obs, facts) {
    const me = obs.meBefore;
    const noSession = me && isOk(me) && parseIdentity(me)?.sessionId === null;
    const crashedOnSession = obs.login?.status === 500 && /properties of undefined/.test(obs.login.body ?? "");
    if (!noSession && !crashedOnSession) return undefined;
    return fail(
      "HTTP_SESSION_MISSING",
      facts,
      me && `${describeRequest(me)} → ${me.status} ${me.body?.trim()}${noSession ? "  (req.session was undefined in the route)" : ""}`,
      obs.login && `${describeRequest(obs.login)} → ${obs.login.status} ${errorFromBody(obs.login.body)}`,
    );
  },

  function loginWorked(obs, facts) {
    const login = obs.login;
    if (!login) return fail("LOGIN_FAILED", facts, obs.stalled ?? "the page never sent POST /login");
    if (login.failure) {
      return fail(
        "LOGIN_BLOCKED",
        facts,
        `${describeRequest(login)} failed in the browser: ${login.failure}`,
        corsConsole(obs),
      );
    }
    if (!isOk(login)) {
      return fail("LOGIN_FAILED", facts, `${describeRequest(login)} → ${login.status} ${errorFromBody(login.body)}`);
    }
    facts.seen.push(`${describeRequest(login)} → ${login.status}; logged in as "${obs.username}"`);
    return undefined;
  },

  function cookieIsSigned(obs, facts) {
    if (!obs.cookie) {
      const setCookie = obs.login?.responseHeaders?.["set-cookie"];
      // The browser drops a SameSite=None cookie that is not Secure: the cause is the cookie, not CORS.
      const dropped = (setCookie ?? "").split("\n").find((line) => line.startsWith(`connect.sid=`) && /;\s*samesite=none/i.test(line) && !/;\s*secure/i.test(line));
      if (dropped) {
        return fail(
          "SAMESITE_NONE_WITHOUT_SECURE",
          facts,
          `the login response set: ${dropped.replace(/=[^;]{12,}/, (v) => `${v.slice(0, 13)}…`)}`,
          "SameSite=None without Secure: the browser refused to store it, so it holds no connect.sid cookie",
        );
      }
      return fail(
        "SESSION_COOKIE_MISSING",
        facts,
        setCookie ? `the login response set: ${setCookie}` : "the login response carried no Set-Cookie header",
        `the browser holds no connect.sid cookie for ${obs.apiUrl}`,
      );
    }
    const decoded = decodeSessionCookie(obs.cookie.value, facts.secret);
    if (!decoded.ok) {
      return fail(
        "SESSION_SECRET_NOT_USED",
        facts,
        `browser cookie connect.sid=${short(obs.cookie.value, 40)} (${decoded.reason})`,
        "it does not verify with the SESSION_SECRET the workshop gave the server",
      );
    }
    facts.cookieSid = decoded.sid;
    facts.seen.push(`browser cookie connect.sid → session ${short(decoded.sid)} (signature verified)`);
    return undefined;
  },

  // A session middleware on the socket side that does not know the login's session (its own store or
  // secret) starts one of its own; with saveUninitialized it sends that session's cookie, replacing the
  // login's. What follows (more replacements either way) depends on timing; this first one does not
  // (the soak found it: 10 in 24 parallel runs named the later HTTP_SESSION_MISMATCH instead).
  function socketKeptLoginCookie(obs, facts) {
    // The login's session: the one its answer set, or else the one its request's cookie named.
    const carried = sessionCookieFromHeader(obs.login?.requestHeaders["cookie"]);
    const carriedSid = carried ? decodeSessionCookie(carried, facts.secret) : undefined;
    const loginSid = sidSetBy(obs.login, facts.secret) ?? (carriedSid?.ok ? carriedSid.sid : undefined);
    const loginSeq = obs.login?.respondedSeq;
    if (!loginSid || loginSeq === undefined) return undefined;
    const handshake = obs.wire.handshakes.find((h) => h.seq > loginSeq && h.http)?.http;
    const replaced = sidSetBy(handshake, facts.secret);
    if (!handshake || !replaced || replaced === loginSid) return undefined;
    return fail(
      "SOCKET_REPLACED_COOKIE",
      facts,
      `the login's answer set connect.sid → session ${short(loginSid)}`,
      `then the first Socket.IO handshake after it, ${describeRequest(handshake)}, answered with Set-Cookie connect.sid → session ${short(replaced)}, replacing it`,
    );
  },

  function httpSeesCookieSession(obs, facts) {
    const me = obs.meAfter;
    const identity = me && parseIdentity(me);
    if (!me || !identity) {
      return fail("HTTP_SESSION_MISMATCH", facts, me ? `${describeRequest(me)} → ${me.status} ${short(me.body ?? "", 120)}` : "the page never called GET /me after login");
    }
    const line = `${describeRequest(me)} → ${describeIdentity(identity)}`;
    if (identity.sessionId === null) return fail("HTTP_SESSION_MISSING", facts, line);
    if (identity.sessionId !== facts.cookieSid || identity.user !== obs.username) {
      return fail("HTTP_SESSION_MISMATCH", facts, line, `expected session ${short(facts.cookieSid!)} with user "${obs.username}"`);
    }
    facts.seen.push(`HTTP: ${line}`);
    return undefined;
  },

  function socketConnected(obs, facts) {
    if (obs.answer) return undefined;
    const handshake = obs.lastHandshake ?? obs.wire.handshakes.at(-1);
    if (!handshake) {
      return fail("SOCKET_NEVER_CONNECTED", facts, "no Socket.IO handshake (GET …?EIO=4&transport=polling) reached the API");
    }
    const seen = describeHandshake(handshake);
    const http = handshake.http;
    if (http?.failure) {
      if (/REFUSED|ADDRESS_UNREACHABLE|NAME_NOT_RESOLVED/.test(http.failure)) return fail("SOCKET_URL_UNREACHABLE", facts, seen);
      const blocked = corsBlockedByBrowser(obs, http);
      if (blocked) return fail(blocked.fault, facts, seen, `browser console: ${short(blocked.line, 300)}`);
      return fail("SOCKET_HANDSHAKE_FAILED", facts, seen, corsConsole(obs));
    }
    if (http && http.status === 404) return fail("SOCKET_PATH_MISMATCH", facts, seen);
    if (http && http.status !== undefined && http.status !== 200) {
      return fail("SOCKET_HANDSHAKE_FAILED", facts, seen, http.body && `response body: ${short(http.body, 160)}`);
    }
    const cors = http && corsProblem(http, obs.pageUrl);
    if (cors) {
      const fault = ({ origin: "CORS_ORIGIN_REJECTED", credentials: "CORS_CREDENTIALS_MISSING", "wildcard-with-credentials": "CORS_WILDCARD_WITH_CREDENTIALS" } as const)[cors];
      return fail(fault, facts, seen, corsHeaders(http), corsConsole(obs));
    }
    if (obs.connectError) {
      // Socket.IO's own refusal of a namespace the server never defined: the URL carried a path.
      if (obs.connectError.message === "Invalid namespace") {
        const nsp = obs.connectError.packet.packet.nsp;
        return fail("SOCKET_INVALID_NAMESPACE", facts, seen, `the socket asked for the namespace "${nsp}"; the server answered connect_error "Invalid namespace"`);
      }
      return fail("SOCKET_REJECTED", facts, seen, `the server answered the connection with connect_error: "${obs.connectError.message}"`);
    }
    // The handshake got through, and a later long-polling request of the same connection did not:
    // the CORS headers were on the first answer only (an `initial_headers` hook, say).
    const engineSid = handshake.engineSid;
    const later = engineSid
      ? obs.wire.http.find((r) => r.failure && !/ABORTED/.test(r.failure) && r.url.searchParams.get("sid") === engineSid)
      : undefined;
    const blockedLater = later && corsBlockedByBrowser(obs, later);
    if (later && blockedLater) {
      return fail(blockedLater.fault, facts, seen, `a later request of the same connection, ${describeRequest(later)}, was blocked`, `browser console: ${short(blockedLater.line, 300)}`);
    }
    // Or the server answered it with an error (a guard on io.engine that runs on every request).
    const refused = engineSid
      ? obs.wire.http.find((r) => r.seq > handshake.seq && r.url.searchParams.get("sid") === engineSid && r.status !== undefined && r.status >= 400)
      : undefined;
    if (refused) return fail("SOCKET_NO_ANSWER", facts, seen, `a later request of the same connection, ${describeRequest(refused)}, was answered ${refused.status}`);
    return fail("SOCKET_NO_ANSWER", facts, seen, obs.stalled);
  },

  function socketSharesSession(obs, facts) {
    const { identity, handshake } = obs.answer!;
    const answer = `socket: whoami → ${describeIdentity(identity)}`;
    if (identity.sessionId === facts.cookieSid && identity.user === obs.username) {
      facts.seen.push(answer);
      return undefined;
    }
    const hs = handshake ? describeHandshake(handshake) : "the handshake of this connection was not seen";
    const cookieSent = handshake?.http ? Boolean(sessionCookieFromHeader(handshake.http.requestHeaders["cookie"])) : true;
    const loginSeq = obs.login?.respondedSeq ?? 0;
    if (handshake && handshake.seq < loginSeq) return fail("SOCKET_OPENED_BEFORE_LOGIN", facts, hs, answer);
    const handshakePath = handshake?.http?.url.pathname;
    if (!cookieSent && obs.cookie && handshakePath && !pathMatches(obs.cookie.path, handshakePath)) {
      return fail(
        "COOKIE_PATH_EXCLUDES_SOCKET",
        facts,
        `the browser's connect.sid cookie has Path=${obs.cookie.path}`,
        `${hs}: ${handshakePath} is outside Path=${obs.cookie.path}, so the browser kept the cookie back`,
        answer,
      );
    }
    if (identity.sessionId === null) return fail("SOCKET_SESSION_MISSING", facts, hs, answer);
    if (!cookieSent) return fail("SOCKET_CREDENTIALS_MISSING", facts, hs, answer);
    if (identity.sessionId !== facts.cookieSid) return fail("SOCKET_SESSION_MISMATCH", facts, hs, answer);
    return fail("SOCKET_DATA_MISSING", facts, hs, answer, `expected user "${obs.username}"`);
  },
];

/** A browser's rule for sending a cookie to a URL path (RFC 6265, 5.1.4 "path-match"). */
export function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

function parseIdentity(record: HttpRecord): Identity | undefined {
  try {
    const body = JSON.parse(record.body ?? "") as Partial<Identity>;
    if (!("sessionId" in body)) return undefined;
    return { sessionId: body.sessionId ?? null, user: body.user ?? null };
  } catch {
    return undefined;
  }
}

function describeIdentity(identity: Identity): string {
  const sid = identity.sessionId === null ? "null" : short(identity.sessionId);
  return `{ sessionId: ${sid}, user: ${identity.user === null ? "null" : JSON.stringify(identity.user)} }`;
}

function describeHandshake(handshake: Handshake): string {
  if (!handshake.http) return `WebSocket handshake ${handshake.wsUrl?.href ?? ""}`;
  const http = handshake.http;
  if (http.failure) return `handshake ${describeRequest(http)} failed in the browser: ${http.failure}`;
  const cookie = sessionCookieFromHeader(http.requestHeaders["cookie"]);
  const carried = cookie ? `carried connect.sid=${short(cookie, 24)}` : "carried no connect.sid cookie";
  return `handshake ${describeRequest(http)} → ${http.status ?? "no answer"}; it ${carried}`;
}

// Chromium hides a CORS-blocked response from the page (and from Playwright: the request just
// "fails"), but says exactly why in the console. These are the browser's own words for each case.
const CORS_MESSAGES: [RegExp, SharedFault][] = [
  [/'Access-Control-Allow-Credentials' header/, "CORS_CREDENTIALS_MISSING"],
  [/must not be the wildcard '\*'/, "CORS_WILDCARD_WITH_CREDENTIALS"],
  [/No 'Access-Control-Allow-Origin' header|'Access-Control-Allow-Origin' header (has a value|contains)/, "CORS_ORIGIN_REJECTED"],
];

function corsBlockedByBrowser(obs: Observation, http: HttpRecord): { fault: SharedFault; line: string } | undefined {
  const path = http.url.pathname;
  for (const line of obs.wire.consoleErrors) {
    if (!/blocked by CORS policy/.test(line) || !line.includes(path)) continue;
    const match = CORS_MESSAGES.find(([pattern]) => pattern.test(line));
    if (match) return { fault: match[1], line };
  }
  return undefined;
}

function corsHeaders(http: HttpRecord): string {
  const h = http.responseHeaders ?? {};
  const show = (name: string) => `${name}: ${h[name] ?? "(missing)"}`;
  return `response headers: ${show("access-control-allow-origin")}, ${show("access-control-allow-credentials")}`;
}

function corsConsole(obs: Observation): string | undefined {
  return consoleLine(obs, /CORS|Access-Control/);
}

function consoleLine(obs: Observation, pattern: RegExp): string | undefined {
  const line = obs.wire.consoleErrors.find((text) => pattern.test(text));
  return line && `browser console: ${short(line, 240)}`;
}

/** The error in an Express error page, and where in the learner's code it was thrown. */
function errorFromBody(body: string | undefined): string {
  if (!body) return "";
  const text = errorPageText(body);
  const first = short(text.split("\n")[0]!.trim(), 160);
  const frame = /\(?((?:file:\/\/)?\/[^\s():]+\.ts):(\d+):(\d+)\)?/.exec(text.split("\n").filter((l) => !l.includes("node_modules")).join("\n"));
  return frame ? `${first}\n  thrown at ${path.relative(ROOT, frame[1]!.replace(/^file:\/\//, ""))}:${frame[2]}:${frame[3]}` : first;
}

function firstLine(text: string | undefined, label: string): string | undefined {
  return text && `${label}: ${text.split("\n")[0]}`;
}

export function short(text: string, max = 12): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The session id of the connect.sid cookie a response set, if it set one signed with the secret. */
function sidSetBy(record: HttpRecord | undefined, secret: string): string | undefined {
  for (const line of (record?.responseHeaders?.["set-cookie"] ?? "").split("\n")) {
    const value = sessionCookieFromHeader(line.split(";")[0]);
    const decoded = value ? decodeSessionCookie(value, secret) : undefined;
    if (decoded?.ok) return decoded.sid;
  }
  return undefined;
}
