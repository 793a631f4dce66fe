// What the app's own page did, read from the browser's network layer (never from the page's DOM):
// the events its socket received, its reloads, how its socket ended. And the panel's buttons, pressed
// as the learner presses them.
import type { WirePacket } from "../evidence/wire.ts";
import type { CheckContext } from "./check.ts";

/** A mark on the page's wire: what comes after it is new. */
export function mark(ctx: CheckContext): number {
  return ctx.wire.nextSeq();
}

/** Presses one of the panel's buttons ("refresh", "logout", …) as the learner would. */
export async function press(ctx: CheckContext, button: string): Promise<void> {
  await ctx.page.evaluate((id) => document.getElementById(id)?.click(), button).catch(() => {});
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
