// Where the page sent its API calls and its socket, read from the wire: to its own origin (a dev
// server's proxy passing them on to the API), or to another; whether the two were different sites
// (a SameSite=Lax cookie then never comes back); and whether the page's socket moved to a
// WebSocket on that origin, as Socket.IO does wherever the WebSocket reaches the server.
import type { Observation } from "../evidence/scenario.ts";
import { describeRequest } from "../evidence/wire.ts";

/** An http(s) or ws(s) URL's origin, with ws as http: a WebSocket to the page's host and port is on its origin. */
function originOf(url: URL): string {
  return `${url.protocol.replace(/^ws/, "http")}//${url.host}`;
}

/** A host's site, roughly: its last two labels, or the whole IP address (a browser uses the public suffix list). */
function siteOf(url: URL): string {
  return /^[\d.]+$|^\[/.test(url.hostname) ? url.hostname : url.hostname.split(".").slice(-2).join(".");
}

/**
 * Each request and socket connection the page sent to another origin than its own, in words,
 * one line each (a request and its repeats once). Empty when it all went to the page's origin.
 */
export function callsElsewhere(obs: Observation): string[] {
  const page = new URL(obs.pageUrl).origin;
  const lines = new Set<string>();
  for (const record of obs.wire.http) {
    if (originOf(record.url) === page) continue;
    const url = new URL(record.url);
    const socket = url.searchParams.has("EIO");
    url.search = "";
    lines.add(socket ? `the socket's long-polling requests to ${url.href}` : `${record.method} ${url.href}`);
  }
  for (const handshake of obs.wire.handshakes) {
    if (handshake.wsUrl && originOf(handshake.wsUrl) !== page) lines.add(`the socket's WebSocket to ${handshake.wsUrl.origin}${handshake.wsUrl.pathname}`);
  }
  for (const upgrade of obs.wire.upgrades) {
    if (originOf(upgrade.url) !== page) lines.add(`the socket's WebSocket to ${upgrade.url.origin}${upgrade.url.pathname}`);
  }
  return [...lines];
}

/**
 * When the page logged in on another site than its own: a line that says which two sites. A
 * cookie without SameSite=None set by that login's answer is refused by the browser.
 */
export function loginCrossSite(obs: Observation): string | undefined {
  const login = obs.login;
  if (!login) return undefined;
  const page = new URL(obs.pageUrl);
  if (siteOf(login.url) === siteOf(page)) return undefined;
  return `the page is on ${page.origin} and logged in with ${describeRequest(login)}: "${page.hostname}" and "${login.url.hostname}" are different sites`;
}

export interface PageTransport {
  /** The page's socket carries its traffic over a WebSocket. */
  webSocket: boolean;
  seen: string[];
}

/**
 * Whether the page's socket (the connection that answered whoami after login) is on a WebSocket,
 * waiting at most `ms` for its move from long-polling: Socket.IO upgrades right after it connects,
 * wherever the WebSocket reaches the server; one that stays on long-polling was not let through.
 */
export async function pageSocketTransport(obs: Observation, ms: number): Promise<PageTransport> {
  const handshake = obs.answer?.handshake;
  if (!handshake) return { webSocket: false, seen: ["the page's socket never answered whoami"] };
  if (handshake.transport === "websocket") return { webSocket: true, seen: [`the page's socket connected over a WebSocket to ${handshake.wsUrl?.origin}${handshake.wsUrl?.pathname}`] };
  const sid = handshake.engineSid;
  const at = handshake.http ? describeRequest(handshake.http).replace(/[?&]sid=[^&]*/, "") : "long-polling";
  const upgrade = () => obs.wire.upgrades.find((u) => u.engineSid === sid && u.upgraded);
  const done = upgrade() ?? (await obs.wire.until(() => upgrade() ?? (obs.wire.upgrades.some((u) => u.engineSid === sid && u.closed) ? null : undefined), ms));
  if (done) return { webSocket: true, seen: [`the page's socket (handshake ${at}) moved to a WebSocket at ${done.url.origin}${done.url.pathname}`] };
  const tried = obs.wire.upgrades.find((u) => u.engineSid === sid);
  return {
    webSocket: false,
    seen: [
      `the page's socket connected over long-polling (handshake ${at})`,
      tried
        ? `its WebSocket to ${tried.url.origin}${tried.url.pathname} ${tried.closed ? "closed without completing the upgrade" : `had not completed the upgrade after ${ms / 1000} s`}: it stays on long-polling`
        : `it opened no WebSocket within ${ms / 1000} s: it stays on long-polling`,
    ],
  };
}
