// Standard check, plus a more precise name for one standard finding. In this app both session()
// calls get the same options, secret included. So when the socket's handshake carried the very
// cookie HTTP accepts (its signature verifies with SESSION_SECRET) and the socket still got a
// new, empty session, the store is what differs: every session() call without a `store` option
// creates its own MemoryStore, and express-session generates a new id when its store has none.
//
// No probe could tell "another store" from "another secret" from the outside. The socket side
// never saves a session (saveUninitialized: false, no handler writes one): with another store,
// that store stays empty; with another secret, it refuses every signature the verifier can make.
// Either way it answers every cookie a probe could send with a fresh session. The fault's text
// says so.
import { defineCheck } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  refine(finding, obs) {
    if (finding.fault !== "SOCKET_SESSION_MISMATCH" || !obs.answer || !obs.cookie) return finding;
    const header = obs.answer.handshake?.http?.requestHeaders["cookie"] ?? "";
    const carriedOwnCookie = header.split(/;\s*/).includes(`connect.sid=${obs.cookie.value}`);
    const fresh = obs.answer.identity.sessionId !== null && obs.answer.identity.user === null;
    if (!carriedOwnCookie || !fresh) return finding;
    return {
      fault: "SOCKET_STORE_MISMATCH",
      seen: [
        ...finding.seen,
        "that handshake carried the browser's own connect.sid, whose signature verifies with SESSION_SECRET, " +
          "yet the socket side answered with a new session id and no user",
      ],
    };
  },
});
