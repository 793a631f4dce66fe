// Standard check, with one refinement: this app looks sessions up itself (sessionFromCookie in
// server.ts), so a socket that carried the cookie HTTP accepted and still has no session, or was
// refused, means that lookup failed. Once the real cookie works, the check proves from outside,
// with handshakes and requests a browser would never send, that the lookup is also safe:
//   - the real session id with a wrong signature is not the user       TAMPERED_COOKIE_ACCEPTED
//   - the bare id, "s:<id>" with no signature, or the signed value
//     marked "j:" instead of "s:" is not the user                       UNSIGNED_COOKIE_ACCEPTED
//   - a session id in the handshake's auth payload is ignored           CLIENT_SESSION_ID_TRUSTED
//   - a signed cookie for an unknown id is anonymous or refused, fast   UNKNOWN_SESSION_MISHANDLED
//   - a value cut short mid-escape (decoding throws) is anonymous, or
//     refused with a reason, fast                                       MALFORMED_COOKIE_MISHANDLED
//   - the admin lookup finds the user from the browser's own cookie     ADMIN_LOOKUP_FAILED
//   - a cookie signed with the previous secret (the app is given one, as after a rotation) is still
//     the user, for the socket and the lookup as for express-session   PREVIOUS_SECRET_REFUSED
//   - a user whose signature holds "+" or "/" (%2B, %2F in the header: most users) is found too,
//     so a lookup that decodes only the "s%3A" prefix fails            COOKIE_LOOKUP_FAILED
// Then the admin tools, as their users rely on them:
//   - a visitor (no cookie) gets 401 from GET /admin/online and from
//     POST /admin/lookup, with JSON { "error" }                        ADMIN_WITHOUT_LOGIN (answered),
//                                                                      API_ANSWER_BROKEN (no 401 { error })
//   - a lookup with no body or an empty value answers a 4xx, one for a
//     signed cookie of an unknown id 404, each with JSON { "error" }   API_ANSWER_BROKEN,
//                                                                      SERVER_CODE_ERROR (it threw)
//   - the page is reloaded with its socket held back; once it has looked at /admin/online, another
//     user connects in two tabs, and two visitors (no cookie; only another app's cookie):
//     a visitor's socket is anonymous, or refused on purpose           SOCKET_REFUSED_BY_CRASH
//     GET /admin/online lists each user once, and no visitor (null)    ONLINE_LIST_WRONG
//   - the page's Admin box, used as a user would:                      ADMIN_PAGE_WRONG
//     once its socket connects, "Online now" shows both users, once each, no blanks; the lookup form
//     shows 200 and the session for the browser's own cookie pasted with spaces around it, the status
//     and { "error" } for a value cut short (an HTML error page too), 404 and { "error" } for an
//     unknown session; a visitor's page (a browser context of its own) shows "(log in to see)"
import { randomBytes } from "node:crypto";
import {
  connectAs,
  defineCheck,
  describeProbe,
  fetchApi,
  logIn,
  mark,
  pageRequest,
  pageSocketAfter,
  pageTextOf,
  probeSocket,
  randomSessionId,
  reloadWithSocketHeld,
  serverLog,
  short,
  showCookie,
  signedCookie,
  submitForm,
  visitorPage,
  type Finding,
  type Socket,
} from "#verify";
import lesson from "./lesson.ts";

/** How long the page is given to show what the API answered it. */
const PAGE_MS = 3000;

