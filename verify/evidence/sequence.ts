// A picture of one check, drawn from the evidence the verifier judged and from nothing else: the
// page's exchanges with the API and the socket as the browser's wire recorded them (the login and
// its Set-Cookie, each handshake after it and whether it carried the session cookie, the whoami
// answer), then the probes the lesson's check and the battery sent from Node (trail.ts). Each arrow
// is right or wrong by the facts the diagnosis reads, and the arrow where the finding's fault shows
// is marked. sequenceOf() makes the arrows; sequence-svg.ts draws them.
import { sessionCookieFromHeader, SESSION_COOKIE } from "./session-cookie.ts";
import { corsProblem, handshakeFailed, isOk, type Identity, type Observation } from "./scenario.ts";
import type { Handshake, HttpRecord, WirePacket } from "./wire.ts";
import type { Finding } from "./diagnose.ts";
import { errorPageText } from "./error-page.ts";
import type { CookieSent, HttpProbe, SocketProbe, TrailEntry } from "./trail.ts";

export { sequenceSvg } from "./sequence-svg.ts";

/** The lifelines: the lesson's page in the browser, its API's routes, its Socket.IO server, the verifier's own Node client. */
export type Actor = "page" | "api" | "socket" | "probe";

export interface Arrow {
  from: Actor;
  to: Actor;
  /** What went across, in English. */
  label: string;
  /** More about it, in English: the cookie's attributes, the full answer. */
  detail?: string;
  /** As it should be, by the facts the verifier judged. */
  ok: boolean;
  /** The one arrow where the finding's fault shows (none when the check passed). */
  faultHere?: boolean;
  /** Its place in the picture, from 1. */
  seq: number;
  /** The label and detail in Chinese (zh-CN); sequenceSvg falls back to the English. */
  zh?: { label: string; detail?: string };
}

/** Where an arrow belongs, for placing the fault: the finding's code names a kind, not an arrow. */
type Kind =
  | "me-before"
  | "login"
  | "me-after"
  | "handshake-request"
  | "handshake"
  | "whoami-request"
  | "whoami"
  | "connect-error"
  | "no-handshake"
  | "probe-request"
  | "probe";

interface Draft {
  kind: Kind;
  /** The wire's seq (or a trail position after the page's): arrows are put in this order. */
  at: number;
  arrow: Omit<Arrow, "seq">;
  /** For handshakes: which one, to find the one a fault names. */
  handshake?: Handshake;
}

/** Text in both languages. */
interface Words {
  en: string;
  zh: string;
}
const w = (en: string, zh: string = en): Words => ({ en, zh });
const join = (parts: (Words | undefined)[], sep = " · "): Words => {
  const present = parts.filter((part): part is Words => part !== undefined);
  return { en: present.map((p) => p.en).join(sep), zh: present.map((p) => p.zh).join(sep) };
};

function arrow(from: Actor, to: Actor, label: Words, ok: boolean, detail?: Words): Omit<Arrow, "seq"> {
  const made: Omit<Arrow, "seq"> = { from, to, label: label.en, ok };
  if (detail?.en) made.detail = detail.en;
  made.zh = detail?.zh ? { label: label.zh, detail: detail.zh } : { label: label.zh };
  return made;
}

/** The arrows of one check: the page's exchanges in wire order, then the probes in the order they were answered. */
export function sequenceOf(obs: Observation, trail: TrailEntry[], finding: Finding | undefined): Arrow[] {
  const page = pageDrafts(obs);
  const probes = probeDrafts(obs, trail);
  const drafts = [...page, ...probes];
  const fault = finding ? faultDraft(finding, drafts, page, probes, obs) : undefined;
  return drafts.map((draft, i) => ({ ...draft.arrow, ...(draft === fault ? { faultHere: true } : {}), seq: i + 1 }));
}

// ---------------------------------------------------------------------------------------------
// The page, from the browser's wire

