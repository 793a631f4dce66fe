// Records, from the browser's network layer, everything between the lesson page and the lesson
// API: HTTP exchanges, Socket.IO handshakes, and every Socket.IO packet on polling and WebSocket
// transports. This is the verifier's evidence; the page's own DOM is never trusted.
import { EventEmitter } from "node:events";
import type { ConsoleMessage, Page, Request, Response, WebSocket } from "playwright";
import { decodeEnginePacket, decodePollingPayload, type SocketIoPacket } from "./engineio.ts";

export interface HttpRecord {
  seq: number;
  method: string;
  url: URL;
  requestHeaders: Record<string, string>;
  postData?: string;
  /** seq when the response headers arrived */
  respondedSeq?: number;
  status?: number;
  responseHeaders?: Record<string, string>;
  body?: string;
  /** Chromium's error text when the request failed (refused, aborted, blocked). */
  failure?: string;
  done: boolean;
}

export interface Handshake {
  seq: number;
  transport: "polling" | "websocket";
  /** For polling, the HTTP exchange (headers, status, CORS headers, body). */
  http?: HttpRecord;
  wsUrl?: URL;
  /** The Engine.IO connection id the server handed out, once known. */
  engineSid?: string;
}

/** A long-polling connection's move to WebSocket: the upgrade request, and whether it completed. */
export interface Upgrade {
  seq: number;
  engineSid: string;
  url: URL;
  /** The client sent Engine.IO's upgrade packet over the WebSocket: its traffic goes there now. */
  upgraded: boolean;
  /** The WebSocket closed (after the upgrade, or instead of it). */
  closed: boolean;
}

export interface WirePacket {
  seq: number;
  /** performance.now() when it was seen */
  at: number;
  engineSid: string;
  dir: "sent" | "received";
  transport: "polling" | "websocket";
  packet: SocketIoPacket;
}

