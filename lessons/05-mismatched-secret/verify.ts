// Standard check, plus what this app makes knowable: its socket side verifies the cookie itself
// (loadSession in server.ts) instead of running express-session.
//   - When the handshake carried a cookie that HTTP accepted and the socket still found no session,
//     the socket side's signature check disagrees with express-session's: a secret mismatch.
//   - Once the real cookie works, that check must still refuse what express-session refuses: the
//     real session id with a forged signature, and the id with no signature at all (with or without
//     "s:"). A socket side that skips `unsign()`, or falls back to the bare id, would accept them.
import { defineCheck, probeSocket, short, signedCookie } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  refine(finding) {
    if (finding.fault !== "SOCKET_SESSION_MISSING") return finding;
    const carried = finding.seen.some((line) => line.includes("carried connect.sid="));
    return carried ? { ...finding, fault: "SOCKET_SECRET_MISMATCH" } : finding;
  },

  async extra(ctx) {
    const sid = short(ctx.sessionId);
    const probes = [
      { fault: "TAMPERED_COOKIE_ACCEPTED", cookie: signedCookie(ctx.sessionId, "not-the-secret"), what: `s:${sid}.<a signature made with another secret>` },
      // The app's development default is public: a socket side that still accepts it can be forged.
      { fault: "TAMPERED_COOKIE_ACCEPTED", cookie: signedCookie(ctx.sessionId, "keyboard cat"), what: `s:${sid}.<a signature made with the development default "keyboard cat">` },
      { fault: "UNSIGNED_COOKIE_ACCEPTED", cookie: encodeURIComponent(`s:${ctx.sessionId}`), what: `s:${sid} with no signature` },
      // cookie-parser's signedCookie(), copied from old answers, passes a value without "s:" through.
      { fault: "UNSIGNED_COOKIE_ACCEPTED", cookie: ctx.sessionId, what: `the bare session id ${sid}` },
    ] as const;
    for (const probe of probes) {
      const result = await probeSocket(ctx, { cookie: probe.cookie });
      if (result.whoami?.user !== ctx.username) continue;
      return {
        fault: probe.fault,
        seen: [
          `"${ctx.username}" is logged in; the browser's cookie names session ${sid}`,
          `a socket from Node whose connect.sid is ${probe.what} → whoami → user "${result.whoami!.user}"`,
        ],
      };
    }
    return undefined;
  },
});