function pageDrafts(obs: Observation): Draft[] {
  const drafts: Draft[] = [];
  const add = (kind: Kind, at: number, made: Omit<Arrow, "seq">, handshake?: Handshake) => drafts.push({ kind, at, arrow: made, handshake });
  let end = 0; // the last seq seen, for arrows about something that never came

  const me = (kind: "me-before" | "me-after", record: HttpRecord, expectUser: boolean) => {
    add(kind, record.seq, arrow("page", "api", w(`${record.method} ${route(record)}`), true));
    const identity = identityOf(record);
    const noSession = identity?.sessionId === null;
    const ok = answered(record) && (expectUser ? identity?.user === obs.username && !noSession : !(isOk(record) && noSession));
    const said = record.failure ? failed(record.failure) : join([w(String(record.status ?? "…")), identity && identityWords(identity)]);
    add(kind, answerSeq(record), arrow("api", "page", said, ok));
    end = Math.max(end, answerSeq(record));
  };

  if (obs.meBefore) me("me-before", obs.meBefore, false);

  const login = obs.login;
  if (login) {
    add("login", login.seq, arrow("page", "api", w(`${login.method} ${route(login)}`), true, w(`as ${JSON.stringify(obs.username)}`, `用户 ${JSON.stringify(obs.username)}`)));
    add("login", answerSeq(login), loginAnswer(obs, login));
    end = Math.max(end, answerSeq(login));
  }
  const loggedIn = login && !login.failure && isOk(login) ? (login.respondedSeq ?? login.seq) : undefined;

  if (obs.meAfter) me("me-after", obs.meAfter, true);

  // The handshakes after login, up to the last one the scenario judged; and the one whose
  // connection answered whoami, even when it was opened before login (which is then the fault).
  const last = obs.lastHandshake?.seq ?? -1;
  const shown = new Set<Handshake>();
  if (loggedIn !== undefined) for (const h of obs.wire.handshakes) if (h.seq > loggedIn && h.seq <= last) shown.add(h);
  if (obs.answer?.handshake) shown.add(obs.answer.handshake);
  const loginCookie = setCookieValue(login);
  for (const handshake of [...shown].sort((a, b) => a.seq - b.seq)) {
    const before = loggedIn === undefined || handshake.seq < loggedIn;
    add("handshake-request", handshake.seq, handshakeRequest(handshake, before), handshake);
    const at = handshake.http ? answerSeq(handshake.http) : handshake.seq + 0.5;
    add("handshake", at, handshakeAnswer(obs, handshake, loginCookie), handshake);
    end = Math.max(end, at);
  }

  // whoami: the question the scenario's answer answered, or the first asked after login.
  const asked = whoamiAsked(obs, loggedIn, shown);
  if (asked) add("whoami-request", asked.seq, arrow("page", "socket", w("emit whoami", "发送 whoami"), true, w(asked.transport)));
  if (obs.answer) {
    add("whoami", obs.answer.packet.seq, whoamiAnswer(obs, obs.answer.identity));
    end = Math.max(end, obs.answer.packet.seq);
  } else if (asked) {
    add("whoami", Math.max(end, asked.seq) + 0.5, arrow("socket", "page", w("no answer to whoami", "whoami 没有应答"), false));
  }

  if (obs.connectError) {
    add("connect-error", obs.connectError.packet.seq, arrow("socket", "page", w(`connect_error ${JSON.stringify(obs.connectError.message)}`), false));
    end = Math.max(end, obs.connectError.packet.seq);
  }

  // What never came is evidence too: a login that worked, and no socket at all after it.
  if (loggedIn !== undefined && shown.size === 0 && !obs.answer) {
    add("no-handshake", end + 0.75, arrow("page", "socket", w("no Socket.IO handshake after login", "登录后没有 Socket.IO 握手"), false));
  } else if (loggedIn !== undefined && !obs.answer && !asked && !obs.connectError && [...shown].some((h) => !handshakeFailed(h, obs.pageUrl))) {
    add("whoami", end + 0.75, arrow("socket", "page", w("no whoami answer", "没有 whoami 应答"), false));
  }
  return drafts.sort((a, b) => a.at - b.at);
}

