// Standard check, then what this app promises beyond it: a notification pushed to the logged-in
// user reaches the page that logged in (without a reload), and a socket without a logged-in
// session is refused at its handshake, so it never sits in the app as "nobody".
import { defineCheck, nextPacket, otherUser, probeSocket, randomSessionId, signedCookie, type CheckContext, type Finding, type OtherUser } from "#verify";
import lesson from "./lesson.ts";

const PUSH_MS = 3000;

export default defineCheck(lesson, {
  // With anonymous handshakes refused, a page that connects only at load is left without a socket.
  refine(finding, obs) {
    if (finding.fault !== "SOCKET_NO_ANSWER" && finding.fault !== "SOCKET_REJECTED") return finding;
    const loginSeq = obs.login?.respondedSeq ?? obs.login?.seq;
    if (loginSeq === undefined || obs.wire.handshakes.some((h) => h.seq > loginSeq)) return finding;
    const refused = obs.wire.packets.find((p) => p.dir === "received" && p.packet.kind === "connect_error");
    if (!refused || refused.packet.kind !== "connect_error") return finding;
    const message = (refused.packet.data as { message?: string } | undefined)?.message ?? JSON.stringify(refused.packet.data);
    return {
      fault: "SOCKET_NOT_RECONNECTED",
      seen: [
        ...finding.seen.filter((line) => !line.startsWith("no decisive socket evidence")),
        `the server refused the socket the page opened at load: connect_error "${message}"`,
        "after the login the page opened no new Socket.IO connection",
      ],
    };
  },

  async extra(ctx): Promise<Finding | undefined> {
    // A single-page app: a reload after login would open a new socket with the new cookie and hide
    // the bug (the socket opened before login) instead of fixing it.
    const loginSeq = ctx.obs.login?.respondedSeq ?? ctx.obs.login?.seq ?? Infinity;
    if (ctx.wire.navigations.some((seq) => seq > loginSeq)) {
      return {
        fault: "PAGE_RELOADED_AFTER_LOGIN",
        seen: [`POST ${ctx.apiUrl}/login → ${ctx.obs.login?.status}`, "then the page reloaded itself (a new navigation of the page after the login answered)"],
      };
    }

    // Another user, logged in with a socket open: the push is not for them.
    // (It also says its name in its auth payload, so that an app that trusts the payload still lets
    // it in: the auth probe below is what catches that app.)
    const other = await otherUser(ctx, { sayName: true }).catch((err: Error) => err);
    if (other instanceof Error) return { fault: "NO_DECISION", seen: [other.message] };
    const overheard: unknown[] = [];
    other.socket.on("notification", (note: unknown) => overheard.push(note));
    try {
      return await pushAndProbes(ctx, other.name, other.socket, overheard);
    } finally {
      other.socket.disconnect();
    }
  },
});

async function pushAndProbes(ctx: CheckContext, other: string, bystander: OtherUser["socket"], overheard: unknown[]): Promise<Finding | undefined> {
  // A push addressed to the user, asked for by the page that logged in, as its button would.
  const since = ctx.wire.nextSeq();
  const status = await ctx.page
    .evaluate(async (api) => {
      try {
        const res = await fetch(`${api}/notify`, { method: "POST", credentials: "include", signal: AbortSignal.timeout(3000) });
        return String(res.status);
      } catch (err) {
        return `failed (${(err as Error).message})`;
      }
    }, ctx.apiUrl)
    .catch((err: Error) => `not sent (${err.message.split("\n")[0]})`);
  const asked = `POST ${ctx.apiUrl}/notify from the logged-in page → ${status}`;
  const pushed = /^2\d\d$/.test(status)
    ? await nextPacket(ctx.wire, (p) => p.dir === "received" && p.packet.kind === "event" && p.packet.name === "notification", PUSH_MS, since)
    : undefined;
  if (!pushed) {
    const events = ctx.wire.packets
      .filter((p) => p.seq > since && p.dir === "received" && p.packet.kind === "event")
      .map((p) => (p.packet.kind === "event" ? p.packet.name : ""));
    const loginSeq = ctx.obs.login?.respondedSeq ?? 0;
    const connections = ctx.wire.handshakes.map((h) => {
      const cookie = /(^|;\s*)connect\.sid=/.test(h.http?.requestHeaders["cookie"] ?? "") ? "carried connect.sid" : "carried no connect.sid";
      return `a socket connection whose handshake came ${h.seq < loginSeq ? "before" : "after"} the login and ${cookie}`;
    });
    return {
      fault: "PUSH_NOT_DELIVERED",
      seen: [
        ...(ctx.obs.answer ? [`socket: whoami → user "${ctx.obs.answer.identity.user}" (the standard check passed)`] : []),
        asked,
        ...connections,
        events.length
          ? `the page received only these events: ${events.join(", ")}`
          : `no 42["notification", …] packet reached the page within ${PUSH_MS / 1000} s`,
      ],
    };
  }

  // Only the user's own sockets get it: packets on one connection arrive in order, so once the
  // other user's socket has its answer to a whoami asked now, a push sent to it would have come first.
  await bystander.timeout(2000).emitWithAck("whoami").catch(() => undefined);
  if (overheard.length) {
    return {
      fault: "PUSH_REACHED_OTHERS",
      seen: [asked, `the page received 42["notification", …]`, `so did another user's socket ("${other}"): ${JSON.stringify(overheard[0]).slice(0, 120)}`],
    };
  }

  // Sockets that are not logged in: none at all, one whose cookie names no session (a session
  // that ended, a forged id), as a browser after logout would still send, and one that only
  // says who it is in the handshake's auth payload.
  const probes = [
    { who: "a Socket.IO client with no cookie", cookie: undefined, auth: undefined },
    { who: "a Socket.IO client whose connect.sid names no stored session", cookie: signedCookie(randomSessionId(), ctx.secret), auth: undefined },
    { who: `a Socket.IO client with no cookie and auth { user, username, name: "${ctx.username}" }`, cookie: undefined, auth: { user: ctx.username, username: ctx.username, name: ctx.username } },
  ];
  for (const probe of probes) {
    const result = await probeSocket(ctx.apiUrl, { cookie: probe.cookie, auth: probe.auth });
    if (!result.connected) continue;
    const sid = result.whoami?.sessionId;
    const whoami = result.whoami ? `whoami → { sessionId: ${sid ? `${sid.slice(0, 12)}…` : "null"}, user: ${JSON.stringify(result.whoami.user)} }` : "it connected";
    return {
      fault: probe.auth ? "CLIENT_IDENTITY_TRUSTED" : "ANONYMOUS_SOCKET_ACCEPTED",
      seen: [asked, `the page received 42["notification", …]`, `${probe.who} (connected from Node) was accepted; ${whoami}`],
    };
  }
  return undefined;
}
