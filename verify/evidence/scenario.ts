// The standard lesson scenario, done the way a learner would in the browser:
// open the page, log in with the panel's form, let the page do whatever it does after login,
// then read from the wire what HTTP and the socket each believe the session is.
// Every wait is bounded and ends early as soon as the evidence decides.
import type { BrowserContext, Page } from "playwright";
import type { Handshake, HttpRecord, Wire, WirePacket } from "./wire.ts";
import { DEMO_PASSWORD, SESSION_COOKIE, sessionCookieFromHeader } from "./session-cookie.ts";

export interface Identity {
  sessionId: string | null;
  user: string | null;
}

export interface Observation {
  username: string;
  pageUrl: string;
  apiUrl: string;
  /** Which step could not finish, if any, in words. */
  stalled?: string;
  pageLoaded: boolean;
  panelMounted: boolean;
  meBefore?: HttpRecord;
  login?: HttpRecord;
  meAfter?: HttpRecord;
  cookie?: { value: string; path: string; domain: string; httpOnly: boolean; secure: boolean; sameSite: string };
  /** The connection that answered whoami after login, with its handshake and answer. */
  answer?: { handshake?: Handshake; identity: Identity; packet: WirePacket };
  /** The last handshake attempt after login, whatever became of it. */
  lastHandshake?: Handshake;
  connectError?: { message: string; packet: WirePacket };
  wire: Wire;
}

export const TIMEOUTS = {
  pageLoad: 10_000,
  panel: 5_000,
  http: 5_000,
  socket: 6_000,
  /** how long a connected socket may take to acknowledge whoami */
  answer: 2_000,
};

export async function runScenario(
  page: Page,
  context: BrowserContext,
  wire: Wire,
  opts: { pageUrl: string; apiUrl: string; username: string },
): Promise<Observation> {
  const obs: Observation = {
    username: opts.username,
    pageUrl: opts.pageUrl,
    apiUrl: opts.apiUrl,
    pageLoaded: false,
    panelMounted: false,
    wire,
  };
  const finish = async () => {
    await wire.settle();
    // All of the API host's session cookies, whatever their Path: asking for the API's URL would
    // hide a cookie scoped to a path (Path=/api), which is evidence too. The most specific wins,
    // as it comes first in the Cookie header a browser sends. A page whose dev server passes the
    // API on gets the cookie on its own host: that counts too (the same host for other lessons).
    const hosts = [new URL(opts.apiUrl).hostname, new URL(opts.pageUrl).hostname];
    const cookie = (await context.cookies())
      .filter((c) => c.name === SESSION_COOKIE && hosts.includes(c.domain.replace(/^\./, "")))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (cookie) obs.cookie = cookie;
    return obs;
  };

  try {
    // The page's module script has run at DOMContentLoaded; the form check below covers the rest.
    await page.goto(opts.pageUrl, { waitUntil: "domcontentloaded", timeout: TIMEOUTS.pageLoad });
    obs.pageLoaded = true;
  } catch (err) {
    obs.stalled = `the lesson page did not load: ${(err as Error).message.split("\n")[0]}`;
    return finish();
  }

  // The form is found and used with plain page scripts, not Playwright's selectors and actions:
  // those inject Playwright's selector engine into every page and wait for visibility, stability
  // and hit targets, which costs ~20% of a verify's CPU and tells a session check nothing.
  obs.panelMounted = await waitForForm(page, TIMEOUTS.panel);
  if (!obs.panelMounted || wire.stopped) {
    obs.stalled ??= "the page never showed its login form (client.ts stopped before mountPanel)";
    return finish();
  }

  obs.meBefore = await wire.until(() => find(wire.http, (r) => isRoute(r, "GET", "/me") && r.done), TIMEOUTS.http);
  // Log in once the page's first connections have settled, as a person does after the page has
  // loaded. A connection still opening when the login answer arrives asks whoami with its old
  // session just before the page reloads; that answer is not the logged-in page's (found by soak).
  await wire.until(() => (wire.handshakes.every((h) => settled(wire, h, opts.pageUrl)) ? true : undefined), TIMEOUTS.answer);

  const loginSeq = wire.nextSeq();
  await page
    .evaluate(([name, password]) => {
      const input = document.querySelector<HTMLInputElement>("#username")!;
      input.value = name;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // A form that asks for a password (an app that checks one) gets the demo users' password.
      const secret = document.querySelector<HTMLInputElement>("#password");
      if (secret) secret.value = password;
      document.querySelector<HTMLButtonElement>("#login")!.click(); // submits the form, as a user's click does
    }, [opts.username, DEMO_PASSWORD] as const)
    .catch(() => {});
  obs.login = await wire.until(
    () => find(wire.http, (r) => r.seq > loginSeq && isRoute(r, "POST", "/login") && r.done),
    TIMEOUTS.http,
  );
  if (!obs.login) {
    obs.stalled = "POST /login never completed";
    return finish();
  }
  if (obs.login.failure || !isOk(obs.login)) return finish();
  const loggedIn = obs.login.respondedSeq ?? obs.login.seq;
  const since = () => sinceLogin(wire, loggedIn);

  // After login the page reloads, reconnects, or does nothing: whichever it does, wait for the
  // socket's first answer to a whoami sent after login, or for a decisive failure.
  const decided = await wire.until(() => {
    const after = since();
    const answer = answerAfter(wire, after);
    if (answer) return "answer";
    const handshake = lastHandshakeAfter(wire, after.after);
    if (handshake && (handshakeFailed(handshake, opts.pageUrl) || laterRequestFailed(wire, handshake))) return "handshake";
    if (connectErrorAfter(wire, after.after)) return "connect_error";
    // A live connection that was asked and stays silent will not answer: no need to wait it out.
    const asked = whoamiSentAfter(wire, after);
    if (asked && performance.now() - asked.at > TIMEOUTS.answer) return "no answer";
    return undefined;
  }, TIMEOUTS.socket);
  const after = since();
  // What HTTP makes of the session: a GET /me the page sent with its session cookie. A page may
  // also call /me without it (a fetch that lacks credentials: "include"), which says nothing of
  // the cookie; which of the two is answered first is timing (found in CI). One without the
  // cookie stands for HTTP only when every GET /me after login is answered and none carried it.
  const mes = () => wire.http.filter((r) => r.seq > after.after && isRoute(r, "GET", "/me"));
  const answered = () => mes().filter((r) => r.done && !r.failure);
  obs.meAfter =
    (await wire.until(() => answered().find(carriesSessionCookie) ?? (mes().every((r) => r.done) ? answered()[0] : undefined), decided ? 1_000 : 0)) ??
    answered()[0];
  await wire.settle();
  obs.answer = answerAfter(wire, after);
  obs.lastHandshake = lastHandshakeAfter(wire, after.after);
  obs.connectError = connectErrorAfter(wire, after.after);
  if (decided === "no answer") {
    obs.stalled = `the socket was asked whoami and did not answer within ${TIMEOUTS.answer / 1000} s`;
  } else if (!decided && !wire.stopped) {
    obs.stalled = `no decisive socket evidence within ${TIMEOUTS.socket / 1000} s after login`;
  }
  return finish();
}

