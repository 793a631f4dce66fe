// A long-polling tab, spoken by hand on Engine.IO's wire: a Socket.IO client cannot hold its
// requests open on cue, and some checks need exactly that (a poll that stays open across a logout,
// a POST whose body is still arriving). Each request goes on a connection of its own, like a
// browser tab's: the server accepts connections in the order they arrive and serves their
// requests in that order, so a request sent after another one was written is answered after the
// server has started on that one.
import { request, type ClientRequest } from "node:http";
import type { CheckContext } from "./check.ts";

/** Engine.IO's packet for "join the main namespace" (Socket.IO's CONNECT), sent as a tab opens. */
export const JOIN = "40";

export interface Held {
  /** Settles once what is sent so far is written, that is, in the server's socket buffer. */
  sent: Promise<void>;
  /** Sends the rest of a body that was held back. */
  finish(): void;
  /** The answer's body; "<status> <body>" unless 200. */
  body: Promise<string>;
}

export class PollingTab {
  readonly origin: string;
  private readonly url: URL;
  private readonly cookie: string;
  private sid?: string;

  /**
   * @param cookieAtHandshake whether the handshake carries the session cookie: a tab opened before
   * the login did not, so its socket is not in the session's room.
   */
  constructor(
    private readonly ctx: CheckContext,
    private readonly cookieAtHandshake: boolean,
    cookie?: string,
  ) {
    this.origin = new URL(ctx.pageUrl).origin;
    this.cookie = cookie ?? ctx.cookie;
    this.url = new URL(ctx.socketPath, ctx.apiUrl.replace("localhost", "127.0.0.1"));
    this.url.search = "?EIO=4&transport=polling";
  }

  describe(): string {
    return `GET ${this.url.pathname}${this.url.search}`;
  }

  /** Opens the Engine.IO connection; its id. Rejects with the server's answer if it refuses. */
  async handshake(): Promise<string> {
    const res = await send(this.url, "GET", { origin: this.origin, cookie: this.cookieAtHandshake ? this.cookie : undefined }).body;
    const open = /^0(\{.*\})/.exec(res);
    if (!open) throw new Error(`answered ${res.slice(0, 80) || "(empty)"}`);
    this.sid = (JSON.parse(open[1]!) as { sid: string }).sid;
    return this.sid;
  }

  /** A poll: a GET the server answers when it has something to send (or at its ping interval). */
  poll(): Held {
    return this.request("GET");
  }

  /** A POST of `payload`; with `hold`, that many characters of the body wait for `finish()`. */
  post(payload: string, hold = 0): Held {
    return this.request("POST", payload, hold);
  }

  private request(method: string, payload?: string, hold = 0): Held {
    const url = new URL(this.url);
    url.searchParams.set("sid", this.sid!);
    return send(url, method, { cookie: this.cookie, origin: this.origin }, payload, hold);
  }

  /**
   * Joins Socket.IO's main namespace (its CONNECT packet) and reads the answer: connected, or
   * refused with the server's connect_error. Undefined when nothing came within `ms`.
   */
  async join(ms = 3000): Promise<{ connected: true } | { connected: false; refused: string } | undefined> {
    await this.post(JOIN).body;
    const packet = await this.read(ms, (p) => p.startsWith("40") || p.startsWith("44"));
    if (packet === undefined) return undefined;
    return packet.startsWith("40") ? { connected: true } : { connected: false, refused: packet.slice(2) };
  }

  /** Emits an event with an acknowledgement and reads the answer's first argument (undefined if none within `ms`). */
  async ask(event: string, ms = 3000): Promise<unknown> {
    await this.post(`420${JSON.stringify([event])}`).body;
    const packet = await this.read(ms, (p) => p.startsWith("430"));
    return packet === undefined ? undefined : (JSON.parse(packet.slice(3)) as unknown[])[0];
  }

  /** Polls until a packet `wanted` arrives (pings and other packets are skipped), at most `ms`. */
  private async read(ms: number, wanted: (packet: string) => boolean): Promise<string | undefined> {
    const deadline = performance.now() + ms;
    while (performance.now() < deadline) {
      const body = await within(this.poll().body, deadline - performance.now());
      if (body === undefined) return undefined;
      const found = body.split("\x1e").find(wanted);
      if (found !== undefined) return found;
      if (/^\d{3} /.test(body)) return undefined; // the server ended the connection (400 and the like)
    }
    return undefined;
  }

  /** Tells the server the tab is gone (a close packet), so nothing outlives the check. */
  close(): void {
    if (this.sid) this.post("1").body.catch(() => {});
  }
}

function send(url: URL, method: string, from: { cookie?: string; origin?: string }, payload?: string, hold = 0): Held {
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

/** The promise's value, or undefined if it takes longer than ms. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
