// Standard check against one instance of the server, then a second instance of the same server.ts
// beside it, as a load balancer runs them (same secret, same Redis, a port of its own): the
// browser's session must be logged in there too, over HTTP and over Socket.IO, and a login made on
// the second instance must be known to the first, and a logout there must end it on the first too
// (an instance that keeps its own copy of sessions read from Redis would still know the user).
import { randomBytes } from "node:crypto";
import { defineCheck, fetchApi, probeSocket, startInstance, type Finding } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx): Promise<Finding | undefined> {
    const seen: string[] = [];
    const notShared = (more: string): Finding => ({ fault: "SESSION_NOT_SHARED_BETWEEN_INSTANCES", seen: [...seen, more] });
    const user = (json: unknown) => (json as { user?: string | null } | undefined)?.user ?? null;

    const second = await startInstance(ctx);
    try {
      const first = new URL(ctx.apiUrl).port;
      const other = new URL(second.apiUrl).port;
      seen.push(`the browser logged in as "${ctx.username}" on the instance at port ${first}; a second instance of server.ts now runs at port ${other}, as a load balancer would run it`);

      const me = await fetchApi(second.apiUrl, "/me", { cookie: ctx.cookie });
      seen.push(`GET /me on the second instance with the browser's cookie → ${me.status} ${me.body.trim().slice(0, 160)}`);
      if (user(me.json) !== ctx.username) return notShared("the second instance does not know the session the first one made");

      const probe = await probeSocket(second.apiUrl, { cookie: ctx.cookie });
      const answer = probe.whoami ? JSON.stringify(probe.whoami) : (probe.error ?? "no answer");
      seen.push(`a socket to the second instance with the same cookie: whoami → ${answer}`);
      if (probe.whoami?.user !== ctx.username) return notShared("the second instance's socket does not see the session either");

      // And the other way round: a session made on the second instance is known to the first.
      const name = `other-${randomBytes(3).toString("hex")}`;
      const login = await fetchApi(second.apiUrl, "/login", { method: "POST", body: { username: name } });
      if (!login.sessionCookie) {
        return { fault: "NO_DECISION", seen: [...seen, `POST /login as "${name}" on the second instance set no session cookie: ${login.status} ${login.body.slice(0, 120)}`] };
      }
      const back = await fetchApi(ctx.apiUrl, "/me", { cookie: login.sessionCookie });
      seen.push(`"${name}" logged in on the second instance; GET /me on the first with that cookie → ${back.status} ${back.body.trim().slice(0, 160)}`);
      if (user(back.json) !== name) return notShared("the first instance does not know a session the second one made");

      const out = await fetchApi(second.apiUrl, "/logout", { method: "POST", cookie: login.sessionCookie });
      const after = await fetchApi(ctx.apiUrl, "/me", { cookie: login.sessionCookie });
      seen.push(`"${name}" logged out on the second instance (POST /logout → ${out.status}); GET /me on the first with that cookie → ${after.status} ${after.body.trim().slice(0, 160)}`);
      if (user(after.json) === name) return notShared("the first instance still knows a session that ended on the second");
      return undefined;
    } finally {
      await second.stop();
    }
  },
});
