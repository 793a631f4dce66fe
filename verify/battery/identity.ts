// Identity comes only from a verified session: a socket that proves nothing must not act as a user.
// Each item logs in a user of its own and then knocks with what a client can make up: the user's
// session id with a forged signature, with none, signed with a secret from the documentation, or a
// session id or a user name said in the handshake's auth, its query string or its headers. And the
// real cookie among other cookies must still be read: an app that parses the Cookie header by hand
// gets that wrong.
import type { CheckContext, Finding } from "../kit/check.ts";
import { randomSessionId, signedCookie } from "../kit/cookies.ts";
import { short, showCookie } from "../kit/describe.ts";
import { me } from "../kit/http.ts";
import { describeProbe, probeSocket, type ProbeResult, type SocketOptions } from "../kit/sockets.ts";
import { freshUser, isUser, type FreshUser } from "./fresh.ts";
import type { BatteryItem } from "./item.ts";

/** Secrets that documentation, tutorials and templates print; an app must never verify with one. */
export const WELL_KNOWN_SECRETS = ["keyboard cat", "secret", "changeme"];

interface Knock {
  what: string;
  options: SocketOptions;
}

/** Knocks in parallel; the first that acts as the user, with its answer. */
async function firstAccepted(ctx: CheckContext, user: FreshUser, knocks: Knock[]): Promise<{ knock: Knock; result: ProbeResult } | undefined> {
  const results = await Promise.all(knocks.map((knock) => probeSocket(ctx, { ...knock.options, direct: true })));
  const i = results.findIndex((result) => isUser(result.whoami, user));
  return i < 0 ? undefined : { knock: knocks[i]!, result: results[i]! };
}

/**
 * The finding for a knock that acted as the user, once a control rules out the other cause: when a
 * socket with no cookie and no claim at all is the user too, the app takes identity from something
 * every connection shares (a "current user" variable), not from what this knock sent.
 */
async function accepted(ctx: CheckContext, fault: string, user: FreshUser, hit: { knock: Knock; result: ProbeResult }, ...more: string[]): Promise<Finding> {
  const seen = [`"${user.name}" logged in from Node; its session is ${short(user.sessionId)}`, `a socket from Node with ${hit.knock.what} → ${describeProbe(hit.result)}`];
  const control = await probeSocket(ctx, { direct: true });
  if (isUser(control.whoami, user)) {
    return { fault: "USERS_MIXED", seen: [...seen, `so is a socket with no cookie and no claim at all: ${describeProbe(control)}`, "the socket's user comes from something every connection shares, not from its own session"] };
  }
  return { fault, seen: [...seen, ...more] };
}

const forged: BatteryItem = {
  id: "identity.forged-signature",
  tries: "the user's session id with a signature made with another secret",
  async run(ctx) {
    const user = await freshUser(ctx, "forged");
    const cookie = signedCookie(user.sessionId, "not-the-secret");
    const hit = await firstAccepted(ctx, user, [{ what: `connect.sid=${showCookie(cookie)} (the real session id, signed with another secret)`, options: { cookie } }]);
    if (hit) return accepted(ctx, "TAMPERED_COOKIE_ACCEPTED", user, hit);
    const http = await me(ctx, cookie);
    if (isUser(http, user)) return { fault: "TAMPERED_COOKIE_ACCEPTED", seen: [`"${user.name}" logged in from Node`, `with connect.sid=${showCookie(cookie)} (signed with another secret), ${http.line}`] };
    return undefined;
  },
};

const wellKnown: BatteryItem = {
  id: "identity.well-known-secret",
  tries: "the user's session id signed with secrets that documentation prints (\"keyboard cat\", …)",
  async run(ctx) {
    const user = await freshUser(ctx, "known");
    const knocks = WELL_KNOWN_SECRETS.filter((secret) => secret !== ctx.secret).map((secret) => ({
      what: `connect.sid signed with ${JSON.stringify(secret)} (a secret from documentation and templates)`,
      options: { cookie: signedCookie(user.sessionId, secret) },
    }));
    const hit = await firstAccepted(ctx, user, knocks);
    return hit && accepted(ctx, "WELL_KNOWN_SECRET_ACCEPTED", user, hit, "the server runs with a random SESSION_SECRET; a secret anyone can read in a README is no secret");
  },
};

const unsigned: BatteryItem = {
  id: "identity.unsigned",
  tries: "the user's session id with no signature (bare, and after \"s:\")",
  async run(ctx) {
    const user = await freshUser(ctx, "unsigned");
    const hit = await firstAccepted(ctx, user, [
      { what: `connect.sid=${short(user.sessionId, 16)} (the bare session id)`, options: { cookie: user.sessionId } },
      { what: `connect.sid=s:${short(user.sessionId, 16)} ("s:" and the id, no signature)`, options: { cookie: encodeURIComponent(`s:${user.sessionId}`) } },
    ]);
    return hit && accepted(ctx, "UNSIGNED_COOKIE_ACCEPTED", user, hit);
  },
};

