// Standard check, then a logout while long-polling requests are open, as they always are while a
// client long-polls. The verifier holds them open itself, from Node, as other tabs would, with the
// browser's connect.sid and the page's Origin: a tab opened before the login (its Engine.IO
// handshake carried no cookie, so its socket is not in the session's room) and one opened after
// it. Each keeps two requests open across the logout: its poll (a GET waiting for the server) and
// a POST whose body is still arriving (a large emit on a slow line). One GET /me answered after
// all were written proves the server has loaded the session for them (it takes requests in the
// order they arrive). The page logs out with the panel's button; then each POST's body completes
// (the tab joins Socket.IO), which ends both. GET /me with the old cookie must still know nobody:
// no request that ended after the logout may bring the session back.
import { request, type ClientRequest } from "node:http";
import { askWhoami, defineCheck, logOutOnPage, otherUser, type CheckContext, type Finding, type OtherUser } from "#verify";
import lesson from "./lesson.ts";

const ANSWER_MS = 2000;

export default defineCheck(lesson, {
  // A poll open during the login can undo the login the same way (saveUninitialized: true makes
  // the handshake hand out a session, which its polls then carry and save back).
  refine(finding, obs) {
    if (finding.fault !== "HTTP_SESSION_MISMATCH" || !obs.cookie || !obs.meAfter?.body) return finding;
    const me = parse(obs.meAfter.body);
    const cookieSid = /^s:([^.]+)\./.exec(safeDecode(obs.cookie.value))?.[1];
    return me?.sessionId && me.sessionId === cookieSid && !me.user ? { ...finding, fault: "LOGIN_UNDONE" } : finding;
  },

  async extra(ctx): Promise<Finding | undefined> {
    const seen: string[] = [];
    const undecided = (...more: string[]): Finding => ({ fault: "NO_DECISION", seen: [...seen, ...more] });
    const tabs = [new PollingTab(ctx, "opened before the login", false), new PollingTab(ctx, "opened after the login", true)];
    let bystander: OtherUser | undefined;
    try {
      // Another user with a socket open from the page: the logout must leave it alone (as in lesson 11).
      const other = await otherUser(ctx, { origin: new URL(ctx.pageUrl).origin }).catch((err: Error) => err);
      if (other instanceof Error) return undecided(other.message);
      bystander = other;
      for (const tab of tabs) {
        const sid = await tab.handshake().catch((err: Error) => err);
        if (sid instanceof Error) return undecided(`a tab ${tab.name}: its long-polling handshake failed: ${sid.message}`);
        seen.push(`a tab ${tab.name}: Engine.IO handshake ${tab.describe()} → open, sid ${sid}`);
      }
      // Each tab's poll waits for the server, and a POST of each has sent half its body.
      const open = tabs.map((tab) => ({ tab, poll: tab.request("GET"), post: tab.request("POST", "40", 1) }));
      await Promise.all(open.flatMap(({ poll, post }) => [poll.sent, post.sent]));
      const early = new Map<(typeof open)[number], string>();
      for (const held of open) void held.poll.body.then((text) => early.set(held, text), () => {});
      const before = await me(ctx);
      if (before instanceof Error) return undecided(`GET /me failed: ${before.message}`);
      if (before.user !== ctx.username) {
        // The same session without its user: an older copy was saved over the login after the page's own GET /me.
        const undone = before.user === null && before.sessionId === ctx.sessionId;
        return undone ? { fault: "LOGIN_UNDONE", seen: [...seen, `HTTP, a moment after the login: GET /me → ${before.text}`] } : undecided(`HTTP before the logout: GET /me → ${before.text}`);
      }
      seen.push(`both tabs, with the browser's connect.sid: a poll (GET …&sid=…) waits and a POST has sent half its body; HTTP meanwhile: GET /me → ${before.text}`);

      const logout = await logOutOnPage(ctx);
      const answeredEarly = new Map(early);
      seen.push(logout.seen);
      if (!logout.status || logout.status < 200 || logout.status >= 300) return undecided();

      // The rest of each POST's body: the tab joins Socket.IO, and the server answers on its poll.
      for (const { post } of open) post.finish();
      for (const held of open) {
        const [posted, polled] = await Promise.all([within(held.post.body, ANSWER_MS), within(held.poll.body, ANSWER_MS)]).catch(
          (err: Error) => [`failed: ${err.message}`, undefined],
        );
        const poll = answeredEarly.has(held)
          ? `its poll had been answered by the time the logout answered → ${describe(answeredEarly.get(held)!)}`
          : `its poll, open since before the logout, ended → ${polled === undefined ? `no answer within ${ANSWER_MS / 1000} s` : describe(polled)}`;
        seen.push(`the tab ${held.tab.name}, after the logout: the POST's body completed (40: join Socket.IO) → ${posted === undefined ? `no answer within ${ANSWER_MS / 1000} s` : describe(posted)}; ${poll}`);
      }

      const after = await me(ctx);
      if (after instanceof Error) return undecided(`GET /me after logout failed: ${after.message}`);
      seen.push(`HTTP: GET /me with the same connect.sid → ${after.text}`);
      if (after.user === ctx.username) return { fault: "LOGOUT_UNDONE", seen };

      const answer = await askWhoami(bystander.socket, ANSWER_MS);
      seen.push(`another user's socket ("${bystander.name}"), after the logout: ${answer.gone ? `disconnected (${answer.gone})` : `whoami → ${JSON.stringify(answer.me ?? null)}`}`);
      if (answer.me?.user !== bystander.name) return { fault: "LOGOUT_DISCONNECTED_OTHERS", seen };
      return undefined;
    } finally {
      for (const tab of tabs) tab.close();
      bystander?.socket.disconnect();
    }
  },
});