function loginAnswer(obs: Observation, login: HttpRecord): Omit<Arrow, "seq"> {
  if (login.failure) return arrow("api", "page", failed(login.failure), false);
  if (!login.done) return arrow("api", "page", w("no answer", "没有应答"), false);
  const line = setCookieLine(login);
  const status = w(String(login.status));
  if (!line) {
    // A session that existed before the login (a cookie from GET /me) may simply be kept.
    const kept = isOk(login) && obs.cookie !== undefined && Boolean(sessionCookieFromHeader(login.requestHeaders["cookie"]));
    return arrow(
      "api",
      "page",
      join([status, w("no Set-Cookie", "没有 Set-Cookie")]),
      kept,
      kept ? w(`the browser keeps the ${SESSION_COOKIE} it sent`, `浏览器保留它发送的 ${SESSION_COOKIE}`) : undefined,
    );
  }
  const attributes = cookieAttributes(line);
  const dropped = /samesite=none/i.test(attributes.join(";")) && !attributes.some((a) => /^secure$/i.test(a));
  const why = dropped
    ? w("SameSite=None without Secure: the browser dropped it", "SameSite=None 却没有 Secure：浏览器丢弃了它")
    : obs.cookie === undefined
      ? w(`the browser kept no ${SESSION_COOKIE}`, `浏览器没有保存 ${SESSION_COOKIE}`)
      : undefined;
  const detail = join([attributes.length ? w(attributes.join("; ")) : undefined, why], " — ");
  return arrow("api", "page", join([status, w(`Set-Cookie: ${SESSION_COOKIE}`)]), isOk(login) && !why, detail);
}

function handshakeRequest(handshake: Handshake, beforeLogin: boolean): Omit<Arrow, "seq"> {
  const before = beforeLogin ? w(" (opened before login)", "（登录前打开）") : w("");
  if (!handshake.http) {
    return arrow(
      "page",
      "socket",
      w(`handshake (websocket)${before.en}`, `握手（websocket）${before.zh}`),
      true,
      w("the browser does not show a WebSocket's request headers", "浏览器不显示 WebSocket 的请求头"),
    );
  }
  const carried = Boolean(sessionCookieFromHeader(handshake.http.requestHeaders["cookie"]));
  const label = carried
    ? w(`handshake (polling) with ${SESSION_COOKIE}${before.en}`, `握手（polling），带 ${SESSION_COOKIE}${before.zh}`)
    : w(`handshake (polling) without ${SESSION_COOKIE}${before.en}`, `握手（polling），没有带 ${SESSION_COOKIE}${before.zh}`);
  // Before login there is no session to carry; after it, a handshake without the cookie has none.
  return arrow("page", "socket", label, carried || beforeLogin, w(`${handshake.http.method} ${route(handshake.http)}`));
}

function handshakeAnswer(obs: Observation, handshake: Handshake, loginCookie: string | undefined): Omit<Arrow, "seq"> {
  const http = handshake.http;
  if (!http) return handshake.engineSid ? arrow("socket", "page", w("open (websocket)", "已打开（websocket）"), true) : arrow("socket", "page", w("no answer", "没有应答"), false);
  if (http.failure) {
    const cors = obs.wire.consoleErrors.some((line) => /blocked by CORS policy/.test(line) && line.includes(http.url.pathname));
    return arrow("socket", "page", cors ? w("blocked by CORS", "被 CORS 阻止") : failed(http.failure), false, cors ? failed(http.failure) : undefined);
  }
  if (!http.done) return arrow("socket", "page", w("no answer", "没有应答"), false);
  if (http.status !== 200) return arrow("socket", "page", w(String(http.status ?? "…")), false, http.body ? w(oneLine(http.body)) : undefined);
  const cors = corsProblem(http, obs.pageUrl);
  if (cors) {
    return arrow("socket", "page", w(`200 · blocked by CORS (${cors})`, `200 · 被 CORS 阻止（${cors}）`), false, corsDetail(http));
  }
  // A handshake answer that sets another session cookie replaces the login's (SOCKET_REPLACED_COOKIE).
  const set = setCookieValue(http);
  const replaced = set !== undefined && loginCookie !== undefined && set !== loginCookie;
  const failedLater = laterRequestFailed(obs, handshake);
  const label = join([
    w("200 · open", "200 · 已打开"),
    set !== undefined ? (replaced ? w(`Set-Cookie: ${SESSION_COOKIE} (another session)`, `Set-Cookie: ${SESSION_COOKIE}（另一个会话）`) : w(`Set-Cookie: ${SESSION_COOKIE}`)) : undefined,
    failedLater ? w("a later request failed", "之后的请求失败") : undefined,
  ]);
  return arrow("socket", "page", label, !replaced && !failedLater);
}

