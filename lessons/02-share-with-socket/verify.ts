// The standard check, then the very first socket of a freshly started server must know its session
// too: a middleware handed to Socket.IO late (inside io.on("connection")) misses that handshake, and
// the page's own sockets cannot show it, since its socket from before the login comes first. A
// second socket tells late from never: only a late middleware serves it.
import { randomBytes } from "node:crypto";
import { defineCheck, describeProbe, logIn, probeSocket, startInstance } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx) {
    const fresh = await startInstance(ctx);
    try {
      const login = await logIn(fresh.apiUrl, `first-${randomBytes(3).toString("hex")}`);
      const seen = [`a freshly started instance of server.ts (port ${new URL(fresh.apiUrl).port}), from Node: ${login.line}`];
      if (!login.cookie) return { fault: "NO_DECISION", seen: [...seen, "it set no session cookie"] };
      const first = await probeSocket(fresh.apiUrl, { cookie: login.cookie, path: ctx.socketPath });
      seen.push(`its first socket ever, with that cookie: ${describeProbe(first)}`);
      if (first.whoami?.user === login.name) return undefined;
      // Late, or never? A second socket tells: one registered late serves every later socket.
      const second = await probeSocket(fresh.apiUrl, { cookie: login.cookie, path: ctx.socketPath });
      seen.push(`its second socket, with the same cookie: ${describeProbe(second)}`);
      return { fault: second.whoami?.user === login.name ? "SOCKET_SESSION_LATE" : "SOCKET_SESSION_MISSING", seen };
    } finally {
      await fresh.stop();
    }
  },
});
