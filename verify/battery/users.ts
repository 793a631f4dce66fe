// Users stay apart: with several users at once (two logged in, one anonymous, one who logs in
// later), each socket, in every tab, is its own user; and where the app pushes private events,
// they reach every tab of their user and nobody else, not even a socket that asks for the user's
// room in its handshake.
import type { CheckContext, Finding } from "../kit/check.ts";
import { describeIdentity, ask, connectAs, type Socket } from "../kit/sockets.ts";
import { fetchApi } from "../kit/http.ts";
import { freshUser, type FreshUser } from "./fresh.ts";
import type { BatteryItem } from "./item.ts";

const ACK_MS = 2000;
const PUSH_MS = 2000;

interface Tab {
  who: string;
  /** The user it must be; null: nobody. */
  expected: FreshUser | null;
  socket?: Socket;
  /** Why it could not connect (an app may refuse anonymous sockets). */
  refused?: string;
  received: unknown[];
}

async function open(ctx: CheckContext, who: string, expected: FreshUser | null, cookie: string | undefined, push?: string, auth?: Record<string, unknown>): Promise<Tab> {
  const tab: Tab = { who, expected, received: [] };
  try {
    tab.socket = await connectAs(ctx, { cookie, auth, direct: true });
    if (push) tab.socket.on(push, (event: unknown) => tab.received.push(event));
  } catch (err) {
    tab.refused = (err as Error).message;
  }
  return tab;
}

/** Whether a connect_error's message is a runtime error thrown by the app's code (a TypeError and the like). */
export function isCrash(message: string | undefined): boolean {
  return /Cannot (read|set) propert|is not a function|is not defined|is not iterable|Cannot destructure|of (undefined|null) \(reading/.test(message ?? "");
}

/** Every tab's answer to whoami; a finding for the first that is not its own user. */
async function eachIsItself(tabs: Tab[], when: string, refusesVisitors: boolean): Promise<Finding | undefined> {
  const answers = await Promise.all(tabs.map((tab) => (tab.socket ? ask<{ user?: string | null; sessionId?: string | null }>(tab.socket, ACK_MS, "whoami") : Promise.resolve(undefined))));
  const lines = tabs.map((tab, i) => `${tab.who}${when}: ${tab.refused ? `refused (${tab.refused})` : answers[i]?.answer ? `whoami → ${describeIdentity(answers[i]!.answer)}` : "no answer"}`);
  for (const [i, tab] of tabs.entries()) {
    if (!tab.socket) {
      if (tab.expected) return { fault: "SOCKET_REJECTED", seen: [lines[i]!] };
      // An app may refuse a socket with no session, on purpose: not by tripping over the missing session.
      if (isCrash(tab.refused)) return { fault: "SOCKET_REFUSED_BY_CRASH", seen: [lines[i]!, "that is a JavaScript error from the server's own code, not a refusal it decided on"] };
      if (!refusesVisitors) return { fault: "VISITOR_SOCKET_REFUSED", seen: [lines[i]!, "this app lets visitors' sockets in, as nobody (its page shows them so)"] };
      continue;
    }
    const user = answers[i]?.answer?.user ?? null;
    if (tab.expected ? user !== tab.expected.name : user !== null) {
      return { fault: "USERS_MIXED", seen: [...lines, `${tab.who} should be ${tab.expected ? `"${tab.expected.name}"` : "nobody"}`] };
    }
  }
  return undefined;
}

const apart: BatteryItem = {
  id: "users.apart",
  tries: "two users logged in, one anonymous and one who logs in later, each with sockets in several tabs",
  async run(ctx) {
    const push = ctx.lesson.features?.push;
    const refusesVisitors = ctx.lesson.features?.refusesVisitorSockets === true;
    const [alice, bob] = await Promise.all([freshUser(ctx, "alice"), freshUser(ctx, "bob")]);
    // A socket that names Alice and her room in its handshake, with Bob's cookie: an app that picks
    // rooms from what the client says would let it listen in.
    const claims = { user: alice.name, username: alice.name, room: `user:${alice.name}`, rooms: [`user:${alice.name}`, alice.name] };
    const tabs = await Promise.all([
      open(ctx, `"${alice.name}"'s first tab`, alice, alice.cookie, push?.event),
      open(ctx, `"${alice.name}"'s second tab`, alice, alice.cookie, push?.event),
      open(ctx, `"${bob.name}"'s tab`, bob, bob.cookie, push?.event),
      open(ctx, "a visitor's tab (no cookie)", null, undefined, push?.event),
      open(ctx, `"${bob.name}"'s tab that says it is "${alice.name}" in its auth`, bob, bob.cookie, push?.event, claims),
    ]);
    try {
      let found = await eachIsItself(tabs, "", refusesVisitors);
      if (found) return found;
      // Someone logs in after the others connected: nobody else becomes them.
      const carol = await freshUser(ctx, "carol");
      tabs.push(await open(ctx, `"${carol.name}"'s tab, opened after the others`, carol, carol.cookie, push?.event));
      found = await eachIsItself(tabs, ", after another user logged in", refusesVisitors);
      if (found) return found;

      if (!push) return undefined;
      const answered = await fetchApi(ctx, `${ctx.routePrefix}${push.path}`, { method: "POST", cookie: alice.cookie });
      const asked = `POST ${push.path} with "${alice.name}"'s cookie → ${answered.status}`;
      const deadline = performance.now() + PUSH_MS;
      const hers = tabs.filter((tab) => tab.expected === alice && tab.socket);
      while (hers.some((tab) => !tab.received.length) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const missed = hers.find((tab) => !tab.received.length);
      if (missed) return { fault: "PUSH_MISSED_A_TAB", seen: [asked, `${missed.who} received no ${push.event} within ${PUSH_MS / 1000} s`, `the other tabs of "${alice.name}" did`] };
      // Packets on one connection arrive in order: once each other socket has answered a whoami
      // asked now, a push sent to it would have come first.
      await Promise.all(tabs.filter((tab) => tab.expected !== alice && tab.socket).map((tab) => ask(tab.socket!, ACK_MS, "whoami")));
      const overheard = tabs.find((tab) => tab.expected !== alice && tab.received.length);
      if (overheard) return { fault: "PUSH_REACHED_OTHERS", seen: [asked, `every tab of "${alice.name}" received it`, `so did ${overheard.who}: ${JSON.stringify(overheard.received[0]).slice(0, 120)}`] };
      return undefined;
    } finally {
      for (const tab of tabs) tab.socket?.disconnect();
    }
  },
};

export const USERS: BatteryItem[] = [apart];
