// What the app's own page did, read from the browser's network layer: the events its socket
// received, its reloads, how its socket ended. The panel's buttons, pressed as the learner presses
// them, and, for an app's own feature, the text its page shows the user (never to decide what
// the session is: the wire says that).
import type { Page, Route } from "playwright";
import { engineQuery, type HttpRecord, type WirePacket } from "../evidence/wire.ts";
import type { CheckContext } from "./check.ts";

/** A mark on the page's wire: what comes after it is new. */
export function mark(ctx: CheckContext): number {
  return ctx.wire.nextSeq();
}

/** Presses one of the panel's buttons ("refresh", "logout", …) as the learner would. */
export async function press(ctx: CheckContext, button: string): Promise<void> {
  await ctx.page.evaluate((id) => document.getElementById(id)?.click(), button).catch(() => {});
}

/** The HTTP request the page sent to the API after `since` for `pathname` ("/notify"), once answered, waiting at most `ms`. */
export function pageRequest(ctx: CheckContext, pathname: string, since: number, ms: number): Promise<HttpRecord | undefined> {
  return ctx.wire.until(() => ctx.wire.http.find((r) => r.seq > since && r.url.pathname.endsWith(pathname) && r.done), ms);
}

/** Whether the page shows `text` to the user (an element's visible text), waiting at most `ms`. */
export async function pageShows(ctx: CheckContext, text: string, ms: number): Promise<boolean> {
  return ctx.page
    .getByText(text)
    .first()
    .waitFor({ state: "visible", timeout: ms })
    .then(() => true, () => false);
}

/**
 * Waits until the text of the page's element `#id` passes `wanted`, at most `ms`; its text then
 * (or at the deadline), or undefined when the page has no such element.
 */
export async function pageTextOf(ctx: CheckContext, id: string, wanted: (text: string) => boolean, ms: number): Promise<string | undefined> {
  const read = () => ctx.page.evaluate((id) => document.getElementById(id)?.textContent ?? undefined, id).catch(() => undefined);
  const deadline = performance.now() + ms;
  let text = await read();
  while (!(text !== undefined && wanted(text)) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    text = await read();
  }
  return text;
}

/** The first event named `name` the page's socket received after `since`, waiting at most `ms`. */
export function eventReceived(ctx: CheckContext, name: string, since: number, ms: number): Promise<WirePacket | undefined> {
  return ctx.wire.until(() => ctx.wire.packets.find((p) => p.seq > since && p.dir === "received" && p.packet.kind === "event" && p.packet.name === name), ms);
}

/** The names of the events the page's socket received after `since`. */
export function eventsReceived(ctx: CheckContext, since: number): string[] {
  return ctx.wire.packets.flatMap((p) => (p.seq > since && p.dir === "received" && p.packet.kind === "event" ? [p.packet.name] : []));
}

/** Whether the page navigated (reloaded itself) after the login answered. */
export function reloadedAfterLogin(ctx: CheckContext): boolean {
  const login = ctx.obs.login?.respondedSeq ?? ctx.obs.login?.seq ?? Infinity;
  return ctx.wire.navigations.some((seq) => seq > login);
}

/** Each of the page's socket connections, in words: when its handshake came, and whether it carried the cookie. */
export function pageConnections(ctx: CheckContext): string[] {
  const login = ctx.obs.login?.respondedSeq ?? 0;
  return ctx.wire.handshakes.map((h) => {
    const cookie = /(^|;\s*)connect\.sid=/.test(h.http?.requestHeaders["cookie"] ?? "") ? "carried connect.sid" : "carried no connect.sid";
    return `a socket connection whose handshake came ${h.seq < login ? "before" : "after"} the login and ${cookie}`;
  });
}

/** The server's refusal of the page's socket (a connect_error), if there was one after `since`. */
export function refusedAfter(ctx: CheckContext, since = 0): string | undefined {
  const refused = ctx.wire.packets.find((p) => p.seq > since && p.dir === "received" && p.packet.kind === "connect_error");
  if (!refused || refused.packet.kind !== "connect_error") return undefined;
  return (refused.packet.data as { message?: string } | undefined)?.message ?? JSON.stringify(refused.packet.data);
}

export type SocketOutcome =
  | { kind: "answered"; me: { sessionId?: unknown; user?: unknown } }
  | { kind: "disconnected by the server" }
  | { kind: "closed by the page" }
  | { kind: "refused"; message: string };

/**
 * What became of the page's socket after `since`, waiting at most `ms`: it answered a whoami the
 * page asked, the server disconnected it (a Socket.IO disconnect packet), the page closed it, or
 * it reconnected and was refused. Undefined if none of these came.
 */
export function pageSocketAfter(ctx: CheckContext, since: number, ms: number): Promise<SocketOutcome | undefined> {
  return ctx.wire.until((): SocketOutcome | undefined => {
    for (const p of ctx.wire.packets) {
      if (p.seq <= since) continue;
      if (p.dir === "sent" && p.packet.kind === "disconnect") return { kind: "closed by the page" };
      if (p.dir !== "received") continue;
      if (p.packet.kind === "disconnect") return { kind: "disconnected by the server" };
      if (p.packet.kind === "connect_error") return { kind: "refused", message: JSON.stringify(p.packet.data) };
      if (p.packet.kind === "ack" && answersWhoami(ctx.wire.packets, p)) return { kind: "answered", me: (p.packet.args[0] ?? {}) as { sessionId?: unknown; user?: unknown } };
    }
    return undefined;
  }, ms);
}