/** GET /me with the browser's connect.sid, on a connection of its own (see send()). */
async function me(ctx: CheckContext): Promise<{ sessionId?: string | null; user?: string | null; text: string } | Error> {
  try {
    const text = (await send(new URL("/me", ctx.apiUrl.replace("localhost", "127.0.0.1")), "GET", { cookie: ctx.cookie }).body).trim();
    return { ...parse(text), text: text.slice(0, 120) };
  } catch (err) {
    return err as Error;
  }
}

function parse(text: string): { sessionId?: string | null; user?: string | null } | undefined {
  try {
    return JSON.parse(text) as { sessionId?: string | null; user?: string | null };
  } catch {
    return undefined;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const describe = (body: string) => body.slice(0, 80) || "(empty)";

/** The promise's value, or undefined if it takes longer than ms. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** An Engine.IO long-polling connection, spoken by hand: a Socket.IO client cannot hold requests open on cue. */
class PollingTab {
  readonly origin: string;
  private readonly url: URL;
  private sid?: string;

  constructor(
    private readonly ctx: CheckContext,
    readonly name: string,
    /** A tab opened before the login did its handshake without a cookie. */
    private readonly cookieAtHandshake: boolean,
  ) {
    this.origin = new URL(ctx.pageUrl).origin;
    // The path the page's own socket used (the app may have moved it).
    const seen = ctx.wire.handshakes.find((h) => h.http)?.http?.url;
    this.url = new URL(seen ? seen.pathname : "/socket.io/", ctx.apiUrl.replace("localhost", "127.0.0.1"));
    this.url.search = "?EIO=4&transport=polling";
  }

  describe(): string {
    return `GET ${this.url.pathname}${this.url.search}`;
  }

  async handshake(): Promise<string> {
    const res = await send(this.url, "GET", { origin: this.origin, cookie: this.cookieAtHandshake ? this.ctx.cookie : undefined }).body;
    const open = /^0(\{.*\})/.exec(res);
    if (!open) throw new Error(`answered ${res.slice(0, 80) || "(empty)"}`);
    this.sid = (JSON.parse(open[1]!) as { sid: string }).sid;
    return this.sid;
  }

  /** A request of this connection, with the cookie; `hold` characters of the body wait for finish(). */
  request(method: string, payload?: string, hold = 0): Sent {
    const url = new URL(this.url);
    url.searchParams.set("sid", this.sid!);
    return send(url, method, { cookie: this.ctx.cookie, origin: this.origin }, payload, hold);
  }

  /** Tells the server the tab is gone (a close packet), so nothing outlives the check. */
  close(): void {
    if (this.sid) this.request("POST", "1").body.catch(() => {});
  }
}

interface Sent {
  /** Settles once what is sent so far is written, that is, in the server's socket buffer. */
  sent: Promise<void>;
  /** Sends the rest of a body that was held back. */
  finish(): void;
  /** The answer's body; "<status> <body>" unless 200. */
  body: Promise<string>;
}

/**
 * One request on a connection of its own, like a browser tab's: the server accepts connections in
 * the order they arrive and serves their requests in that order, so a request sent after another
 * one was written is answered after the server has started on that one.
 */
function send(url: URL, method: string, from: { cookie?: string; origin?: string }, payload?: string, hold = 0): Sent {
  let req!: ClientRequest;
  let written!: () => void;
  const sent = new Promise<void>((resolve) => (written = resolve));
  const body = new Promise<string>((resolve, reject) => {
    req = request(url, {
      method,
      headers: {
        ...(from.cookie ? { cookie: `connect.sid=${from.cookie}` } : {}),
        ...(from.origin ? { origin: from.origin } : {}),
        ...(payload !== undefined ? { "content-type": "text/plain;charset=UTF-8", "content-length": Buffer.byteLength(payload) } : {}),
      },
      agent: false,
    });
    req.on("error", (err) => {
      written(); // nothing more will be written: let the caller go on to the body's error
      reject(err);
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve(res.statusCode === 200 ? text : `${res.statusCode} ${text}`));
    });
    req.setTimeout(10_000, () => req.destroy(new Error("no answer within 10 s")));
  });
  body.catch(() => {}); // awaited later, maybe after it failed: not an unhandled rejection meanwhile
  const head = payload?.slice(0, payload.length - hold) ?? "";
  if (hold > 0) {
    req.flushHeaders();
    req.write(head, () => written());
  } else {
    req.on("finish", written);
    req.end(payload);
  }
  return { sent, body, finish: () => void (hold > 0 && req.end(payload!.slice(head.length))) };
}
