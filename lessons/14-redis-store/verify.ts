// Standard check against one instance of the server, then a second instance of the same server.ts
// beside it, as a load balancer runs them (same secret, same Redis, a port of its own): the
// browser's session must be logged in there too, over HTTP and over Socket.IO, and a login made on
// the second instance must be known to the first, and a logout there must end it on the first too
// (an instance that keeps its own copy of sessions read from Redis would still know the user). The
// login statistics (GET /stats), kept in Redis too, count a login on either instance.
import { randomBytes } from "node:crypto";
import { defineCheck, describeProbe, logIn, loginStats, logOut, me, probeSocket, startInstance } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx) {
    const seen: string[] = [];
    const notShared = (more: string) => ({ fault: "SESSION_NOT_SHARED_BETWEEN_INSTANCES", seen: [...seen, more] });

    const second = await startInstance(ctx);
    try {
      const [first, other] = [new URL(ctx.apiUrl).port, new URL(second.apiUrl).port];
      seen.push(`the browser logged in as "${ctx.username}" on the instance at port ${first}; a second instance of server.ts now runs at port ${other}, as a load balancer would run it`);

      const there = await me(second.apiUrl, ctx.cookie);
      seen.push(`on the second instance, with the browser's cookie, ${there.line}`);
      if (there.user !== ctx.username) return notShared("the second instance does not know the session the first one made");

      const probe = await probeSocket(second.apiUrl, { cookie: ctx.cookie, path: ctx.socketPath });
      seen.push(`a socket to the second instance with the same cookie: ${describeProbe(probe)}`);
      if (probe.whoami?.user !== ctx.username) return notShared("the second instance's socket does not see the session either");

      // And the other way round: a session made on the second instance is known to the first,
      // and a logout there ends it on the first too. The login counts in the shared statistics.
      const before = await loginStats(ctx.apiUrl);
      const login = await logIn(second.apiUrl, `other-${randomBytes(3).toString("hex")}`);
      if (!login.cookie) return { fault: "NO_DECISION", seen: [...seen, `on the second instance, ${login.line}: no session cookie`] };
      const counted = await loginStats(ctx.apiUrl);
      if (before.logins === undefined || before.logins < 1 || counted.logins !== before.logins + 1) {
        return {
          fault: "LOGINS_NOT_COUNTED",
          seen: [...seen, `on the first instance, after the browser's login, ${before.line}`, `"${login.name}" logged in on the second instance; on the first, ${counted.line}`, "every login, on any instance, counts once"],
        };
      }
      const back = await me(ctx, login.cookie);
      seen.push(`"${login.name}" logged in on the second instance; on the first, with that cookie, ${back.line}`);
      if (back.user !== login.name) return notShared("the first instance does not know a session the second one made");

      const out = await logOut(second.apiUrl, login.cookie);
      const after = await me(ctx, login.cookie);
      seen.push(`"${login.name}" logged out on the second instance (${out.line}); on the first, with that cookie, ${after.line}`);
      if (after.user === login.name) return notShared("the first instance still knows a session that ended on the second");
      return undefined;
    } finally {
      await second.stop();
    }
  },
});
