// HTTP requests a check makes itself, from Node (any cookie, any Origin, another instance), and
// the page's own requests (with the browser's cookies, as the app's page would make them).
import { DEMO_PASSWORD, SESSION_COOKIE } from "../evidence/session-cookie.ts";
import { errorPageText } from "../evidence/error-page.ts";
import { recordProbe, recording, sentBy, trailSid, type HttpProbe } from "../evidence/trail.ts";
import type { CheckContext } from "./check.ts";
import { short } from "./describe.ts";

export interface ApiAnswer {
  status: number;
  body: string;
  json: unknown;
  headers: Headers;
  /** The connect.sid this response set (URL-encoded, as a Cookie header carries it), if any. */
  sessionCookie?: string;
}

export interface ApiRequest {
  method?: string;
  /** The connect.sid value to send. */
  cookie?: string;
  /** A JSON body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** An HTTP request from Node to the lesson API (or another instance's: pass its address). */
export async function fetchApi(target: CheckContext | string, pathname: string, init: ApiRequest = {}): Promise<ApiAnswer> {
  try {
    const answer = await send(target, pathname, init);
    trace(target, pathname, init, answer);
    return answer;
  } catch (err) {
    trace(target, pathname, init, undefined, err);
    throw err;
  }
}

async function send(target: CheckContext | string, pathname: string, init: ApiRequest): Promise<ApiAnswer> {
  const api = typeof target === "string" ? target : target.apiUrl;
  const res = await fetch(`${api.replace("localhost", "127.0.0.1")}${pathname}`, {
    method: init.method ?? "GET",
    headers: {
      ...init.headers,
      ...(init.cookie ? { cookie: `${SESSION_COOKIE}=${init.cookie}` } : {}),
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(3000),
  });
  const body = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const sessionCookie = res.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  return { status: res.status, body, json, headers: res.headers, sessionCookie };
}

/**
 * A trail entry for the request (evidence/trail.ts), for the picture of the check: method, path,
 * the cookie in a word, the status; for a login, who; for an Origin, whether CORS let it read.
 */
function trace(target: CheckContext | string, pathname: string, init: ApiRequest, answer?: ApiAnswer, err?: unknown): void {
  if (!recording()) return;
  try {
    const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    const method = init.method ?? "GET";
    const entry: HttpProbe = {
      kind: "http",
      ...sentBy({ url: typeof target === "string" ? target : target.apiUrl, cookie: init.cookie || undefined, cookieHeader: headers["cookie"], origin: headers["origin"] }),
      method,
      path: pathname.slice(0, 160),
    };
    const name = (init.body as { username?: unknown } | undefined)?.username;
    if (method === "POST" && /\/login$/.test(pathname) && typeof name === "string") entry.as = name;
    if (answer) {
      entry.status = answer.status;
      const said = (answer.json as { user?: unknown } | undefined)?.user;
      if (/\/me$/.test(pathname) && answer.json && typeof answer.json === "object" && "user" in answer.json) entry.user = typeof said === "string" ? said.slice(0, 100) : null;
      if (answer.sessionCookie !== undefined) entry.setCookie = trailSid(answer.sessionCookie) ?? "set";
      if (entry.origin !== undefined) {
        const allowed = answer.headers.get("access-control-allow-origin");
        entry.lets = (allowed === entry.origin || allowed === "*") && answer.headers.get("access-control-allow-credentials") === "true";
      }
    } else {
      entry.error = (err as Error)?.name === "TimeoutError" ? "no answer within 3 s" : String((err as Error)?.message ?? err).slice(0, 120);
    }
    recordProbe(entry);
  } catch {
    // A picture with a probe missing is better than a check that fails for its picture's sake.
  }
}

export interface Me {
  status: number;
  sessionId: string | null;
  user: string | null;
  /** The answer, for evidence: "GET /me → 200 {…}". */
  line: string;
}

/** One of the app's routes ("/me"), where the app mounts them (under /api in lesson 16). */
function route(target: CheckContext | string, name: string): string {
  return typeof target === "string" ? name : `${target.routePrefix}${name}`;
}

/** GET /me with a cookie (or none): who HTTP says the session is. Rejects if the server does not answer. */
export async function me(target: CheckContext | string, cookie?: string): Promise<Me> {
  const res = await fetchApi(target, route(target, "/me"), { cookie });
  const json = res.json as { sessionId?: string | null; user?: string | null } | undefined;
  return { status: res.status, sessionId: json?.sessionId ?? null, user: json?.user ?? null, line: `GET /me → ${res.status} ${short(res.body.trim(), 160)}` };
}

export interface LoggedIn {
  name: string;
  status: number;
  /** The session cookie the login left (the one it set, or the one it was sent with). */
  cookie?: string;
  line: string;
}

/**
 * POST /login from Node, as a user who is not the browser's; with `cookie`, over that session. It
 * sends the demo users' password (apps that check none ignore it), or `password` when given.
 */
export async function logIn(target: CheckContext | string, name: string, cookie?: string, password = DEMO_PASSWORD): Promise<LoggedIn> {
  const res = await fetchApi(target, route(target, "/login"), { method: "POST", cookie, body: { username: name, password } });
  return {
    name,
    status: res.status,
    cookie: res.sessionCookie ?? (res.status < 300 ? cookie : undefined),
    line: `POST /login as "${name}" → ${res.status}${res.sessionCookie ? "; Set-Cookie connect.sid" : ""}`,
  };
}

/** GET /stats: the logins the app has counted (lessons with statistics), and the answer for evidence. */
export async function loginStats(target: CheckContext | string): Promise<{ logins?: number; line: string }> {
  const res = await fetchApi(target, route(target, "/stats"));
  const logins = (res.json as { logins?: unknown } | undefined)?.logins;
  return { logins: typeof logins === "number" ? logins : undefined, line: `GET /stats → ${res.status} ${short(readable(res.body), 80)}` };
}

/** An answer's body on one line, as a person reads it: an error page by its error, not its markup. */
export function readable(body: string): string {
  const text = errorPageText(body);
  return (/<pre>/.test(body) ? text.split("\n")[0]! : text).replace(/\s+/g, " ").trim();
}

/** POST /logout from Node with a cookie; the status, or the error that stopped it. */
export async function logOut(target: CheckContext | string, cookie: string): Promise<{ status?: number; line: string }> {
  try {
    const res = await fetchApi(target, route(target, "/logout"), { method: "POST", cookie });
    return { status: res.status, line: `POST /logout → ${res.status}` };
  } catch (err) {
    return { line: `POST /logout → ${(err as Error).name === "TimeoutError" ? "no answer within 3 s" : `failed: ${(err as Error).message}`}` };
  }
}

/**
 * A request the app's page makes itself, with its cookies (credentials: "include"), as its own
 * code would: what the browser lets the page read. Settles with "answered <status>: <start of
 * body>", "blocked (…)" when the browser refused it (CORS), or "not sent (…)".
 */
export async function fetchFromPage(ctx: CheckContext, url: string, init: { method?: string } = {}): Promise<string> {
  return ctx.page
    .evaluate(
      async ({ url, method }) => {
        try {
          const res = await fetch(url, { method, credentials: "include", signal: AbortSignal.timeout(3000) });
          return `answered ${res.status}: ${(await res.text()).slice(0, 40)}`;
        } catch (err) {
          return `blocked (${(err as Error).message})`;
        }
      },
      { url, method: init.method ?? "GET" },
    )
    .catch((err: Error) => `not sent (${err.message.split("\n")[0]})`);
}

/** The URL of a new Socket.IO connection's first request (its Engine.IO handshake) on the app's path. */
export function handshakeUrl(ctx: CheckContext, transport: "polling" | "websocket" = "polling"): string {
  return `${ctx.apiUrl}${ctx.socketPath}?EIO=4&transport=${transport}`;
}
