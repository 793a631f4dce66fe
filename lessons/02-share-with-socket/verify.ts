// Standard check (verify/scenario.ts + verify/diagnose.ts): after logging in on the page, the
// connect.sid cookie, GET /me and the socket's whoami answer must name the same session with the
// same user. Then the very first socket of a freshly started server must know its session too:
// a middleware handed to Socket.IO late (inside io.on("connection")) misses that handshake, and
// the page's own sockets cannot show it, since its socket from before the login comes first.
import { randomBytes } from "node:crypto";
import { defineCheck, fetchApi, probeSocket, startInstance, type Finding } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    const fresh = await startInstance(ctx);
    try {
      const name = `first-${randomBytes(3).toString("hex")}`;
      const login = await fetchApi(fresh.apiUrl, "/login", { method: "POST", body: { username: name } });
      const seen = [`a freshly started instance of server.ts (port ${new URL(fresh.apiUrl).port}): POST /login as "${name}" from Node → ${login.status}`];
      if (!login.sessionCookie) return { fault: "NO_DECISION", seen: [...seen, "it set no session cookie"] };
      const probe = await probeSocket(fresh.apiUrl, { cookie: login.sessionCookie });
      seen.push(`its first socket ever, with that cookie: ${probe.whoami ? `whoami → user ${JSON.stringify(probe.whoami.user)}` : (probe.error ?? "no answer")}`);
      return probe.whoami?.user === name ? undefined : { fault: "SOCKET_SESSION_LATE", seen };
    } finally {
      await fresh.stop();
    }
  },
});