function whoamiAsked(obs: Observation, loggedIn: number | undefined, shown: Set<Handshake>): WirePacket | undefined {
  const isWhoami = (p: WirePacket) => p.dir === "sent" && p.packet.kind === "event" && p.packet.name === "whoami";
  const reply = obs.answer?.packet;
  if (reply && reply.packet.kind === "ack") {
    const id = reply.packet.id;
    const sent = obs.wire.packets.find((p) => isWhoami(p) && p.engineSid === reply.engineSid && p.packet.kind === "event" && p.packet.id === id && p.seq < reply.seq);
    if (sent) return sent;
  }
  if (loggedIn === undefined) return undefined;
  const sids = new Set([...shown].map((h) => h.engineSid).filter(Boolean));
  return obs.wire.packets.find((p) => isWhoami(p) && p.seq > loggedIn && sids.has(p.engineSid));
}

function whoamiAnswer(obs: Observation, identity: Identity): Omit<Arrow, "seq"> {
  // The same facts the diagnosis compares: the logged-in user, on the session HTTP has.
  const http = obs.meAfter && identityOf(obs.meAfter);
  const sameSession = identity.sessionId !== null && (http?.sessionId == null || http.sessionId === identity.sessionId);
  const ok = identity.user === obs.username && sameSession;
  const detail = http?.sessionId && identity.sessionId !== null && identity.sessionId !== http.sessionId ? w(`HTTP's session is ${clip(http.sessionId, 10)}`, `HTTP 的会话是 ${clip(http.sessionId, 10)}`) : undefined;
  return arrow("socket", "page", join([w("ack", "应答"), identityWords(identity)]), ok, detail);
}

// ---------------------------------------------------------------------------------------------
// The probes, from the trail

function probeDrafts(obs: Observation, trail: TrailEntry[]): Draft[] {
  const pageOrigin = originOf(obs.pageUrl);
  // Whose session each session id is (the logins the trail saw), and which were logged out since:
  // a probe may only ever act as the user whose live session its cookie carries.
  const users = new Map<string, string>();
  const loggedOut = new Set<string>();
  const ownKey = "(own)";
  const expected = (entry: TrailEntry): string | null | undefined => {
    // A socket from another page's origin proves nobody: the server itself must refuse it (CORS
    // does not cover WebSockets). An HTTP answer to one is kept from that page by CORS instead.
    if (entry.kind === "socket" && foreign(entry, pageOrigin)) return null;
    switch (entry.cookie) {
      case "own":
        return loggedOut.has(ownKey) || (entry.sid !== undefined && loggedOut.has(entry.sid)) ? null : obs.username;
      case "signed":
      case "old-secret":
        if (entry.sid === undefined) return undefined;
        if (loggedOut.has(entry.sid)) return null;
        return users.get(entry.sid); // unknown: not judged
      case "sent":
        return undefined;
      default:
        return null; // none, forged, unsigned, malformed: proves nobody
    }
  };
  const drafts: Draft[] = [];
  let at = 1e9; // after every wire seq
  for (const entry of trail) {
    const want = expected(entry);
    if (entry.kind === "socket") {
      drafts.push({ kind: "probe-request", at: at++, arrow: arrow("probe", "socket", socketRequest(entry, users), true, elsewhere(entry)) });
      drafts.push({ kind: "probe", at: at++, arrow: socketAnswer(entry, want) });
    } else {
      const to: Actor = /[?&]EIO=/.test(entry.path) ? "socket" : "api";
      drafts.push({ kind: "probe-request", at: at++, arrow: arrow("probe", to, httpRequest(entry, users), true, elsewhere(entry)) });
      drafts.push({ kind: "probe", at: at++, arrow: httpAnswer(entry, to, want, pageOrigin) });
      learn(entry, users, loggedOut, ownKey);
    }
  }
  return drafts;
}