/** What a client can say about itself in a handshake, besides its cookie. */
function claims(user: FreshUser): { where: string; options: SocketOptions; says: "session id" | "user name" }[] {
  const ids = { sessionId: user.sessionId, sid: user.sessionId, session: user.sessionId, token: user.sessionId };
  const names = { user: user.name, username: user.name, name: user.name, userId: user.name };
  return [
    { where: `auth ${JSON.stringify(ids)}`, options: { auth: ids }, says: "session id" },
    { where: `auth ${JSON.stringify(names)}`, options: { auth: names }, says: "user name" },
    // (Not "sid" in the query: that is Engine.IO's own connection id.)
    { where: `the query string ?sessionId=…&session=…`, options: { query: { sessionId: user.sessionId, session: user.sessionId } }, says: "session id" },
    { where: `the query string ?user=…&username=…`, options: { query: { user: user.name, username: user.name } }, says: "user name" },
    {
      where: `headers X-Session-Id, Authorization: Bearer <session id>`,
      options: { headers: { "x-session-id": user.sessionId, authorization: `Bearer ${user.sessionId}` } },
      says: "session id",
    },
    { where: `headers X-User, X-Username`, options: { headers: { "x-user": user.name, "x-username": user.name } }, says: "user name" },
  ];
}

const clientClaims: BatteryItem = {
  id: "identity.client-claims",
  tries: "a session id or a user name in the handshake's auth, query string or headers, with no cookie, or with another user's",
  async run(ctx) {
    const user = await freshUser(ctx, "claimed");
    const other = await freshUser(ctx, "claimant");
    const all = claims(user);
    // Every claim at once, with no cookie and with another user's own cookie: neither may become
    // the user. Only when one does is each claim tried alone, to name the one the app trusts.
    const together: SocketOptions = {
      auth: Object.assign({}, ...all.map((c) => c.options.auth ?? {})),
      query: Object.assign({}, ...all.map((c) => c.options.query ?? {})),
      headers: Object.assign({}, ...all.map((c) => c.options.headers ?? {})),
    };
    const [alone, withOther] = await Promise.all([probeSocket(ctx, { ...together, direct: true }), probeSocket(ctx, { ...together, cookie: other.cookie, direct: true })]);
    if (!isUser(alone.whoami, user) && !isUser(withOther.whoami, user)) return undefined;
    const knocks = all.flatMap((claim) => [
      { claim, what: `no cookie and the ${claim.says} of "${user.name}" in ${claim.where}`, options: claim.options },
      { claim, what: `the cookie of "${other.name}" and the ${claim.says} of "${user.name}" in ${claim.where}`, options: { ...claim.options, cookie: other.cookie } },
    ]);
    const results = await Promise.all(knocks.map((knock) => probeSocket(ctx, { ...knock.options, direct: true })));
    const i = results.findIndex((result) => isUser(result.whoami, user));
    if (i < 0) {
      const both = isUser(alone.whoami, user) ? alone : withOther;
      return accepted(ctx, "CLIENT_IDENTITY_TRUSTED", user, { knock: { what: `the session id and the name of "${user.name}" in its auth, query string and headers together`, options: together }, result: both });
    }
    const knock = knocks[i]!;
    return accepted(ctx, knock.claim.says === "session id" ? "CLIENT_SESSION_ID_TRUSTED" : "CLIENT_IDENTITY_TRUSTED", user, { knock, result: results[i]! });
  },
};

const amongOthers: BatteryItem = {
  id: "identity.cookie-among-others",
  tries: "the session cookie among other cookies, before and after them",
  async run(ctx) {
    const user = await freshUser(ctx, "crowded");
    // Cookies before it and after it: a parser that takes the first pair, or the last, misses it.
    const headers = [`theme=dark; _ga=GA1.1.${randomSessionId().slice(0, 10)}; connect.sid=${user.cookie}; lang=en`];
    const results = await Promise.all(headers.map((cookieHeader) => probeSocket(ctx, { cookieHeader, direct: true })));
    const i = results.findIndex((result) => !isUser(result.whoami, user));
    if (i < 0) return undefined;
    return {
      fault: "COOKIE_AMONG_OTHERS_MISSED",
      seen: [
        `"${user.name}" logged in from Node; alone in a Cookie header, its connect.sid is that user`,
        `a socket whose Cookie header is "${headers[i]!.replace(user.cookie, showCookie(user.cookie))}" (as a browser sends it when the site has other cookies) → ${describeProbe(results[i]!)}`,
      ],
    };
  },
};

export const IDENTITY: BatteryItem[] = [forged, wellKnown, unsigned, clientClaims, amongOthers];