export default defineCheck(lesson, {
  refine(finding) {
    if (finding.fault !== "SOCKET_SESSION_MISSING" && finding.fault !== "SOCKET_REJECTED") return finding;
    const carried = finding.seen.some((line) => line.includes("carried connect.sid="));
    return carried ? { ...finding, fault: "COOKIE_LOOKUP_FAILED" } : finding;
  },

  async extra(ctx) {
    // A visitor's page (a browser that never logged in), opened now and read at the end: what its
    // Admin box says under "Online now".
    const visitorSees = visitorPage(ctx)
      .then(async (visitor) => {
        try {
          return await pageTextOf({ ...ctx, page: visitor.page }, "online", (text) => text.includes("(log in to see)") || !["…", ""].includes(text.trim()), PAGE_MS);
        } finally {
          await visitor.close();
        }
      })
      .catch((err: Error) => err);
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
      // A lookup that never answers fails at once, rather than at every lookup after it.
      const hung = res.status === 0 ? fail("API_ANSWER_BROKEN", line, "POST /admin/lookup gave no answer: every request gets one, if only an error") : undefined;
      return { res, line, hung, found: isTheUser(res.json as { sessionId?: unknown; user?: unknown } | undefined) };
    };
    // An answer's body on one line: an HTML error page (Express's default) by its text.
    const oneLine = (body: string) => short(body.replace(/<[^>]*>/g, " ").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, " ").trim(), 160) || "(empty)";
    const errorOf = (json: unknown) => {
      const error = (json as { error?: unknown } | undefined)?.error;
      return typeof error === "string" && error.trim() ? error : undefined;
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
    if (tamperedLookup.hung) return tamperedLookup.hung;
    if (tamperedLookup.found) {
      return fail("TAMPERED_COOKIE_ACCEPTED", `${tamperedLookup.line} (the real session id, signed with another secret)`, await httpVerdict(tampered));
    }
    seen.push(tamperedLine);

    // 2. No signature at all: the bare id, and "s:<id>" with nothing after it.
    for (const [unsigned, what] of [
      [ctx.sessionId, "the bare session id"],
      [encodeURIComponent(`s:${ctx.sessionId}`), `"s:" and the session id, no signature`],
      [`j${ctx.cookie.slice(1)}`, `the real signed value marked "j:" instead of "s:", which to express-session is no signed cookie`],
    ] as const) {
      const probe = await probeSocket(ctx, { cookie: unsigned });
      const line = `socket handshake with Cookie: connect.sid=${showCookie(unsigned)} (${what}) → ${describeProbe(probe)}`;
      if (isTheUser(probe.whoami)) return fail("UNSIGNED_COOKIE_ACCEPTED", line, await httpVerdict(unsigned));
      const found = await lookup(unsigned);
      if (found.hung) return found.hung;
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

    // 4b. A value that is not even valid URL encoding (a cookie cut short in the middle of an
    //     escape): decoding it throws. Anonymous, or refused with a reason, promptly.
    const broken = `${ctx.cookie.slice(0, 24)}%2`;
    const brokenProbe = await probeSocket(ctx, { cookie: broken });
    const brokenLine = `socket handshake with Cookie: connect.sid=${broken} (cut short in the middle of a %-escape: not valid URL encoding) → ${describeProbe(brokenProbe)}`;
    const brokenAlive = await request("/me");
    if (brokenAlive.status === 0) return fail("MALFORMED_COOKIE_MISHANDLED", brokenLine, `then GET /me → ${brokenAlive.body}`);
    if (brokenProbe.connected ? brokenProbe.whoami?.user !== null : brokenProbe.timedOut || !brokenProbe.error?.trim()) {
      const why = brokenProbe.connected
        ? brokenProbe.whoami ? "a value no secret verifies is no session: whoami must answer user null" : "the socket connected but never answered whoami"
        : brokenProbe.timedOut ? "the handshake was left without an answer: the lookup's error never reached next()" : "the refusal gives no reason: its message is empty";
      return fail("MALFORMED_COOKIE_MISHANDLED", brokenLine, why);
    }
    seen.push(brokenLine);

    // 5. The admin lookup, given the browser's real cookie exactly as in its Cookie header.
    const real = await lookup(ctx.cookie);
    if (real.hung) return real.hung;
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
      if (found.hung) return found.hung;
      if ((found.res.json as { user?: unknown } | undefined)?.user !== name) return fail("COOKIE_LOOKUP_FAILED", line, `${found.line} (that user's cookie)`);
      seen.push(line);
      break;
    }

    // 7. A cookie from before a secret rotation: signed with PREVIOUS_SESSION_SECRET. (An app that
    //    does not accept it at all, over HTTP either, has nothing to compare.)
    const rotated = signedCookie(ctx.sessionId, ctx.previousSecret);
    const http = await request("/me", { cookie: rotated });
    if ((http.json as { user?: unknown } | undefined)?.user === ctx.username) {
      const what = "the real session id, signed with PREVIOUS_SESSION_SECRET";
      seen.push(`GET /me with Cookie: connect.sid=${showCookie(rotated)} (${what}) → ${short(http.body.trim(), 160)}: express-session accepts it`);
      const rotatedSocket = await probeSocket(ctx, { cookie: rotated });
      const rotatedLine = `socket handshake with that cookie → ${describeProbe(rotatedSocket)}`;
      if (!isTheUser(rotatedSocket.whoami)) return fail("PREVIOUS_SECRET_REFUSED", rotatedLine);
      const rotatedLookup = await lookup(rotated);
      if (rotatedLookup.hung) return rotatedLookup.hung;
      if (!rotatedLookup.found) return fail("PREVIOUS_SECRET_REFUSED", rotatedLine, `${rotatedLookup.line} (${what})`);
    }

    // The admin tools: from here on, what they promise their users.
    const admin: string[] = [];
    const failAdmin = (fault: Finding["fault"], ...lines: string[]): Finding => ({ fault, seen: [`"${ctx.username}" is logged in in the browser`, ...admin, ...lines] });

    // 8. A visitor (no cookie) may use neither admin route: 401, and JSON that says why.
    for (const [path, what, init] of [
      ["/admin/online", "GET /admin/online", {}],
      ["/admin/lookup", `POST /admin/lookup {"cookie":"${showCookie(ctx.cookie)}"} (the browser's own cookie value)`, { method: "POST", body: { cookie: ctx.cookie } }],
    ] as const) {
      const res = await request(path, init);
      const line = `${what} with no cookie (a visitor) → ${res.status} ${oneLine(res.body)}`;
      if (res.status === 0) return failAdmin("API_ANSWER_BROKEN", line, "every request gets an answer, if only an error");
      if (res.status < 400) return failAdmin("ADMIN_WITHOUT_LOGIN", line, "the admin routes are for logged-in users: a visitor must get 401");
      if (res.status !== 401 || !errorOf(res.json)) {
        return failAdmin("API_ANSWER_BROKEN", line, 'a visitor is refused with 401 and JSON { "error": <why> }, for the page to show');
      }
      admin.push(line);
    }

    // 9. A lookup that names no session: no body, an empty value, a signed cookie for an unknown
    //    id. A 4xx (404 for the unknown id) with JSON that says why; never a crash.
    const log = serverLog(ctx);
    const unknownValue = signedCookie(randomSessionId(), ctx.secret);
    for (const [what, init, wanted] of [
      ["with no body", { method: "POST", cookie: ctx.cookie }, "a 4xx"],
      ['{"cookie":""}', { method: "POST", cookie: ctx.cookie, body: { cookie: "" } }, "a 4xx"],
      [`{"cookie":"${showCookie(unknownValue)}"} (signed with the server's secret, but no such session)`, { method: "POST", cookie: ctx.cookie, body: { cookie: unknownValue } }, "404"],
    ] as const) {
      const res = await request("/admin/lookup", init);
      const line = `POST /admin/lookup ${what}, logged in → ${res.status} ${oneLine(res.body)}`;
      if (res.status === 0) return failAdmin("API_ANSWER_BROKEN", line, "every request gets an answer, if only an error");
      if (res.status >= 500) {
        const printed = await log.waitFor(/\b(TypeError|ReferenceError)\b/, 500);
        if (printed) return failAdmin("SERVER_CODE_ERROR", line, `the server printed: ${short(printed, 200)}`);
      }
      const right = wanted === "404" ? res.status === 404 : res.status >= 400 && res.status < 500;
      if (!right || !errorOf(res.json)) {
        return failAdmin("API_ANSWER_BROKEN", line, `a value that names no session is answered ${wanted} with JSON { "error": <why> }, for the page to show`);
      }
      admin.push(line);
    }

    // 10. Who is online, on the page and in the API. The page is reloaded with its socket held
    //     back; once its first look at /admin/online is answered, another user connects in two
    //     tabs and two visitors connect (one with no cookie, one with only another site's cookie);
    //     then the page's socket connects, and the page must look again: each user once, no blanks.
    const other = await logIn(ctx, `colleague-${randomBytes(3).toString("hex")}`);
    if (!other.cookie) return failAdmin("NO_DECISION", other.line);
    const names = [ctx.username, other.name];
    const sockets: Socket[] = [];
    try {
      const held = await reloadWithSocketHeld(ctx);
      const firstLook = await pageRequest(ctx, "/admin/online", held.since, PAGE_MS);
      admin.push(`the page reloaded with its socket held back; its first GET /admin/online → ${firstLook ? (firstLook.status ?? firstLook.failure) : `none within ${PAGE_MS / 1000} s`}`);
      // Nobody else is online now (the page's own socket waits), so the list is likely empty, and
      // "Online now" says so in words. (The reloaded page's old socket may still be listed: any text
      // will do here, but not a blank.)
      const first = firstLook?.status === 200 ? await pageTextOf(ctx, "online", (text) => text !== "…", PAGE_MS) : undefined;
      if (first !== undefined && !first.trim()) {
        return failAdmin("ADMIN_PAGE_WRONG", `the page then shows: Online now: ${JSON.stringify(first)}`, 'an empty list shows "(nobody)": a blank says nothing');
      }
      const connected = mark(ctx);
      const socketLog = serverLog(ctx);
      for (const [who, options] of [
        [`"${other.name}"'s first tab`, { cookie: other.cookie }],
        [`"${other.name}"'s second tab`, { cookie: other.cookie }],
        ["a visitor's socket (no cookie)", {}],
        ['a visitor\'s socket whose only cookie is another app\'s ("theme=dark")', { cookieHeader: "theme=dark" }],
      ] as const) {
        const socket = await connectAs(ctx, { ...options, direct: true }).catch((err: Error) => err);
        if (!(socket instanceof Error)) {
          sockets.push(socket);
          continue;
        }
        const line = `${who}, connected from Node → refused (${socket.message})`;
        if ("cookie" in options) return failAdmin("COOKIE_LOOKUP_FAILED", line);
        const printed = await socketLog.waitFor(/\b(TypeError|ReferenceError)\b/, 500);
        if (printed || /TypeError|Cannot read propert|is not a function|is not defined/.test(socket.message)) {
          return failAdmin("SOCKET_REFUSED_BY_CRASH", line, ...(printed ? [`the server printed: ${short(printed, 200)}`] : []), "a visitor has no session: the lookup must say so (null), not trip over it");
        }
        admin.push(`${line}: refused on purpose`);
      }
      admin.push(`then "${other.name}" connected in two tabs, and two visitors' sockets`);
      await held.release();
      // A page whose socket did not wait (it starts on WebSocket) connected before the others.
      const early = ctx.wire.packets.some((p) => p.seq > held.since && p.seq < connected && p.dir === "received" && p.packet.kind === "connect");
      const expected = early ? [ctx.username] : names;
      // The page's socket connects (the panel asks whoami once it has): from then on, all are online.
      await pageSocketAfter(ctx, held.since, PAGE_MS);
      const online = await request("/admin/online", { cookie: ctx.cookie });
      const onlineLine = `GET /admin/online, logged in → ${online.status} ${oneLine(online.body)}`;
      const list = (online.json as { online?: unknown } | undefined)?.online;
      if (online.status !== 200 || !Array.isArray(list)) return failAdmin("ONLINE_LIST_WRONG", onlineLine, 'the answer is 200 { "online": [<user names>] }');
      const odd = list.filter((entry) => typeof entry !== "string" || !entry.trim());
      if (odd.length) return failAdmin("ONLINE_LIST_WRONG", onlineLine, `${JSON.stringify(odd[0])} is no user: a visitor's socket has no user, and is not listed`);
      if (new Set(list).size !== list.length) return failAdmin("ONLINE_LIST_WRONG", onlineLine, `a user with two tabs is listed twice: each user is listed once`);
      const missing = names.filter((name) => !list.includes(name));
      if (missing.length) return failAdmin("ONLINE_LIST_WRONG", onlineLine, `${missing.map((name) => `"${name}"`).join(" and ")} ${missing.length > 1 ? "are" : "is"} online, and not listed`);
      admin.push(onlineLine);

      // The page looks again once its socket is connected: wait for what it shows then.
      const entries = (text: string) => text.split(",").map((name) => name.trim());
      const listsOnce = (list: unknown[]) => expected.every((name) => list.filter((entry) => entry === name).length === 1);
      const shownRight = (text: string) => listsOnce(entries(text)) && entries(text).every((e) => e && e !== "null" && e !== "undefined");
      const pageText = await pageTextOf(ctx, "online", (text) => shownRight(text) || (first !== undefined && text !== first), PAGE_MS);
      const pageLine = `the page then shows: Online now: ${pageText === undefined ? "(no #online element)" : JSON.stringify(pageText)}`;
      if (pageText === undefined || !shownRight(pageText)) {
        const want = expected.map((name) => `"${name}"`).join(" and ");
        return failAdmin("ADMIN_PAGE_WRONG", pageLine, `when its socket connects, the page looks again and shows who is online: ${want}, each once, with no blanks`);
      }
      admin.push(pageLine);
    } finally {
      for (const socket of sockets) socket.disconnect();
    }

    // 11. The lookup form, used as a support person would: the browser's own connect.sid pasted
    //     with spaces around it, then a value cut short in the middle of an escape, then a value
    //     that names no session. Each answer differs from the one before, so each must show anew.
    const answerShown = (text: string | undefined) => {
      const [, status, body = ""] = /^\s*(\d{3})\s+([\s\S]*)$/.exec(text ?? "") ?? [];
      try {
        return { status: Number(status), json: JSON.parse(body) as { sessionId?: unknown; user?: unknown; error?: unknown } | undefined };
      } catch {
        return { status: Number(status), json: undefined };
      }
    };
    for (const [value, what, right, want] of [
      [
        `  ${ctx.cookie}  `,
        "the browser's own connect.sid value, pasted with spaces around it",
        ({ status, json }: ReturnType<typeof answerShown>) => status === 200 && json?.sessionId === ctx.sessionId && json?.user === ctx.username,
        `200 {"sessionId":"${short(ctx.sessionId, 16)}","user":"${ctx.username}"}: the form sends the value without the spaces around it, and shows the status and the answer`,
      ],
      [
        `${ctx.cookie.slice(0, 24)}%2`,
        "a value cut short in the middle of a %-escape",
        ({ status, json }: ReturnType<typeof answerShown>) => status >= 400 && errorOf(json) !== undefined,
        'the status and the error, {"error": <why>}, whatever the answer is (JSON or an error page)',
      ],
      [
        unknownValue,
        "a signed cookie for a session that does not exist",
        ({ status, json }: ReturnType<typeof answerShown>) => status === 404 && errorOf(json) !== undefined,
        '404 and the answer, {"error": <why>}',
      ],
    ] as const) {
      const before = await pageTextOf(ctx, "lookup-result", () => true, 0);
      const submitted = await submitForm(ctx, "lookup-form", { "lookup-value": value });
      if (!submitted) return failAdmin("ADMIN_PAGE_WRONG", "the page has no lookup form (#lookup-form, with its input #lookup-value) to type a value into");
      const shown = await pageTextOf(ctx, "lookup-result", (text) => right(answerShown(text)) || (text !== before && text.trim() !== ""), PAGE_MS);
      const stale = shown !== undefined && shown === before && shown.trim() !== "" ? " (still the previous lookup's answer: nothing new was shown)" : "";
      const line = `Look up, with ${what} ("${showCookie(value)}"), shows: ${shown === undefined ? "(no #lookup-result element)" : JSON.stringify(short(shown.trim(), 200))}${stale}`;
      if (!right(answerShown(shown))) return failAdmin("ADMIN_PAGE_WRONG", line, `it should show ${want}`);
      admin.push(line);
    }

    // 12. A visitor's page: no admin data, and a word on why.
    const visitorText = await visitorSees;
    const visitorLine = `a visitor's page (a browser that never logged in) shows: Online now: ${visitorText instanceof Error ? `(the page did not open: ${visitorText.message.split("\n")[0]})` : visitorText === undefined ? "(no #online element)" : JSON.stringify(visitorText)}`;
    if (visitorText instanceof Error) return failAdmin("NO_DECISION", visitorLine);
    if (!visitorText?.includes("(log in to see)")) return failAdmin("ADMIN_PAGE_WRONG", visitorLine, 'it should show "(log in to see)": the page asks GET /me first, and a visitor is not sent to the admin routes');
    return undefined;
  },
});