function carriesSessionCookie(record: HttpRecord): boolean {
  return sessionCookieFromHeader(record.requestHeaders["cookie"]) !== undefined;
}

/** true once the panel's login form is in the page; survives the page navigating meanwhile. */
async function waitForForm(page: Page, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    const left = deadline - performance.now();
    const seen = await page
      .evaluate(async (wait) => {
        const end = performance.now() + wait;
        while (!document.querySelector("#username")) {
          if (performance.now() > end) return false;
          await new Promise((r) => setTimeout(r, 15));
        }
        return true;
      }, left)
      .catch((err: Error) => (/context was destroyed|navigat/i.test(err.message) ? undefined : false));
    if (seen !== undefined) return seen;
  }
  return false;
}

function find<T>(items: T[], predicate: (item: T) => boolean): T | undefined {
  return items.find(predicate);
}

/** The app's route, wherever its API is mounted (`/me`, or `/api/me` for `app.use("/api", router)`). */
export function isRoute(record: HttpRecord, method: string, pathname: string): boolean {
  return record.method === method && record.url.pathname.endsWith(pathname);
}

export function isOk(record: HttpRecord): boolean {
  return record.status !== undefined && record.status >= 200 && record.status < 300;
}

/** From which point evidence counts; after a reload, only on connections the new page opened. */
interface Since {
  after: number;
  newPage: boolean;
}

/**
 * When the page reloads after login, the evidence is the new page's: what came after the reload,
 * on connections opened after it. The old page may still ask whoami on its way out: a connection
 * that was still opening when the login answer came does so (found by soak, 3 in 1,280 verdicts).
 */
export function sinceLogin(wire: Wire, loggedIn: number): Since {
  const reload = wire.navigations.filter((seq) => seq > loggedIn).at(-1);
  return reload === undefined ? { after: loggedIn, newPage: false } : { after: reload, newPage: true };
}

function counts(wire: Wire, packet: WirePacket, since: Since): boolean {
  if (packet.seq <= since.after) return false;
  if (!since.newPage) return true;
  const handshake = wire.handshakes.find((h) => h.engineSid === packet.engineSid);
  return handshake !== undefined && handshake.seq > since.after;
}

