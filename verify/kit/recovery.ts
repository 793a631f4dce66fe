// A tab whose connection drops and comes back, as Socket.IO's connection state recovery sees it,
// spoken by hand on Engine.IO's long-polling wire so that each step is certain: the tab learns its
// private session id (pid) from the server's CONNECT answer and the offset of the last event it
// received, as socket.io-client does; its drop is a close packet whose answer means the server has
// ended the connection (and kept its state for recovery); it comes back on a new Engine.IO
// connection with whatever cookie the browser holds by then, and asks to be recovered with
// `40{"pid","offset"}`, as socket.io-client does. Every packet the server sends it is kept, in
// order: the events it replays to a recovered socket come before the CONNECT answer.
import { request } from "node:http";
import { decodePollingPayload, type SocketIoPacket } from "../evidence/engineio.ts";
import { SESSION_COOKIE } from "../evidence/session-cookie.ts";
import type { CheckContext } from "./check.ts";
import { within } from "./polling.ts";
import { short } from "./describe.ts";

/** What a tab's CONNECT got: connected (with the Socket.IO id the server gave it), refused, or nothing. */
export type Joined = { connected: true; sid: string; pid?: string } | { connected: false; refused: string } | undefined;

export interface CameBack {
  /** The answer to the CONNECT that asked for recovery. */
  joined: Joined;
  /** Whether it connected with the same Socket.IO id as before the drop: recovered. */
  recovered: boolean;
  /** The events the server sent on the new connection before its answer to the CONNECT. */
  before: { name: string; args: unknown[] }[];
}

export class RecoveringTab {
  private readonly base: URL;
  private readonly origin: string;
  private engineSid?: string;
  private cookie?: string;
  /** The GET that is waiting for the server, if any: Engine.IO allows one at a time. */
  private polling?: Promise<string>;
  private readonly inbox: SocketIoPacket[] = [];
  private ackId = 0;
  /** Socket.IO's id for this tab, its private session id, and the offset of the last event it received. */
  sid?: string;
  pid?: string;
  offset?: string;

  /** @param cookie the connect.sid value (URL-encoded) the tab's requests carry; none if undefined */
  constructor(ctx: CheckContext, cookie: string | undefined) {
    this.base = new URL(ctx.socketPath, ctx.apiUrl.replace("localhost", "127.0.0.1"));
    this.origin = new URL(ctx.pageUrl).origin;
    this.cookie = cookie;
  }

  /** Opens the tab: a handshake, then a plain CONNECT. */
  async open(ms = 3000): Promise<Joined> {
    await this.handshake();
    return this.join("40", ms);
  }

  /**
   * The tab's connection drops: a close packet, whose answer comes once the server has run its
   * close handling (Socket.IO keeps the socket's state for recovery then, if the app enabled it).
   */
  async drop(): Promise<void> {
    const answer = await this.send("POST", "1");
    this.engineSid = undefined;
    this.polling?.catch(() => {});
    this.polling = undefined;
    if (answer !== "ok") throw new Error(`the close packet was answered ${short(answer, 60)}`);
  }

  /**
   * Comes back on a new connection carrying `cookie` (the browser's connect.sid by then, or none)
   * and asks for recovery as socket.io-client does: its pid and the offset of its last event.
   */
  async comeBack(cookie: string | undefined, ms = 3000): Promise<CameBack> {
    const previous = this.sid;
    this.cookie = cookie;
    this.inbox.length = 0;
    const refused = await this.handshake().then(() => undefined, (err: Error) => err.message);
    if (refused) return { joined: { connected: false, refused }, recovered: false, before: [] };
    const joined = await this.join(`40${JSON.stringify(this.pid ? { pid: this.pid, offset: this.offset } : {})}`, ms);
    const answer = this.inbox.findIndex((p) => p.kind === "connect" || p.kind === "connect_error");
    const before = this.inbox.slice(0, answer < 0 ? undefined : answer).flatMap((p) => (p.kind === "event" ? [{ name: p.name, args: p.args }] : []));
    return { joined, recovered: joined?.connected === true && joined.sid === previous, before };
  }

  /** The first event named `name` whose first argument passes `wanted`, among those received so far or within `ms`. */
  async event(name: string, wanted: (arg: unknown) => boolean, ms: number): Promise<unknown[] | undefined> {
    const found = await this.pump(ms, () => this.events(name).find((args) => wanted(args[0])));
    return found;
  }

  /** The arguments of each event named `name` received so far (the offset left out). */
  events(name: string): unknown[][] {
    return this.inbox.flatMap((p) => (p.kind === "event" && p.name === name ? [this.withoutOffset(p.args)] : []));
  }