/** Sent with the Origin of another page than the app's, to the app's own API (another instance may allow other origins). */
function foreign(entry: TrailEntry, pageOrigin: string | undefined): boolean {
  return entry.origin !== undefined && !entry.elsewhere && entry.origin !== pageOrigin;
}

/** What a login or a logout in the trail says about whose sessions are live. */
function learn(entry: HttpProbe, users: Map<string, string>, loggedOut: Set<string>, ownKey: string): void {
  if (entry.method !== "POST" || entry.status === undefined || entry.status >= 400) return;
  if (/\/login$/.test(entry.path) && entry.as !== undefined) {
    const sid = entry.setCookie && entry.setCookie !== "set" ? entry.setCookie : entry.sid;
    if (sid) {
      users.set(sid, entry.as);
      loggedOut.delete(sid);
    }
  } else if (/\/logout$/.test(entry.path)) {
    if (entry.cookie === "own") loggedOut.add(ownKey);
    if (entry.sid) loggedOut.add(entry.sid);
  }
}

const COOKIE_WORDS: Record<CookieSent, Words> = {
  none: w("no cookie", "无 cookie"),
  own: w("the page's cookie", "页面的 cookie"),
  signed: w("another session's cookie", "另一个会话的 cookie"),
  "old-secret": w("a cookie signed with the previous secret", "用旧密钥签名的 cookie"),
  forged: w("a forged cookie", "伪造的 cookie"),
  unsigned: w("an unsigned cookie", "未签名的 cookie"),
  malformed: w("a malformed cookie", "格式错误的 cookie"),
  sent: w("a cookie", "一个 cookie"),
};

function cookieWords(entry: TrailEntry, users: Map<string, string>): Words {
  const user = entry.sid !== undefined && entry.cookie !== "own" ? users.get(entry.sid) : undefined;
  return user !== undefined ? w(`the cookie of ${JSON.stringify(user)}`, `${JSON.stringify(user)} 的 cookie`) : COOKIE_WORDS[entry.cookie];
}

function sentWords(entry: TrailEntry, users: Map<string, string>): Words[] {
  const parts = [cookieWords(entry, users)];
  if (entry.origin !== undefined) parts.push(w(`Origin: ${entry.origin}`));
  if (entry.kind === "socket" && entry.claims?.length) parts.push(w(`claims in ${entry.claims.join(", ")}`, `在 ${entry.claims.join("、")} 里自称身份`));
  return parts;
}

function socketRequest(entry: SocketProbe, users: Map<string, string>): Words {
  return join([w(`handshake (${entry.transport})`, `握手（${entry.transport}）`), ...sentWords(entry, users)]);
}

function httpRequest(entry: HttpProbe, users: Map<string, string>): Words {
  const as = entry.as !== undefined ? w(`as ${JSON.stringify(entry.as)}`, `用户 ${JSON.stringify(entry.as)}`) : undefined;
  return join([w(`${entry.method} ${clip(entry.path.replace(/&t=[^&]*/, ""), 60)}`), as, ...sentWords(entry, users)]);
}

function elsewhere(entry: TrailEntry): Words | undefined {
  return entry.elsewhere ? w(`to another instance, ${entry.elsewhere}`, `发往另一个实例 ${entry.elsewhere}`) : undefined;
}

/** Refused or anonymous is never wrong for a probe; acting as somebody is, unless it is the cookie's own live user. */
function actsRightly(user: unknown, want: string | null | undefined): boolean {
  if (user === null || user === undefined || want === undefined) return true;
  return user === want;
}

function socketAnswer(entry: SocketProbe, want: string | null | undefined): Omit<Arrow, "seq"> {
  if (!entry.connected) {
    const said = entry.timedOut ? w(`no answer (${entry.error ?? ""})`, `没有应答（${entry.error ?? ""}）`) : w(`refused: ${entry.error ?? ""}`, `被拒绝：${entry.error ?? ""}`);
    return arrow("socket", "probe", said, true);
  }
  if (entry.whoami === undefined) return arrow("socket", "probe", w(`connected (${entry.transport})`, `已连接（${entry.transport}）`), true);
  if (entry.whoami === null) return arrow("socket", "probe", w("connected · no answer to whoami", "已连接 · whoami 没有应答"), true);
  const ok = actsRightly(entry.whoami.user, want);
  const detail = ok ? undefined : want === null ? w("this probe proves no user", "这个探测不能证明任何用户身份") : w(`its cookie is ${JSON.stringify(want)}'s`, `它的 cookie 属于 ${JSON.stringify(want)}`);
  return arrow("socket", "probe", join([w("whoami", "whoami"), identityWords(entry.whoami)], " → "), ok, detail);
}

