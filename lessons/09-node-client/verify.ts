// The standard check for the page, then the lesson's real subject: bot.ts, a Node client. It runs
// through a recording proxy, so the check sees what the server saw: the login's Set-Cookie, the
// Socket.IO handshake's Cookie header, and the server's answer to the connection. Then what the
// bot's user reads (it prints whom it connected as, and exits 0), and that the server still refuses
// a socket that is not logged in.
import { randomBytes } from "node:crypto";
import { decodeSessionCookie, defineCheck, describeProbe, exchangeOf, lastAnswer, lastHandshake, probeSocket, refusal, runNodeClient, sessionCookieFromHeader, short, type Finding } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson, {
  async extra(ctx) {
    const botUser = `bot-${randomBytes(3).toString("hex")}`;
    const run = await runNodeClient(ctx, "bot.ts", { env: { BOT_USER: botUser } });
    const seen: string[] = [`ran bot.ts with BOT_USER=${botUser}: ${run.timedOut ? "stopped after 10 s" : `exit code ${run.code}`}`];
    const printed = run.output.trim().split("\n").slice(-3).join(" / ");
    if (printed) seen.push(`bot.ts printed: ${printed}`);
    const fail = (fault: Finding["fault"], ...more: string[]): Finding => ({ fault, seen: [...seen, ...more] });

    const login = exchangeOf(run, "POST", "/login");
    if (!login) return fail("NODE_CLIENT_FAILED", "the bot never sent POST /login");
    const loginCookie = [login.responseHeaders?.["set-cookie"] ?? []].flat().map((c) => sessionCookieFromHeader(c.split(";")[0]))[0];
    seen.push(`POST /login → ${login.status}; Set-Cookie connect.sid=${loginCookie ? short(loginCookie, 24) : "(none)"}`);

    const handshake = lastHandshake(run);
    if (!handshake) return fail("NODE_CLIENT_FAILED", "the bot never made a Socket.IO handshake");
    const sent = sessionCookieFromHeader(String(handshake.requestHeaders.cookie ?? ""));
    seen.push(
      `handshake ${handshake.upgrade ? "WebSocket" : "GET"} ${handshake.url.pathname}?${handshake.url.searchParams} as the server saw it: ` +
        (sent ? `Cookie connect.sid=${short(sent, 24)}` : "no Cookie header"),
    );
    const refused = refusal(run);
    const refusedLine = refused !== undefined ? `the server answered connect_error ${JSON.stringify(refused)}` : "";
    if (!sent) return fail("NODE_CLIENT_COOKIE_MISSING", ...(refusedLine ? [refusedLine] : []));

    const sid = decodeSessionCookie(sent, ctx.secret);
    const loginSid = loginCookie ? decodeSessionCookie(loginCookie, ctx.secret) : undefined;
    if (!sid.ok || !loginSid?.ok || sid.sid !== loginSid.sid) return fail("NODE_CLIENT_COOKIE_MISSING", "the handshake's connect.sid is not the session the login created");
    const me = lastAnswer(run) as { user?: string | null } | undefined;
    if (me?.user === botUser) {
      // What the bot's user reads: its report, and its exit code.
      if (!run.output.includes(`connected as ${botUser}`) || run.code !== 0) return fail("NODE_CLIENT_FAILED", `whoami answered "${botUser}", and the bot must say so: print "connected as ${botUser}" and exit with code 0`);
      // The server's comment: only logged-in users may open a socket.
      const stranger = await probeSocket(ctx, {});
      if (stranger.connected) return fail("ANONYMOUS_SOCKET_ACCEPTED", `a Socket.IO client with no cookie (from Node) was accepted: ${describeProbe(stranger)}`);
      return undefined;
    }
    if (refused !== undefined) return fail("SOCKET_REJECTED", refusedLine);
    return fail("NODE_CLIENT_FAILED", me ? `whoami answered user ${JSON.stringify(me.user)}, not "${botUser}"` : "no whoami answer reached the bot");
  },
});