  /**
   * Emits `event` with an acknowledgement: its answer's first argument, "disconnected" if the
   * server ended the socket first, or undefined after `ms`. What the server sent before the answer
   * stays readable with events(): packets on one connection arrive in order.
   */
  async ask(event: string, ms = 3000): Promise<{ answer: unknown } | "disconnected" | undefined> {
    if (!this.engineSid) return "disconnected";
    const id = this.ackId++;
    const from = this.inbox.length;
    await this.send("POST", `42${id}${JSON.stringify([event])}`);
    return this.pump(ms, () => {
      for (const p of this.inbox.slice(from)) {
        if (p.kind === "ack" && p.id === id) return { answer: p.args[0] };
        if (p.kind === "disconnect") return "disconnected" as const;
      }
      return this.engineSid ? undefined : ("disconnected" as const); // the server closed the whole connection
    });
  }

  /** Ends the tab (a close packet), so that nothing outlives the check. */
  close(): void {
    if (this.engineSid) this.send("POST", "1").catch(() => {});
    this.engineSid = undefined;
  }

  private async handshake(): Promise<void> {
    const body = await this.send("GET");
    const open = /^0(\{.*\})/.exec(body);
    if (!open) throw new Error(`the Engine.IO handshake was answered ${short(body, 80) || "(empty)"}`);
    this.engineSid = (JSON.parse(open[1]!) as { sid: string }).sid;
    this.polling = undefined;
  }

  private async join(packet: string, ms: number): Promise<Joined> {
    await this.send("POST", packet);
    const answer = await this.pump(ms, () => this.inbox.find((p) => p.kind === "connect" || p.kind === "connect_error"));
    if (!answer) return undefined;
    if (answer.kind === "connect_error") return { connected: false, refused: JSON.stringify(answer.data) };
    const data = (answer.kind === "connect" ? answer.data : undefined) as { sid?: string; pid?: string } | undefined;
    this.sid = data?.sid;
    this.pid = data?.pid;
    return { connected: true, sid: data?.sid ?? "", pid: data?.pid };
  }

  /** Polls, keeping every packet, until `found` gives something or `ms` passed. */
  private async pump<T>(ms: number, found: () => T | undefined): Promise<T | undefined> {
    const deadline = performance.now() + ms;
    for (let hit = found(); ; hit = found()) {
      if (hit !== undefined) return hit;
      const left = deadline - performance.now();
      if (left <= 0 || !this.engineSid) return undefined;
      this.polling ??= this.send("GET").catch((err: Error) => `599 ${err.message}`);
      const poll = this.polling;
      const body = await within(poll, left);
      if (body === undefined) return found(); // the poll stays open: the next pump goes on waiting for it
      this.polling = undefined;
      if (/^\d{3} /.test(body)) {
        this.engineSid = undefined; // the server ended the connection
        continue;
      }
      for (const packet of decodePollingPayload(body)) {
        if (packet.type === "close") this.engineSid = undefined;
        if (packet.type !== "message" || !packet.message) continue;
        this.inbox.push(packet.message);
        // socket.io-client keeps the last argument of an event as its offset when it has a pid.
        const last = packet.message.kind === "event" ? packet.message.args.at(-1) : undefined;
        if (this.pid && typeof last === "string") this.offset = last;
      }
    }
  }

  private withoutOffset(args: unknown[]): unknown[] {
    return this.pid && typeof args.at(-1) === "string" ? args.slice(0, -1) : args;
  }

  private send(method: "GET" | "POST", payload?: string): Promise<string> {
    const url = new URL(this.base);
    url.search = "?EIO=4&transport=polling";
    if (this.engineSid) url.searchParams.set("sid", this.engineSid);
    return new Promise<string>((resolve, reject) => {
      const req = request(url, {
        method,
        agent: false,
        headers: {
          origin: this.origin,
          ...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}),
          ...(payload !== undefined ? { "content-type": "text/plain;charset=UTF-8", "content-length": Buffer.byteLength(payload) } : {}),
        },
      });
      req.on("error", reject);
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve(res.statusCode === 200 ? text : `${res.statusCode} ${text}`));
      });
      req.setTimeout(30_000, () => req.destroy(new Error("no answer within 30 s")));
      req.end(payload);
    });
  }
}

/** The connect.sid the browser holds for the API now (URL-encoded, as a Cookie header carries it), if any. */
export async function browserCookie(ctx: CheckContext): Promise<string | undefined> {
  const cookies = await ctx.context.cookies(ctx.apiUrl);
  const value = cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  return value === undefined ? undefined : value;
}

/** How a tab came back, in words: recovered, connected anew, refused, or no answer. */
export function describeComeBack(back: CameBack, ms = 3000): string {
  const { joined } = back;
  if (!joined) return `the server answered nothing within ${ms / 1000} s`;
  if (!joined.connected) return `the server refused it: connect_error ${short(joined.refused, 80)}`;
  return back.recovered ? `the server recovered it: connected again with its old Socket.IO id (${short(joined.sid)})` : `the server connected it as a new socket (id ${short(joined.sid)}), not recovered`;
}
