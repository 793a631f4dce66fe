// Standard check, then a logout while a long-polling request is open, as one always is while a
// client long-polls. The verifier opens that request itself, from Node with the browser's
// connect.sid: another tab whose socket was still connecting (its Engine.IO handshake done, its
// poll waiting). One GET /me answered after the poll was sent proves the server has loaded the
// session for it (requests are served in the order they arrive). The page logs out with the
// panel's button; then the tab finishes connecting, which ends its poll. GET /me with the old
// cookie must still know nobody: a poll that ended after the logout must not bring the session back.
import { request } from "node:http";
import { defineCheck, type CheckContext, type Finding } from "#verify";

const ANSWER_MS = 2000;

export default defineCheck({
  async extra(ctx): Promise<Finding | undefined> {
    const seen: string[] = [];
    const undecided = (...more: string[]): Finding => ({ fault: "NO_DECISION", seen: [...seen, ...more] });
    const engine = new PollingTab(ctx);
    try {
      const sid = await engine.handshake().catch((err: Error) => err);
      if (sid instanceof Error) return undecided(`another tab's long-polling handshake with the browser's connect.sid failed: ${sid.message}`);
      seen.push(`another tab, still connecting: Engine.IO handshake ${engine.describe()} with the browser's connect.sid → open, sid ${sid}`);

      const poll = engine.poll();
      await poll.sent;
      const before = await me(ctx);
      if (before instanceof Error) return undecided(`GET /me failed: ${before.message}`);
      if (before.user !== ctx.username) return undecided(`HTTP before the logout: GET /me → ${before.text}`);
      seen.push(`that tab's long-polling GET is open; HTTP meanwhile: GET /me with the same connect.sid → ${before.text}`);

      // Log out on the page with the panel's button, as the learner would.
      const since = ctx.wire.nextSeq();
      await ctx.page.evaluate(() => document.getElementById("logout")?.click()).catch(() => {});
      const logout = await ctx.wire.until(
        () => ctx.wire.http.find((r) => r.seq > since && r.method === "POST" && r.url.pathname === "/logout" && r.done),
        3000,
      );
      // The panel reloads the page as soon as the answer arrives, and Chromium may then report the
      // finished request as aborted: the status that arrived is what counts.
      seen.push(`the page logged out: POST /logout → ${logout?.status ?? logout?.failure ?? "no answer within 3 s"}`);
      if (!logout?.status || logout.status < 200 || logout.status >= 300) return undecided();

      // The tab finishes connecting: the server answers on the open poll, which ends it.
      await engine.send("40").catch(() => {});
      const answer = await Promise.race([poll.body, sleep(ANSWER_MS).then(() => undefined)]).catch((err: Error) => `failed: ${err.message}`);
      if (answer === undefined) return undecided(`the tab joined Socket.IO (sent 40), and its open GET got no answer within ${ANSWER_MS / 1000} s`);
      seen.push(`the tab joined Socket.IO (sent 40); its poll, open since before the logout, ended → ${answer.slice(0, 80) || "(empty)"}`);

      const after = await me(ctx);
      if (after instanceof Error) return undecided(`GET /me after logout failed: ${after.message}`);
      seen.push(`HTTP: GET /me with the same connect.sid → ${after.text}`);
      if (after.user === ctx.username) return { fault: "LOGOUT_UNDONE", seen };
      return undefined;
    } finally {
      engine.close();
    }
  },
});

/** GET /me with the browser's connect.sid, on a connection of its own (see the poll's). */
async function me(ctx: CheckContext): Promise<{ user?: string | null; text: string } | Error> {
  try {
    const text = (await send(new URL("/me", ctx.apiUrl.replace("localhost", "127.0.0.1")), "GET", ctx.cookie).body).trim();
    let user: string | null | undefined;
    try {
      user = (JSON.parse(text) as { user?: string | null }).user;
    } catch {
      user = undefined;
    }
    return { user, text: text.slice(0, 120) };
  } catch (err) {
    return err as Error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An Engine.IO long-polling connection, spoken by hand: a Socket.IO client cannot hold a poll open on cue. */
class PollingTab {
  private readonly url: URL;
  private sid?: string;

  constructor(private readonly ctx: CheckContext) {
    // The path the page's own socket used (the app may have moved it).
    const seen = ctx.wire.handshakes.find((h) => h.http)?.http?.url;
    this.url = new URL(seen ? seen.pathname : "/socket.io/", ctx.apiUrl.replace("localhost", "127.0.0.1"));
    this.url.search = "?EIO=4&transport=polling";
  }

  describe(): string {
    return `GET ${this.url.pathname}${this.url.search}`;
  }

  async handshake(): Promise<string> {
    const res = await this.request("GET").body;
    const open = /^0(\{.*\})/.exec(res);
    if (!open) throw new Error(`answered ${res.slice(0, 80) || "(empty)"}`);
    this.sid = (JSON.parse(open[1]!) as { sid: string }).sid;
    return this.sid;
  }

  /** A GET that stays open until the server has something to send. */
  poll(): Sent {
    return this.request("GET");
  }

  send(payload: string): Promise<string> {
    return this.request("POST", payload).body;
  }

  /** Tells the server the tab is gone (a close packet), so nothing outlives the check. */
  close(): void {
    if (this.sid) this.request("POST", "1").body.catch(() => {});
  }

  private request(method: string, payload?: string): Sent {
    const url = new URL(this.url);
    if (this.sid) url.searchParams.set("sid", this.sid);
    return send(url, method, this.ctx.cookie, payload);
  }
}

interface Sent {
  /** Settles once the request is written, that is, in the server's socket buffer. */
  sent: Promise<void>;
  /** The answer's body; "<status> <body>" unless 200. */
  body: Promise<string>;
}

/**
 * One request on a connection of its own, like a browser tab's: the server accepts connections in
 * the order they arrive and serves their requests in that order, so a request sent after another
 * one was written is answered after the server has started on that one.
 */
function send(url: URL, method: string, cookie: string, payload?: string): Sent {
  let written!: () => void;
  const sent = new Promise<void>((resolve) => (written = resolve));
  const body = new Promise<string>((resolve, reject) => {
    const req = request(url, {
      method,
      headers: { cookie: `connect.sid=${cookie}`, ...(payload ? { "content-type": "text/plain;charset=UTF-8" } : {}) },
      agent: false,
    });
    req.on("finish", written);
    req.on("error", reject);
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve(res.statusCode === 200 ? text : `${res.statusCode} ${text}`));
    });
    req.setTimeout(10_000, () => req.destroy(new Error("no answer within 10 s")));
    req.end(payload);
  });
  return { sent, body };
}