function httpAnswer(entry: HttpProbe, from: Actor, want: string | null | undefined, pageOrigin: string | undefined): Omit<Arrow, "seq"> {
  if (entry.status === undefined) return arrow(from, "probe", w(`no answer: ${entry.error ?? ""}`, `没有应答：${entry.error ?? ""}`), false);
  const parts: Words[] = [w(String(entry.status))];
  if (entry.setCookie !== undefined) parts.push(w(`Set-Cookie: ${SESSION_COOKIE}`));
  if (entry.user !== undefined) parts.push(userWords(entry.user));
  if (entry.lets !== undefined) parts.push(entry.lets ? w("CORS lets that origin read it", "CORS 允许该源读取") : w("CORS keeps that origin out", "CORS 不允许该源读取"));
  // Another origin is answered rightly when CORS keeps it out, whoever the answer names.
  const ok = entry.status < 500 && (foreign(entry, pageOrigin) ? !entry.lets : entry.as !== undefined || actsRightly(entry.user, want));
  return arrow(from, "probe", join(parts), ok);
}

// ---------------------------------------------------------------------------------------------
// Where the fault shows

// The standard diagnosis's faults, by the arrow that shows each (diagnose.ts decides them in this order).
const AT_LOGIN = new Set(["LOGIN_FAILED", "LOGIN_BLOCKED", "SESSION_COOKIE_MISSING", "SAMESITE_NONE_WITHOUT_SECURE", "SESSION_SECRET_NOT_USED"]);
const AT_HANDSHAKE = new Set([
  "SOCKET_URL_UNREACHABLE",
  "SOCKET_HANDSHAKE_FAILED",
  "SOCKET_PATH_MISMATCH",
  "CORS_CREDENTIALS_MISSING",
  "CORS_ORIGIN_REJECTED",
  "CORS_WILDCARD_WITH_CREDENTIALS",
]);
const AT_HANDSHAKE_REQUEST = new Set(["SOCKET_CREDENTIALS_MISSING", "COOKIE_PATH_EXCLUDES_SOCKET"]);
const AT_WHOAMI = new Set(["SOCKET_NO_ANSWER", "SOCKET_SESSION_MISSING", "SOCKET_OPENED_BEFORE_LOGIN", "SOCKET_SESSION_MISMATCH", "SOCKET_DATA_MISSING"]);
const AT_CONNECT_ERROR = new Set(["SOCKET_REJECTED", "SOCKET_INVALID_NAMESPACE"]);

function faultDraft(finding: Finding, drafts: Draft[], page: Draft[], probes: Draft[], obs: Observation): Draft | undefined {
  const code: string = finding.fault;
  const lastOf = (kind: Kind, within = page) => within.filter((d) => d.kind === kind).at(-1);
  const firstOf = (kind: Kind, within = page) => within.find((d) => d.kind === kind);
  // Probes run only once the standard check passed: a finding then came from the lesson's check
  // or the battery, and shows on a probe; the last wrong answer, or else the last answer.
  if (probes.length) {
    const answers = probes.filter((d) => d.kind === "probe");
    return answers.filter((d) => !d.arrow.ok).at(-1) ?? answers.at(-1);
  }
  const ofHandshake = (h: Handshake | undefined, kind: Kind) => (h ? page.find((d) => d.kind === kind && d.handshake === h) : undefined);
  let found: Draft | undefined;
  if (AT_LOGIN.has(code)) found = lastOf("login");
  else if (code === "HTTP_SESSION_MISSING") found = [firstOf("me-before"), lastOf("me-before"), lastOf("me-after")].find((d) => d && !d.arrow.ok) ?? lastOf("login");
  else if (code === "HTTP_SESSION_MISMATCH") found = lastOf("me-after") ?? lastOf("login");
  else if (code === "SOCKET_REPLACED_COOKIE") found = page.find((d) => d.kind === "handshake" && !d.arrow.ok) ?? firstOf("handshake");
  else if (code === "SOCKET_NEVER_CONNECTED") found = firstOf("no-handshake") ?? lastOf("handshake");
  else if (AT_HANDSHAKE.has(code)) found = ofHandshake(obs.lastHandshake, "handshake") ?? lastOf("handshake");
  else if (AT_HANDSHAKE_REQUEST.has(code)) found = ofHandshake(obs.answer?.handshake ?? obs.lastHandshake, "handshake-request") ?? lastOf("whoami");
  else if (AT_CONNECT_ERROR.has(code)) found = firstOf("connect-error") ?? lastOf("handshake");
  else if (AT_WHOAMI.has(code)) found = lastOf("whoami") ?? lastOf("handshake");
  // A lesson's own name for a standard finding (refine): where the wire first went wrong.
  return found ?? page.find((d) => !d.arrow.ok) ?? drafts.at(-1);
}

