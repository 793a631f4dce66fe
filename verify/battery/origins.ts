// Hostile origins: pages whose origin looks like the app's own, or is a developer's. An app that
// checks the Origin by a prefix, a suffix, a pattern (unanchored, or with its dots unescaped), its
// host alone or its scheme alone lets some of them in. Each knocks with a user's cookie on the
// API's CORS answers and the long-polling handshake and, from the lesson that teaches it (15), on
// WebSocket handshakes, which CORS never covers.
//
// Against the app as it runs here, told the page's localhost origin. A prefix trick cannot be
// played with a real browser on localhost (no host starts with "localhost:8080"), so that knock
// sends the Origin string the check would let through; with a production origin such as
// https://shop.example.com, https://shop.example.com.evil.test is a host anyone can register. In
// the lessons whose subject is the app's origin checks, a second instance is also told a
// production-style CLIENT_ORIGIN (https, a real host name) and knocked on the same way, so that
// checks that only hold for localhost are caught.
import type { CheckContext, Finding } from "../kit/check.ts";
import { fetchApi } from "../kit/http.ts";
import { DEMO_PASSWORD } from "../evidence/session-cookie.ts";
import { startInstance } from "../kit/instances.ts";
import { describeProbe, probeSocket } from "../kit/sockets.ts";
import { freshUser, isUser, type FreshUser } from "./fresh.ts";
import type { BatteryItem } from "./item.ts";

export const PRODUCTION_ORIGIN = "https://shop.example.test";

/** Origins a careless check lets through, for the allowed `origin`, each with the trick it plays. */
export function lookalikes(allowed: string): { origin: string; trick: string }[] {
  const url = new URL(allowed);
  const port = url.port ? `:${url.port}` : "";
  const other = url.protocol === "https:" ? "http:" : "https:";
  return [
    { origin: `${allowed}.evil.test`, trick: "the allowed origin as the start of a longer one" },
    { origin: `${url.protocol}//evil-${url.hostname}${port}`, trick: "a host that ends with the allowed one" },
    { origin: `${url.protocol}//evil.${url.hostname}${port}`, trick: "a subdomain of the allowed host" },
    { origin: `${url.protocol}//${url.hostname}:${url.port ? Number(url.port) + 1 : 8443}`, trick: "another port on the allowed host" },
    { origin: `${other}//${url.hostname}${port}`, trick: "the other scheme" },
    // Only hosts with a dot: new RegExp(CLIENT_ORIGIN) reads each of them as "any character".
    { origin: `${url.protocol}//${url.hostname.replace(".", "-")}${port}`, trick: "the allowed origin read as a pattern, its dot as any character" },
    { origin: "null", trick: "the Origin of a sandboxed frame or a file" },
    // Not a look-alike: a development origin left in the list reaches production too.
    { origin: "http://localhost:5173", trick: "a page on the user's own machine, at a dev server's port" },
  ].filter((look) => look.origin !== allowed);
}

/** What the TLS-terminating proxy adds, for apps that run behind one (lesson 12). */
function viaProxy(ctx: CheckContext): Record<string, string> {
  return ctx.lesson.needs.tlsProxy ? { "x-forwarded-proto": "https" } : {};
}

function lets(headers: Headers, origin: string): boolean {
  const allowed = headers.get("access-control-allow-origin");
  return (allowed === origin || allowed === "*") && headers.get("access-control-allow-credentials") === "true";
}

interface Target {
  /** The API's address, and what it was told as CLIENT_ORIGIN. */
  api: string;
  allowed: string;
  /** Said first in each finding: which app was knocked on. */
  about: string;
  user: FreshUser;
}

/** CORS answers (a route, the polling handshake) to each look-alike origin; a finding for the first let in. */
async function knockOnCors(ctx: CheckContext, target: Target): Promise<Finding | undefined> {
  const paths = [`${ctx.routePrefix}/me`, `${ctx.socketPath}?EIO=4&transport=polling`];
  const knock = (origin: string, path: string) => fetchApi(target.api, path, { cookie: target.user.cookie, headers: { ...viaProxy(ctx), origin } });
  // The allowed origin itself must get in: a check that refuses everything proves nothing. Unless
  // the page and the API are one origin (lesson 23's dev proxy): a browser asks no CORS question of
  // its own origin, and an app that answers none to anybody else is right.
  const own = await knock(target.allowed, paths[0]!);
  const oneOrigin = new URL(target.api).origin === new URL(target.allowed).origin;
  if (!oneOrigin && !lets(own.headers, target.allowed)) {
    return {
      fault: "CORS_ORIGIN_REJECTED",
      seen: [target.about, `GET ${paths[0]} with Origin: ${target.allowed} (the app's own) and the user's cookie → ${own.status}, Access-Control-Allow-Origin: ${own.headers.get("access-control-allow-origin") ?? "(missing)"}`],
    };
  }
  const probes = lookalikes(target.allowed).flatMap((look) => paths.map((path) => ({ look, path })));
  const answers = await Promise.all(probes.map(({ look, path }) => knock(look.origin, path)));
  const i = answers.findIndex((answer, i) => lets(answer.headers, probes[i]!.look.origin));
  if (i < 0) return undefined;
  const { look, path } = probes[i]!;
  return {
    fault: "LOOKALIKE_ORIGIN_ALLOWED",
    seen: [
      target.about,
      `GET ${path.replace(/\?.*/, "?…")} with Origin: ${look.origin} (${look.trick}) and the user's cookie → ${answers[i]!.status} with Access-Control-Allow-Origin: ${answers[i]!.headers.get("access-control-allow-origin")}, Access-Control-Allow-Credentials: true`,
      look.trick.startsWith("the allowed origin as the start")
        ? `no browser on localhost sends that Origin, but the same check lets https://shop.example.com.evil.test through for https://shop.example.com`
        : `a page at ${look.origin} could read the user's answers`,
    ],
  };
}