/** Whether the page asked whoami after `since`. */
export function whoamiAsked(ctx: CheckContext, since: number): boolean {
  return ctx.wire.packets.some((p) => p.seq > since && p.dir === "sent" && p.packet.kind === "event" && p.packet.name === "whoami");
}

/** Whether an acknowledgement answers a whoami the page sent on the same connection. */
function answersWhoami(packets: WirePacket[], ack: WirePacket): boolean {
  if (ack.packet.kind !== "ack") return false;
  const id = ack.packet.id;
  return packets.some((p) => p.dir === "sent" && p.engineSid === ack.engineSid && p.packet.kind === "event" && p.packet.name === "whoami" && p.packet.id === id);
}

/**
 * Fills inputs of the page (by id) and submits the form `#form` as the learner would, with its
 * submit button (or as Enter would, when it has none). False when the page has no such form or input.
 */
export async function submitForm(ctx: CheckContext, form: string, values: Record<string, string>): Promise<boolean> {
  return ctx.page
    .evaluate(
      ({ form, values }) => {
        const element = document.getElementById(form);
        if (!(element instanceof HTMLFormElement)) return false;
        for (const [id, value] of Object.entries(values)) {
          const input = document.getElementById(id);
          if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) return false;
          input.value = value;
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }
        const button = element.querySelector<HTMLElement>('button:not([type]), button[type="submit"], input[type="submit"]');
        if (button) button.click();
        else element.requestSubmit();
        return true;
      },
      { form, values },
    )
    .catch(() => false);
}

/** What a form field of the page holds now (undefined: no such field). */
export async function inputValue(ctx: CheckContext, id: string): Promise<string | undefined> {
  return ctx.page
    .evaluate((id) => {
      const input = document.getElementById(id);
      return input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement ? input.value : undefined;
    }, id)
    .catch(() => undefined);
}

export interface HeldSocket {
  /** A mark on the page's wire from before the reload: what comes after it is the reloaded page's. */
  since: number;
  /** Lets the page's socket connect (it never waits longer than the `ms` the reload was given). */
  release(): Promise<void>;
}

/**
 * Reloads the page with its socket held back: the page loads and runs its code (its requests to
 * the API are answered), but its Socket.IO requests wait until `release()`, so the check can
 * arrange something (another user online) between the page's load and its socket's connection.
 * Only long-polling requests can be held: a page whose socket starts on WebSocket connects at once.
 */
export async function reloadWithSocketHeld(ctx: CheckContext, ms = 5000): Promise<HeldSocket> {
  const api = new URL(ctx.apiUrl);
  const isSocket = (url: URL) => url.hostname === api.hostname && url.port === api.port && url.pathname.startsWith(ctx.socketPath);
  let open = () => {};
  const released = new Promise<void>((resolve) => (open = resolve));
  const timer = setTimeout(() => open(), ms);
  const hold = async (route: Route) => {
    await released;
    await route.continue().catch(() => {});
  };
  const release = async () => {
    clearTimeout(timer);
    open();
    await ctx.page.unroute(isSocket, hold).catch(() => {});
  };
  ctx.onDone(release);
  await ctx.page.route(isSocket, hold);
  const since = mark(ctx);
  try {
    await ctx.page.reload({ waitUntil: "domcontentloaded", timeout: ms });
  } catch (err) {
    await release();
    throw err;
  }
  return { since, release };
}

export interface VisitorPage {
  page: Page;
  close(): Promise<void>;
}

/**
 * The app's page as a visitor sees it: opened in a browser context of its own, with no cookies (a
 * browser that never logged in). Its traffic is not on the check's wire. The caller must close() it.
 */
export async function visitorPage(ctx: CheckContext, ms = 5000): Promise<VisitorPage> {
  const context = await ctx.browser.newContext();
  const close = () => context.close().catch(() => {});
  try {
    const page = await context.newPage();
    await page.goto(ctx.pageUrl, { waitUntil: "domcontentloaded", timeout: ms });
    return { page, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Waits (at most `ms`) for a long-poll of the page's socket that was open at `since` to end, as a
 * logout that disconnects the page's socket ends it; true once one has. A poll runs the session
 * middleware in apps that give it to every Engine.IO request: as it ends, it may save back the
 * copy of the session it loaded before the logout.
 */
export async function pagePollEnded(ctx: CheckContext, since: number, ms: number): Promise<boolean> {
  const isPoll = (r: HttpRecord) => r.method === "GET" && engineQuery(r.url)?.transport === "polling" && engineQuery(r.url)?.sid !== undefined;
  const open = ctx.wire.http.filter((r) => isPoll(r) && r.seq <= since && !r.done);
  if (!open.length) return false;
  return (await ctx.wire.until(() => (open.some((r) => r.done) ? true : undefined), ms)) === true;
}
