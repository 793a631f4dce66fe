// The standard check (the socket's whoami names the user HTTP names), then what this app promises
// beyond it. Only a logged-in user's socket gets in: a socket with no cookie, one whose connect.sid
// names no stored session, and one that only says a name in its handshake's auth are refused; and
// another logged-in user who says the browser's name in its auth stays who its session says. A
// logout ends one session, not the user: the same user logged in from a second browser (a second
// session of the same Passport user) logs out there, and the browser's own sockets stay the user's.
import { randomBytes } from "node:crypto";
import {
  askWhoami,
  connectAs,
  defineCheck,
  describeIdentity,
  describeProbe,
  describeWhoami,
  disconnectedWithin,
  logIn,
  logOut,
  me,
  probeSocket,
  randomSessionId,
  refusedAfterHandshake,
  sessionCookieFromHeader,
  signedCookie,
  type Socket,
} from "#verify";
import lesson from "./lesson.ts";

const ACK_MS = 2000;
/** How long the server is given to end the sockets of the session that logged out. */
const DISCONNECT_MS = 500;

export default defineCheck(lesson, {
  // The handshake carried the session HTTP knows, and the socket has no user: it was refused, or
  // it answers as somebody else (the id Passport keeps in the session is no user).
  refine(finding, obs) {
    // The handshake got through, and the connection's next requests were refused: a guard on the
    // engine that runs on every request, where only the handshake has req.user.
    const later = finding.fault === "SOCKET_NO_ANSWER" ? refusedAfterHandshake(obs) : undefined;
    if (later) {
      return {
        fault: "GUARD_REFUSES_LATER_REQUESTS",
        seen: [
          ...finding.seen.filter((line) => !/^(no decisive socket evidence|a later request of the same connection)/.test(line)),
          `then the same connection's next request was refused: ${later.line}`,
          "the server let the handshake in, and refused the request that followed it on the same connection",
        ],
      };
    }
    const handshake = obs.answer?.handshake ?? obs.lastHandshake;
    const carried = sessionCookieFromHeader(handshake?.http?.requestHeaders["cookie"]);
    if (!carried) return finding;
    const refused =
      finding.fault === "SOCKET_REJECTED" || (finding.fault === "SOCKET_HANDSHAKE_FAILED" && handshake?.http?.status !== undefined && handshake.http.status >= 400);
    const wrongUser = finding.fault === "SOCKET_DATA_MISSING";
    if (!refused && !wrongUser) return finding;
    return {
      fault: "PASSPORT_USER_NOT_ON_SOCKET",
      seen: [
        ...finding.seen,
        refused
          ? `that handshake carried the connect.sid of the session HTTP knows as "${obs.username}", and the server refused the socket as if nobody were logged in`
          : `that socket has the session HTTP knows as "${obs.username}", and does not have its user`,
      ],
    };
  },

  async extra(ctx) {
    // passport-local checks the password: a wrong one logs nobody in.
    const guess = await logIn(ctx, `guesser-${randomBytes(3).toString("hex")}`, undefined, "not-the-password");
    const guessed = guess.cookie ? await me(ctx, guess.cookie) : undefined;
    // Refused as the client's mistake (4xx), not by a crash (5xx), and nobody logged in.
    if (guess.status === undefined || guess.status < 400 || guess.status >= 500 || guessed?.user) {
      return {
        fault: "WRONG_PASSWORD_ACCEPTED",
        seen: [`${guess.line} with a wrong password${guessed ? `; with the cookie it set, ${guessed.line}` : ""}`, "a login with a wrong password answers 4xx and logs nobody in"],
      };
    }

    // Sockets that are not logged in: refused at their handshake, as the app promises.
    const strangers = [
      { who: "a Socket.IO client with no cookie", cookie: undefined, auth: undefined },
      { who: "a Socket.IO client whose connect.sid names no stored session", cookie: signedCookie(randomSessionId(), ctx.secret), auth: undefined },
      { who: `a Socket.IO client with no cookie and auth { user, username, name: "${ctx.username}" }`, cookie: undefined, auth: { user: ctx.username, username: ctx.username, name: ctx.username } },
    ];
    for (const stranger of strangers) {
      const result = await probeSocket(ctx, { cookie: stranger.cookie, auth: stranger.auth, direct: true });
      if (!result.connected) continue;
      return {
        fault: stranger.auth && result.whoami?.user === ctx.username ? "CLIENT_IDENTITY_TRUSTED" : "ANONYMOUS_SOCKET_ACCEPTED",
        seen: [`${stranger.who} was accepted; ${result.whoami ? `whoami → ${describeIdentity(result.whoami)}` : "it connected"}`, "this app lets only logged-in users' sockets in"],
      };
    }

    // Another logged-in user whose handshake says it is the browser's user: its session says who it is.
    const intruder = await logIn(ctx, `intruder-${randomBytes(3).toString("hex")}`);
    if (!intruder.cookie) return { fault: "NO_DECISION", seen: [`${intruder.line}: no session cookie`] };
    const claims = { user: ctx.username, username: ctx.username, name: ctx.username };
    const claimed = await probeSocket(ctx, { cookie: intruder.cookie, auth: claims, direct: true });
    const claimedLine = `"${intruder.name}" logged in, and opened a socket with its cookie and auth { user, username, name: "${ctx.username}" }: ${describeProbe(claimed)}`;
    if (!claimed.connected) return { fault: "SOCKET_REJECTED", seen: [claimedLine, `a logged-in user's socket is let in, whatever its auth says`] };
    if (claimed.whoami?.user !== intruder.name) {
      return { fault: claimed.whoami?.user === ctx.username ? "CLIENT_IDENTITY_TRUSTED" : "USERS_MIXED", seen: [claimedLine, `that socket is "${intruder.name}": its session says so`] };
    }

    // The same user in a second browser: the same Passport user, another session.
    const sockets: Socket[] = [];
    try {
      const second = await logIn(ctx, ctx.username);
      if (!second.cookie) return { fault: "NO_DECISION", seen: [`${second.line}: no session cookie`] };
      const seen = [`"${ctx.username}" also logged in from a second browser: ${second.line}`];
      const there = await connectAs(ctx, { cookie: second.cookie, direct: true }).catch((err: Error) => err);
      if (there instanceof Error) return { fault: "SOCKET_REJECTED", seen: [...seen, `a socket with that browser's cookie was refused: ${there.message}`] };
      sockets.push(there);
      const here = await connectAs(ctx, { cookie: ctx.cookie, direct: true }).catch((err: Error) => err);
      if (here instanceof Error) return { fault: "SOCKET_REJECTED", seen: [...seen, `a socket with the first browser's cookie (another tab) was refused: ${here.message}`] };
      sockets.push(here);
      const before = await askWhoami(here, ACK_MS);
      if (before.me?.user !== ctx.username) return { fault: "NO_DECISION", seen: [...seen, `the first browser's other tab, before the logout: ${describeWhoami(before, ACK_MS)}`] };

      const out = await logOut(ctx, second.cookie);
      seen.push(`the second browser logged out: ${out.line}`);
      if (out.status === undefined || out.status >= 300) return { fault: "NO_DECISION", seen };
      const gone = await disconnectedWithin(there, DISCONNECT_MS);
      if (!gone) return { fault: "SOCKET_OUTLIVES_LOGOUT", seen: [...seen, `the second browser's socket was still connected ${DISCONNECT_MS} ms after its logout`] };
      seen.push(`the second browser's socket was disconnected (${gone})`);

      // Packets on one connection arrive in order: a disconnect sent with the other one would come before this answer.
      const after = await askWhoami(here, ACK_MS);
      const http = await me(ctx, ctx.cookie);
      seen.push(`the first browser, still logged in (${http.line}): its other tab's socket ${describeWhoami(after, ACK_MS)}`);
      if (http.user !== ctx.username) return { fault: "LOGOUT_ENDED_OTHER_SESSIONS", seen: [...seen, "logging out in one browser logged the user out in the other"] };
      if (after.me?.user !== ctx.username) return { fault: "LOGOUT_ENDED_OTHER_SESSIONS", seen: [...seen, "a logout ends its own session's sockets, not every socket of the user"] };
      return undefined;
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
  },
});
