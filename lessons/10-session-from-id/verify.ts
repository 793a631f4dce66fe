// Standard check, with one refinement: this app looks sessions up itself (sessionFromCookie in
// server.ts), so a socket that carried the cookie HTTP accepted and still has no session, or was
// refused, means that lookup failed. Once the real cookie works, the check proves from outside,
// with handshakes and requests a browser would never send, that the lookup is also safe:
//   - the real session id with a wrong signature is not the user       TAMPERED_COOKIE_ACCEPTED
//   - the bare id, or "s:<id>" with no signature, is not the user       UNSIGNED_COOKIE_ACCEPTED
//   - a session id in the handshake's auth payload is ignored           CLIENT_SESSION_ID_TRUSTED
//   - a signed cookie for an unknown id is anonymous or refused, fast   UNKNOWN_SESSION_MISHANDLED
//   - the admin lookup finds the user from the browser's own cookie     ADMIN_LOOKUP_FAILED
//   - a cookie signed with the previous secret (the app is given one, as after a rotation) is still
//     the user, for the socket and the lookup as for express-session   PREVIOUS_SECRET_REFUSED
//   - a user whose signature holds "+" or "/" (%2B, %2F in the header: most users) is found too,
//     so a lookup that decodes only the "s%3A" prefix fails            COOKIE_LOOKUP_FAILED
import { defineCheck, describeProbe, fetchApi, probeSocket, randomSessionId, short, showCookie, signedCookie, type Finding } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  refine(finding) {
    if (finding.fault !== "SOCKET_SESSION_MISSING" && finding.fault !== "SOCKET_REJECTED") return finding;
    const carried = finding.seen.some((line) => line.includes("carried connect.sid="));
    return carried ? { ...finding, fault: "COOKIE_LOOKUP_FAILED" } : finding;
  },

  async extra(ctx) {
    const seen = [`"${ctx.username}" is logged in; the browser's cookie names session ${short(ctx.sessionId, 16)}`];
    const fail = (fault: Finding["fault"], ...lines: string[]): Finding => ({ fault, seen: [...seen, ...lines] });
    const isTheUser = (id: { sessionId?: unknown; user?: unknown } | undefined) =>
      id !== undefined && (id.user === ctx.username || id.sessionId === ctx.sessionId);

    // Node-side requests fail only if the server is gone; give the harness time to see the exit.
    const request = async (pathname: string, init: Parameters<typeof fetchApi>[2] = {}) => {
      try {
        return await fetchApi(ctx, pathname, init);
      } catch (err) {
        await ctx.wire.until(() => ctx.wire.stopped, 2000);
        return { status: 0, body: `no answer: ${(err as Error).message}`, json: undefined };
      }
    };
    const lookup = async (value: string) => {
      const res = await request("/admin/lookup", { method: "POST", cookie: ctx.cookie, body: { cookie: value } });
      const line = `POST /admin/lookup {"cookie":"${showCookie(value)}"} → ${res.status} ${short(res.body.trim(), 160)}`;
      return { res, line, found: isTheUser(res.json as { sessionId?: unknown; user?: unknown } | undefined) };
    };
    const httpVerdict = async (cookie: string) => {
      const me = await request("/me", { cookie });
      const refused = (me.json as { user?: unknown } | undefined)?.user === null;
      return `${refused ? "express-session itself refuses it: " : ""}GET /me with that cookie → ${short(me.body.trim(), 160)}`;
    };

    // 1. A forged signature on the real session id.
    const tampered = signedCookie(ctx.sessionId, "not-the-secret");
    const tamperedSocket = await probeSocket(ctx, { cookie: tampered });
    const tamperedLine = `socket handshake with Cookie: connect.sid=${showCookie(tampered)} (the real session id, signed with another secret) → ${describeProbe(tamperedSocket)}`;
    if (isTheUser(tamperedSocket.whoami)) {
      return fail("TAMPERED_COOKIE_ACCEPTED", tamperedLine, await httpVerdict(tampered));
    }
    const tamperedLookup = await lookup(tampered);
    if (tamperedLookup.found) {
      return fail("TAMPERED_COOKIE_ACCEPTED", `${tamperedLookup.line} (the real session id, signed with another secret)`, await httpVerdict(tampered));
    }
    seen.push(tamperedLine);

    // 2. No signature at all: the bare id, and "s:<id>" with nothing after it.
    for (const [unsigned, what] of [
      [ctx.sessionId, "the bare session id"],
      [encodeURIComponent(`s:${ctx.sessionId}`), `"s:" and the session id, no signature`],
    ] as const) {
      const probe = await probeSocket(ctx, { cookie: unsigned });
      const line = `socket handshake with Cookie: connect.sid=${showCookie(unsigned)} (${what}) → ${describeProbe(probe)}`;
      if (isTheUser(probe.whoami)) return fail("UNSIGNED_COOKIE_ACCEPTED", line, await httpVerdict(unsigned));
      const found = await lookup(unsigned);
      if (found.found) return fail("UNSIGNED_COOKIE_ACCEPTED", `${found.line} (${what})`, await httpVerdict(unsigned));
      seen.push(line);
    }

    // 3. A session id chosen by the client, in the handshake's auth payload or its query string, with no cookie.
    const ids = { sessionId: ctx.sessionId, sid: ctx.sessionId };
    for (const [how, options] of [
      [`auth ${JSON.stringify(ids)}`, { auth: ids }],
      // (Not "sid" in the query: that is Engine.IO's own connection id.)
      [`the query string ?sessionId=…`, { query: { sessionId: ctx.sessionId } }],
    ] as const) {
      const probe = await probeSocket(ctx, options);
      const line = `socket handshake with no cookie and the session id in ${how} → ${describeProbe(probe)}`;
      if (isTheUser(probe.whoami)) return fail("CLIENT_SESSION_ID_TRUSTED", line);
      seen.push(line);
    }

    // 4. A correctly signed cookie for a session the store does not have (logged out, expired).
    const unknown = signedCookie(randomSessionId(), ctx.secret);
    const unknownProbe = await probeSocket(ctx, { cookie: unknown });
    const unknownLine = `socket handshake with Cookie: connect.sid=${showCookie(unknown)} (signed with the server's secret, but no such session) → ${describeProbe(unknownProbe)}`;
    const alive = await request("/me");
    if (alive.status === 0) return fail("UNKNOWN_SESSION_MISHANDLED", unknownLine, `then GET /me → ${alive.body}`);
    const timedOut = !unknownProbe.connected && unknownProbe.timedOut === true;
    const noWhoami = unknownProbe.connected && unknownProbe.whoami === undefined;
    if (timedOut || noWhoami || (unknownProbe.whoami?.user ?? null) !== null) {
      return fail("UNKNOWN_SESSION_MISHANDLED", unknownLine);
    }
    seen.push(unknownLine);

    // 5. The admin lookup, given the browser's real cookie exactly as in its Cookie header.
    const real = await lookup(ctx.cookie);
    const answer = real.res.json as { sessionId?: unknown; user?: unknown } | undefined;
    if (real.res.status !== 200 || answer?.sessionId !== ctx.sessionId || answer?.user !== ctx.username) {
      return fail("ADMIN_LOOKUP_FAILED", `${real.line} (the browser's own connect.sid, URL-encoded as in its Cookie header)`);
    }
    seen.push(`${real.line} (the browser's own connect.sid)`);

    // 6. The browser's cookie is one random value; whether its signature needs decoding beyond
    //    "s%3A" is chance. Log in from Node until one does, and look that user up.
    for (let attempt = 0; attempt < 12; attempt++) {
      const name = `encoded-${attempt}-${ctx.sessionId.slice(0, 4)}`;
      const other = await request("/login", { method: "POST", body: { username: name } });
      const cookie = (other as { sessionCookie?: string }).sessionCookie;
      if (!cookie || !/%2B|%2F/i.test(cookie.slice(4))) continue;
      const probe = await probeSocket(ctx, { cookie });
      const line = `"${name}" logged in from Node; socket handshake with its cookie connect.sid=${showCookie(cookie)} (its signature URL-encoded beyond "s%3A") → ${describeProbe(probe)}`;
      if (probe.whoami?.user !== name) return fail("COOKIE_LOOKUP_FAILED", line);
      const found = await lookup(cookie);
      if ((found.res.json as { user?: unknown } | undefined)?.user !== name) return fail("COOKIE_LOOKUP_FAILED", line, `${found.line} (that user's cookie)`);
      seen.push(line);
      break;
    }

    // 7. A cookie from before a secret rotation: signed with PREVIOUS_SESSION_SECRET.
    const rotated = signedCookie(ctx.sessionId, ctx.previousSecret);
    const http = await request("/me", { cookie: rotated });
    if ((http.json as { user?: unknown } | undefined)?.user !== ctx.username) return undefined; // the app does not accept it at all: nothing to compare
    const what = "the real session id, signed with PREVIOUS_SESSION_SECRET";
    seen.push(`GET /me with Cookie: connect.sid=${showCookie(rotated)} (${what}) → ${short(http.body.trim(), 160)}: express-session accepts it`);
    const rotatedSocket = await probeSocket(ctx, { cookie: rotated });
    const rotatedLine = `socket handshake with that cookie → ${describeProbe(rotatedSocket)}`;
    if (!isTheUser(rotatedSocket.whoami)) return fail("PREVIOUS_SECRET_REFUSED", rotatedLine);
    const rotatedLookup = await lookup(rotated);
    if (!rotatedLookup.found) return fail("PREVIOUS_SECRET_REFUSED", rotatedLine, `${rotatedLookup.line} (${what})`);
    return undefined;
  },
});
