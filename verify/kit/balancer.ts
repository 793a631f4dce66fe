// Behind a load balancer: the long-polling requests an instance did not know (no stickiness), a
// tab whose network blocks WebSocket (the fallback every Socket.IO app keeps), and what a socket
// on one instance hears of what happened on another.
import type { Identity, Observation } from "../evidence/scenario.ts";
import { answerAfter } from "../evidence/scenario.ts";
import { SESSION_COOKIE } from "../evidence/session-cookie.ts";
import { Wire, engineQuery, type HttpRecord } from "../evidence/wire.ts";
import type { CheckContext } from "./check.ts";
import type { Socket } from "./sockets.ts";

/**
 * The long-polling requests that carried an Engine.IO session id and were answered 400: the
 * instance that got them never handed out that id ("Session ID unknown"), because the balancer
 * sent the handshake to another. With `stickyChance`, only those of sessions whose handshake
 * already carried a cookie other than the app's session cookie: the balancer's cookie was there
 * to route by. A page's very first handshake, sent beside its first API call before any cookie of
 * the balancer's existed, may be routed by none (HAProxy's `cookie … insert` then names the
 * instance of whichever answer came last): the client starts again, this time with the cookie.
 */
export function pollingLost(from: Observation | Wire, options: { stickyChance?: boolean } = {}): HttpRecord[] {
  const wire = from instanceof Wire ? from : from.wire;
  const hadCookie = (sid: string | null) => {
    const cookie = wire.handshakes.find((h) => h.engineSid === sid)?.http?.requestHeaders["cookie"] ?? "";
    return cookie.split(/;\s*/).some((pair) => pair && !pair.startsWith(`${SESSION_COOKIE}=`));
  };
  return wire.http.filter(
    (r) =>
      engineQuery(r.url)?.transport === "polling" &&
      engineQuery(r.url)?.sid !== undefined &&
      r.status === 400 &&
      (!options.stickyChance || hadCookie(r.url.searchParams.get("sid"))),
  );
}

/** One line about such requests, for the evidence. */
export function describeLost(lost: HttpRecord[]): string {
  const first = lost[0]!;
  const sid = first.url.searchParams.get("sid");
  const body = first.body?.trim() ? ` (${first.body.trim().slice(0, 80)})` : "";
  return `${lost.length} of the page's long-polling requests were answered 400${body}: e.g. ${first.method} for the Engine.IO session ${sid}, which the instance that got it never handed out`;
}

export interface NoWebSocketTab {
  /** What the tab's socket answered to whoami, once it did. */
  identity?: Identity;
  /** How its socket travelled, in words. */
  seen: string[];
  /** Its long-polling requests lost to other instances although the balancer's cookie was there. */
  lost: HttpRecord[];
  /** All of its long-polling requests lost to other instances, the balancer's cookie or not. */
  lostAny: HttpRecord[];
}

/**
 * A tab of the user (its `cookie`) on a network that blocks WebSocket, as some office proxies do:
 * the page's socket must work on HTTP long-polling alone, through the balancer. Waits at most `ms`
 * for the page's socket to answer whoami.
 */
export async function tabWithoutWebSocket(ctx: CheckContext, cookie: string, ms: number): Promise<NoWebSocketTab> {
  const context = await ctx.browser.newContext();
  try {
    const host = new URL(ctx.apiUrl).hostname;
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie, domain: host, path: "/", httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    // Every WebSocket the page opens is closed at once, before it reaches the server.
    let refused = 0;
    await page.routeWebSocket(/./, (ws) => {
      refused++;
      void ws.close({ reason: "blocked by the network" });
    });
    const wire = new Wire(ctx.balancer ?? ctx.apiUrl, ctx.socketPath);
    const detach = wire.attach(page);
    try {
      await page.goto(ctx.pageUrl, { waitUntil: "domcontentloaded", timeout: 10_000 });
      const answer = await wire.until(() => answerAfter(wire, { after: 0, newPage: false }), ms);
      await wire.settle();
      const polls = wire.http.filter((r) => engineQuery(r.url)?.transport === "polling").length;
      const lost = pollingLost(wire, { stickyChance: true });
      const lostAny = pollingLost(wire);
      const seen = [
        `a second tab of the same user, on a network that blocks WebSocket (${refused} WebSocket attempt${refused === 1 ? "" : "s"} closed): ${polls} long-polling request${polls === 1 ? "" : "s"} through the balancer`,
      ];
      return { identity: answer?.identity, seen, lost, lostAny };
    } finally {
      detach();
    }
  } finally {
    await context.close().catch(() => {});
  }
}

/** The first `event` the socket receives whose payload passes `wanted`, within `ms`; undefined if none. */
export function heard<T>(socket: Socket, event: string, wanted: (payload: T) => boolean, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const listener = (payload: T) => {
      if (!wanted(payload)) return;
      finish(payload);
    };
    const finish = (value: T | undefined) => {
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(value);
    };
    const timer = setTimeout(() => finish(undefined), ms);
    socket.on(event, listener);
  });
}

/** Every `event` the socket receives from now on, in order; `stop()` ends the listening. */
export function collect<T>(socket: Socket, event: string): { got: T[]; stop(): void } {
  const got: T[] = [];
  const listener = (payload: T) => void got.push(payload);
  socket.on(event, listener);
  return { got, stop: () => void socket.off(event, listener) };
}