export class Wire extends EventEmitter {
  readonly http: HttpRecord[] = [];
  readonly handshakes: Handshake[] = [];
  readonly packets: WirePacket[] = [];
  readonly upgrades: Upgrade[] = [];
  /** seq of each navigation of the page itself (a load or reload of its document). */
  readonly navigations: number[] = [];
  readonly consoleErrors: string[] = [];
  readonly pageErrors: string[] = [];
  private seqCounter = 0;
  private stopReason: string | undefined;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    readonly apiOrigin: string,
    readonly socketPathHint = "/socket.io",
    /**
     * The page's own origin, where its dev server passes API requests on to the API (a proxy in
     * vite.config.ts): its fetch/XHR requests and Socket.IO WebSockets are recorded too, never the
     * page's own files or the dev server's own WebSocket (Vite's hot reload).
     */
    readonly pageOrigin?: string,
  ) {
    super();
    this.setMaxListeners(100);
  }

  nextSeq(): number {
    return ++this.seqCounter;
  }

  /** Records the page's traffic until the returned function is called (a reused tab outlives the check). */
  attach(page: Page): () => void {
    const listeners = {
      request: (request: Request) => {
        if (request.isNavigationRequest() && isMainFrame(request, page)) {
          this.navigations.push(this.nextSeq());
          this.changed();
        }
        this.onRequest(request);
      },
      requestfinished: (request: Request) => this.track(this.onFinished(request)),
      requestfailed: (request: Request) => this.track(this.onFailed(request)),
      response: (response: Response) => {
        const record = this.records.get(response.request());
        if (!record) return;
        record.status = response.status();
        record.respondedSeq = this.nextSeq();
        this.changed();
      },
      websocket: (ws: WebSocket) => this.onWebSocket(ws),
      console: (message: ConsoleMessage) => {
        if (message.type() === "error") this.consoleErrors.push(message.text());
      },
      pageerror: (error: Error) => {
        this.pageErrors.push(error.stack ?? String(error));
        this.changed();
      },
    };
    for (const [event, listener] of Object.entries(listeners)) page.on(event as "request", listener as (r: Request) => void);
    return () => {
      for (const [event, listener] of Object.entries(listeners)) page.off(event as "request", listener as (r: Request) => void);
    };
  }

  /** Marks the evidence as final (the server died, the run was cancelled): waits end at once. */
  stop(reason: string): void {
    this.stopReason ??= reason;
    this.changed();
  }

  get stopped(): string | undefined {
    return this.stopReason;
  }

  /** Resolves with check()'s first non-undefined result, or undefined after ms or on stop(). */
  until<T>(check: () => T | undefined, ms: number): Promise<T | undefined> {
    return new Promise((resolve) => {
      const finish = (value: T | undefined) => {
        clearTimeout(timer);
        clearInterval(tick);
        this.off("change", test);
        resolve(value);
      };
      const test = () => {
        const value = check();
        if (value !== undefined) finish(value);
        else if (this.stopReason) finish(undefined);
      };
      const timer = setTimeout(() => finish(undefined), ms);
      // Checks may depend on time passing (a silence long enough), not only on new evidence.
      const tick = setInterval(test, 100);
      this.on("change", test);
      test();
    });
  }

  /** Waits for the async halves of event handlers (header and body reads) to land. */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private readonly records = new Map<Request, HttpRecord>();

  private isApi(url: string): boolean {
    return url.startsWith(this.apiOrigin + "/");
  }

  /** On the page's own origin (see pageOrigin). */
  private isPage(url: string): boolean {
    return this.pageOrigin !== undefined && url.startsWith(this.pageOrigin + "/");
  }

  private onRequest(request: Request): void {
    const call = request.resourceType() === "fetch" || request.resourceType() === "xhr"; // not a file of the page
    if (!this.isApi(request.url()) && !(call && this.isPage(request.url()))) return;
    const url = new URL(request.url());
    const record: HttpRecord = {
      seq: this.nextSeq(),
      method: request.method(),
      url,
      requestHeaders: {},
      postData: request.postData() ?? undefined,
      done: false,
    };
    this.records.set(request, record);
    this.http.push(record);
    const engine = engineQuery(url);
    if (engine && engine.transport === "polling") {
      if (!engine.sid && record.method === "GET") {
        this.handshakes.push({ seq: record.seq, transport: "polling", http: record });
      } else if (engine.sid && record.method === "POST" && record.postData) {
        for (const packet of decodePollingPayload(record.postData)) this.addPacket(engine.sid, "sent", "polling", packet);
      }
    }
    // Full headers (with Cookie) cost a round trip to the browser: fetch them where they are
    // evidence (handshakes and the app's own routes), not for every polling request.
    if (!engine || !engine.sid) {
      this.track(
        request.allHeaders().then(
          (headers) => Object.assign(record.requestHeaders, headers),
          () => {},
        ),
      );
    }
    this.changed();
  }

  private async onFinished(request: Request): Promise<void> {
    const record = this.records.get(request);
    if (!record) return;
    const response = await request.response().catch(() => null);
    const engine = engineQuery(record.url);
    if (response) {
      record.status = response.status();
      // Polling requests after the handshake: only their packets matter (GET bodies; a POST's
      // packets were read from its request body already).
      const followUp = engine?.sid !== undefined;
      // The raw headers when Chromium still has them; else the ones it parsed (CORS headers among
      // them): never none, which would read as an answer without CORS headers.
      if (!followUp) record.responseHeaders = await response.allHeaders().catch(() => response.headers());
      if (!followUp || record.method === "GET") record.body = await response.text().catch(() => undefined);
    }
    record.done = true;
    if (engine?.transport === "polling" && record.method === "GET" && record.body && record.status === 200) {
      const packets = decodePollingPayload(record.body);
      let sid = engine.sid;
      for (const packet of packets) {
        if (packet.type === "open") {
          sid = packet.sid;
          const handshake = this.handshakes.find((h) => h.http === record);
          if (handshake) handshake.engineSid = sid;
        } else if (sid) {
          this.addPacket(sid, "received", "polling", packet);
        }
      }
    }
    this.changed();
  }

  private async onFailed(request: Request): Promise<void> {
    const record = this.records.get(request);
    if (!record) return;
    record.failure = request.failure()?.errorText ?? "failed";
    record.done = true;
    this.changed();
  }

  private onWebSocket(ws: WebSocket): void {
    const url = new URL(ws.url());
    const engine = engineQuery(url);
    const http = ws.url().replace(/^ws/, "http");
    if (!this.isApi(http) && !(engine && this.isPage(http))) return; // not Vite's own hot-reload socket
    let sid = engine?.sid;
    if (!sid) {
      // A WebSocket-only client: this upgrade request is the handshake.
      const handshake: Handshake = { seq: this.nextSeq(), transport: "websocket", wsUrl: url };
      this.handshakes.push(handshake);
      ws.on("framereceived", ({ payload }) => {
        const packet = decodeEnginePacket(String(payload));
        if (packet.type === "open") sid = handshake.engineSid = packet.sid;
      });
    }
    if (sid) {
      const upgrade: Upgrade = { seq: this.nextSeq(), engineSid: sid, url, upgraded: false, closed: false };
      this.upgrades.push(upgrade);
      ws.on("framesent", ({ payload }) => {
        if (decodeEnginePacket(String(payload)).type !== "upgrade") return;
        upgrade.upgraded = true;
        this.changed();
      });
      ws.on("close", () => {
        upgrade.closed = true;
        this.changed();
      });
    }
    ws.on("framesent", ({ payload }) => sid && this.addPacket(sid, "sent", "websocket", decodeEnginePacket(String(payload))));
    ws.on("framereceived", ({ payload }) => {
      if (sid) this.addPacket(sid, "received", "websocket", decodeEnginePacket(String(payload)));
    });
    this.changed();
  }

  private addPacket(
    engineSid: string,
    dir: "sent" | "received",
    transport: "polling" | "websocket",
    packet: ReturnType<typeof decodeEnginePacket>,
  ): void {
    if (packet.type !== "message" || !packet.message) return;
    this.packets.push({ seq: this.nextSeq(), at: performance.now(), engineSid, dir, transport, packet: packet.message });
    this.changed();
  }

  private track(promise: Promise<unknown>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private changed(): void {
    this.emit("change");
  }
}

/** The Engine.IO query of a Socket.IO request, or undefined for other requests. */
export function engineQuery(url: URL): { transport: string; sid?: string } | undefined {
  const eio = url.searchParams.get("EIO");
  const transport = url.searchParams.get("transport");
  if (!eio || !transport) return undefined;
  return { transport, sid: url.searchParams.get("sid") ?? undefined };
}

/** A request line for messages: method, URL without the cache-busting t= parameter. */
export function describeRequest(record: HttpRecord): string {
  const url = new URL(record.url);
  url.searchParams.delete("t");
  return `${record.method} ${url.href}`;
}

function isMainFrame(request: Request, page: Page): boolean {
  try {
    return request.frame() === page.mainFrame();
  } catch {
    return false; // a service worker's request has no frame
  }
}
