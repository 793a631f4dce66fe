// Standard check, plus one thing this app makes knowable: its socket side verifies the cookie
// itself (loadSession in server.ts) instead of running express-session. So when the handshake
// carried a cookie that HTTP accepted and the socket still found no session, the socket side's
// signature check disagrees with express-session's: a secret mismatch.
import { defineCheck } from "#verify";

export default defineCheck({
  refine(finding) {
    if (finding.fault !== "SOCKET_SESSION_MISSING") return finding;
    const carried = finding.seen.some((line) => line.includes("carried connect.sid="));
    return carried ? { ...finding, fault: "SOCKET_SECRET_MISMATCH" } : finding;
  },
});
