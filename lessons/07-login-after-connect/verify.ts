// The standard check, then what this app promises beyond it: the page opens no socket before
// login; Notify me, pressed on the page that logged in, pushes a notification that reaches it
// without a reload, shows there, and reaches nobody else; a visitor cannot ask for one; and a
// socket without a logged-in session is refused at its handshake, so it never sits in the app as "nobody".
import {
  ask,
  defineCheck,
  describeIdentity,
  eventReceived,
  eventsReceived,
  fetchApi,
  mark,
  otherUser,
  pageConnections,
  pageRequest,
  pageShows,
  press,
  probeSocket,
  randomSessionId,
  refusedAfter,
  reloadedAfterLogin,
  signedCookie,
} from "#verify";
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

  async extra(ctx) {
    // A single-page app: a reload after login would open a new socket with the new cookie and hide
    // the bug (the socket opened before login) instead of fixing it.
    if (reloadedAfterLogin(ctx)) {
      return {
        fault: "PAGE_RELOADED_AFTER_LOGIN",
        seen: [`POST ${ctx.apiUrl}/login → ${ctx.obs.login?.status}`, "then the page reloaded itself (a new navigation of the page after the login answered)"],
      };
    }

    // The page of a visitor has no socket: the server would refuse it.
    const login = ctx.obs.login?.seq ?? Infinity;
    const early = ctx.wire.handshakes.find((h) => h.seq < login);
    if (early) {
      return {
        fault: "SOCKET_OPENED_FOR_A_VISITOR",
        seen: [`the page, loaded by a visitor, sent a Socket.IO handshake (${early.transport}) before the login`, ...(refusedAfter(ctx) ? [`the server refused it: connect_error "${refusedAfter(ctx)}"`] : [])],
      };
    }

    // Another user, logged in with a socket open: the push is not for them. (It also says its name
    // in its auth payload, so that an app that trusts the payload still lets it in: the auth probe
    // below is what catches that app.)
    const other = await otherUser(ctx, { sayName: true }).catch((err: Error) => err);
    if (other instanceof Error) return { fault: "NO_DECISION", seen: [other.message] };
    const overheard: unknown[] = [];
    other.socket.on("notification", (note: unknown) => overheard.push(note));
    try {
      // A push addressed to the user, asked for with the page's own Notify me button.
      const since = mark(ctx);
      await press(ctx, "notify");
      const request = await pageRequest(ctx, "/notify", since, PUSH_MS);
      const asked = `Notify me pressed on the logged-in page: ${request ? `POST ${ctx.apiUrl}/notify → ${request.status ?? request.failure}` : `no POST /notify within ${PUSH_MS / 1000} s`}`;
      const pushed = request?.status && request.status < 300 ? await eventReceived(ctx, "notification", since, PUSH_MS) : undefined;
      if (!pushed) {
        const events = eventsReceived(ctx, since);
        return {
          fault: "PUSH_NOT_DELIVERED",
          seen: [
            ...(ctx.obs.answer ? [`socket: whoami → user "${ctx.obs.answer.identity.user}" (the standard check passed)`] : []),
            asked,
            ...pageConnections(ctx),
            events.length ? `the page received only these events: ${events.join(", ")}` : `no 42["notification", …] packet reached the page within ${PUSH_MS / 1000} s`,
          ],
        };
      }

      // And the user sees it.
      const greeting = `Hello, ${ctx.username}!`;
      if (!(await pageShows(ctx, greeting, PUSH_MS))) {
        const note = pushed.packet.kind === "event" ? JSON.stringify(pushed.packet.args[0] ?? null).slice(0, 120) : "";
        return { fault: "NOTIFICATION_NOT_SHOWN", seen: [asked, `the page received 42["notification", ${note}]`, `the page does not show "${greeting}" within ${PUSH_MS / 1000} s`] };
      }

      // Only the user's own sockets get it: packets on one connection arrive in order, so once the
      // other user's socket has its answer to a whoami asked now, a push sent to it would have come first.
      await ask(other.socket, 2000, "whoami");
      if (overheard.length) {
        return {
          fault: "PUSH_REACHED_OTHERS",
          seen: [asked, `the page received 42["notification", …]`, `so did another user's socket ("${other.name}"): ${JSON.stringify(overheard[0]).slice(0, 120)}`],
        };
      }

      // Sockets that are not logged in: none at all, one whose cookie names no session (a session
      // that ended, a forged id), as a browser after logout would still send, and one that only
      // says who it is in the handshake's auth payload.
      const strangers = [
        { who: "a Socket.IO client with no cookie", cookie: undefined, auth: undefined },
        { who: "a Socket.IO client whose connect.sid names no stored session", cookie: signedCookie(randomSessionId(), ctx.secret), auth: undefined },
        { who: `a Socket.IO client with no cookie and auth { user, username, name: "${ctx.username}" }`, cookie: undefined, auth: { user: ctx.username, username: ctx.username, name: ctx.username } },
      ];
      const visitor = await fetchApi(ctx, "/notify", { method: "POST" });
      if (visitor.status < 400) return { fault: "NOTIFY_WITHOUT_LOGIN", seen: [`POST /notify with no cookie (from Node) → ${visitor.status}`] };

      for (const stranger of strangers) {
        const result = await probeSocket(ctx, { cookie: stranger.cookie, auth: stranger.auth });
        if (!result.connected) continue;
        return {
          fault: stranger.auth ? "CLIENT_IDENTITY_TRUSTED" : "ANONYMOUS_SOCKET_ACCEPTED",
          seen: [asked, `the page received 42["notification", …]`, `${stranger.who} (connected from Node) was accepted; ${result.whoami ? `whoami → ${describeIdentity(result.whoami)}` : "it connected"}`],
        };
      }
      return undefined;
    } finally {
      other.socket.disconnect();
    }
  },
});