/** WebSocket handshakes from each look-alike origin; a finding for the first that acts as the user. */
async function knockOnWebSockets(ctx: CheckContext, target: Target): Promise<Finding | undefined> {
  const socket = (origin: string) => probeSocket(target.api, { cookie: target.user.cookie, origin, path: ctx.socketPath, transports: ["websocket"], headers: viaProxy(ctx) });
  const looks = lookalikes(target.allowed);
  const [own, ...results] = await Promise.all([socket(target.allowed), ...looks.map((look) => socket(look.origin))]);
  const i = results.findIndex((result) => isUser(result!.whoami, target.user));
  if (i >= 0) {
    return {
      fault: "SOCKET_ACCEPTS_OTHER_ORIGINS",
      seen: [target.about, `a WebSocket handshake with Origin: ${looks[i]!.origin} (${looks[i]!.trick}) and the user's cookie → ${describeProbe(results[i]!)}`],
    };
  }
  if (!isUser(own!.whoami, target.user)) {
    return { fault: "OWN_PAGE_WEBSOCKET_REFUSED", seen: [target.about, `a WebSocket handshake from the app's own origin, ${target.allowed}, with the user's cookie → ${describeProbe(own!)}`] };
  }
  return undefined;
}

async function here(ctx: CheckContext): Promise<Target> {
  const user = await freshUser(ctx, "origins");
  const allowed = new URL(ctx.pageUrl).origin;
  return { api: ctx.apiUrl, allowed, user, about: `"${user.name}" logged in from Node; the app's page is ${allowed}` };
}

const cors: BatteryItem = {
  id: "origins.cors",
  tries: "origins a careless check lets in (a longer one, a suffix, a subdomain, another port, the other scheme, null, a dev server) on CORS answers and the polling handshake",
  from: 4,
  run: async (ctx) => knockOnCors(ctx, await here(ctx)),
};

const websocket: BatteryItem = {
  id: "origins.websocket",
  tries: "the same origins on WebSocket handshakes with a user's cookie (CORS does not cover them); the app's own origin still gets in",
  from: 15,
  run: async (ctx) => knockOnWebSockets(ctx, await here(ctx)),
};

const production: BatteryItem = {
  id: "origins.production",
  tries: `the app told a production-style CLIENT_ORIGIN (${PRODUCTION_ORIGIN}): its own origin gets in, look-alikes of it do not`,
  from: 4,
  lacks: (ctx) => (ctx.lesson.features?.originChecks ? undefined : "the lesson's app keeps the origin checks it shipped with; the look-alikes of its own origin are tried"),
  async run(ctx) {
    const instance = await startInstance(ctx, { clientOrigin: PRODUCTION_ORIGIN });
    try {
      // Behind a TLS-terminating proxy the app sends its Secure cookie only to what the proxy marks as HTTPS.
      const name = `prod-${Math.random().toString(36).slice(2, 8)}`;
      const login = await fetchApi(instance.apiUrl, `${ctx.routePrefix}/login`, { method: "POST", body: { username: name, password: DEMO_PASSWORD }, headers: viaProxy(ctx) });
      const about = `an instance of server.ts told CLIENT_ORIGIN=${PRODUCTION_ORIGIN}, as in production; "${name}" logged in there`;
      if (!login.sessionCookie) return { fault: "NO_DECISION", seen: [`${about}: POST /login set no session cookie`] };
      const user = { name, cookie: login.sessionCookie, sessionId: "" };
      const target: Target = { api: instance.apiUrl, allowed: PRODUCTION_ORIGIN, user, about };
      return (await knockOnCors(ctx, target)) ?? (ctx.lesson.number >= 15 ? await knockOnWebSockets(ctx, target) : undefined);
    } finally {
      await instance.stop();
    }
  },
};

export const ORIGINS: BatteryItem[] = [cors, websocket, production];