/** The first answer to a whoami that counts (see sinceLogin). */
export function answerAfter(wire: Wire, since: Since): Observation["answer"] {
  for (const sent of wire.packets) {
    if (sent.dir !== "sent" || !counts(wire, sent, since)) continue;
    const p = sent.packet;
    if (p.kind !== "event" || p.name !== "whoami" || p.id === undefined) continue;
    const reply = wire.packets.find(
      (r) => r.dir === "received" && r.engineSid === sent.engineSid && r.packet.kind === "ack" && r.packet.id === p.id,
    );
    if (!reply || reply.packet.kind !== "ack") continue;
    const body = (reply.packet.args[0] ?? {}) as Partial<Identity>;
    return {
      handshake: wire.handshakes.find((h) => h.engineSid === sent.engineSid),
      identity: { sessionId: body.sessionId ?? null, user: body.user ?? null },
      packet: reply,
    };
  }
  return undefined;
}

/**
 * A connection that has failed, been refused or ended, or asked whoami: nothing more will happen
 * on its own. An answer to a whoami asked before the login never counts (answerAfter), so a
 * whoami the app leaves unanswered (it ignores events from anonymous sockets) is no reason to wait.
 */
function settled(wire: Wire, handshake: Handshake, pageUrl: string): boolean {
  if (handshakeFailed(handshake, pageUrl) || laterRequestFailed(wire, handshake)) return true;
  const sid = handshake.engineSid;
  if (!sid) return false;
  const final = new Set(["connect_error", "disconnect", "ack"]);
  return wire.packets.some(
    (p) =>
      p.engineSid === sid &&
      ((p.dir === "received" && final.has(p.packet.kind)) || (p.dir === "sent" && p.packet.kind === "event" && p.packet.name === "whoami")),
  );
}

function whoamiSentAfter(wire: Wire, since: Since): WirePacket | undefined {
  return wire.packets.find((p) => p.dir === "sent" && p.packet.kind === "event" && p.packet.name === "whoami" && counts(wire, p, since));
}

function lastHandshakeAfter(wire: Wire, after: number): Handshake | undefined {
  return wire.handshakes.filter((h) => h.seq > after).at(-1);
}

/** A refusal of a connection opened after login (a refusal of the anonymous one from before is expected). */
function connectErrorAfter(wire: Wire, after: number): Observation["connectError"] {
  const openedAfter = new Set(wire.handshakes.filter((h) => h.seq > after && h.engineSid).map((h) => h.engineSid));
  const packet = wire.packets.find((p) => openedAfter.has(p.engineSid) && p.dir === "received" && p.packet.kind === "connect_error");
  if (!packet || packet.packet.kind !== "connect_error") return undefined;
  const data = packet.packet.data as { message?: string } | undefined;
  return { message: data?.message ?? JSON.stringify(data), packet };
}

/**
 * A long-polling request after the handshake failed (not aborted): blocked by CORS, or refused; or
 * answered 4xx or 5xx: 400 is Engine.IO's "Session ID unknown" (behind a balancer that is not
 * sticky, the request reached an instance that never made the connection), 401 or 403 a guard on
 * io.engine that runs on every request. The connection is over either way, and the client's next
 * attempt comes after a reconnection delay: waiting for it decides nothing.
 */
function laterRequestFailed(wire: Wire, handshake: Handshake): boolean {
  const sid = handshake.engineSid;
  return (
    !!sid &&
    wire.http.some((r) => r.url.searchParams.get("sid") === sid && ((r.failure && !/ABORTED/.test(r.failure)) || (r.status !== undefined && r.status >= 400)))
  );
}

/** A polling handshake whose answer the browser cannot use: refused, not 200, or blocked by CORS. */
export function handshakeFailed(handshake: Handshake, pageUrl: string): boolean {
  const http = handshake.http;
  if (!http?.done) return false;
  if (http.failure || http.status !== 200) return true;
  return corsProblem(http, pageUrl) !== undefined;
}

export type CorsProblem = "origin" | "wildcard-with-credentials" | "credentials";

/** Why the browser would refuse this cross-origin response to the page, if it would. */
export function corsProblem(http: HttpRecord, pageUrl: string): CorsProblem | undefined {
  const pageOrigin = new URL(pageUrl).origin;
  if (new URL(http.url).origin === pageOrigin) return undefined;
  // An answer whose headers are not in yet (the request is still finishing) says nothing of CORS.
  if (!http.responseHeaders) return undefined;
  const headers = http.responseHeaders;
  const allowOrigin = headers["access-control-allow-origin"];
  const credentialed = Boolean(http.requestHeaders["cookie"]);
  if (allowOrigin === "*") return credentialed ? "wildcard-with-credentials" : undefined;
  if (allowOrigin !== pageOrigin) return "origin";
  if (credentialed && headers["access-control-allow-credentials"] !== "true") return "credentials";
  return undefined;
}