// ---------------------------------------------------------------------------------------------
// Reading records

/** The path an HTTP record asked for, without the cache-busting t= of Engine.IO requests. */
function route(record: HttpRecord): string {
  const url = new URL(record.url);
  url.searchParams.delete("t");
  return `${url.pathname}${url.search}`;
}

function answered(record: HttpRecord): boolean {
  return record.done && !record.failure && record.status !== undefined && record.status < 500;
}

function answerSeq(record: HttpRecord): number {
  return record.respondedSeq ?? record.seq + 0.5;
}

function identityOf(record: HttpRecord): Identity | undefined {
  try {
    const body = JSON.parse(record.body ?? "") as Partial<Identity>;
    if (!body || typeof body !== "object" || !("sessionId" in body)) return undefined;
    return { sessionId: body.sessionId ?? null, user: body.user ?? null };
  } catch {
    return undefined;
  }
}

function userWords(user: unknown): Words {
  return user === null || user === undefined ? w("no user", "无用户") : w(`user ${JSON.stringify(user)}`, `用户 ${JSON.stringify(user)}`);
}

function identityWords(identity: Identity): Words {
  const user = userWords(identity.user);
  const session = identity.sessionId === null ? w("no session", "无会话") : w(`session ${clip(String(identity.sessionId), 10)}`, `会话 ${clip(String(identity.sessionId), 10)}`);
  return join([user, session], ", ");
}

function failed(failure: string): Words {
  return w(`failed: ${failure}`, `失败：${failure}`);
}

/** The connect.sid line of a response's Set-Cookie header (Playwright joins several with newlines). */
function setCookieLine(record: HttpRecord | undefined): string | undefined {
  return (record?.responseHeaders?.["set-cookie"] ?? "").split("\n").find((line) => line.trim().startsWith(`${SESSION_COOKIE}=`));
}

function setCookieValue(record: HttpRecord | undefined): string | undefined {
  const line = setCookieLine(record);
  return line ? sessionCookieFromHeader(line.split(";")[0]) : undefined;
}

/** The attributes a learner looks at: HttpOnly, Secure, SameSite, Path. */
function cookieAttributes(line: string): string[] {
  return line
    .split(";")
    .slice(1)
    .map((part) => part.trim())
    .filter((part) => /^(httponly|secure|samesite=.*|path=.*)$/i.test(part));
}

function corsDetail(http: HttpRecord): Words {
  const h = http.responseHeaders ?? {};
  const show = (name: string) => `${name}: ${h[name] ?? "(missing)"}`;
  return w(`${show("access-control-allow-origin")}, ${show("access-control-allow-credentials")}`);
}

function laterRequestFailed(obs: Observation, handshake: Handshake): boolean {
  const sid = handshake.engineSid;
  return !!sid && obs.wire.http.some((r) => r.failure && !/ABORTED/.test(r.failure) && r.url.searchParams.get("sid") === sid);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** An answer's body on one line: an error page by its message, not its markup. */
function oneLine(body: string): string {
  return clip(errorPageText(body).replace(/\s+/g, " ").trim(), 80);
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}
