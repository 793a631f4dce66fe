// Hostile origins: pages whose origin looks like the app's own. An app that checks the Origin by a
// prefix, a suffix, an unanchored pattern, its host alone or its scheme alone lets some of them in.
// They are tried against a second instance of the app told a production-style CLIENT_ORIGIN
// (https, a real host name), because most of these tricks need a real host name to work: nobody
// can register a host that starts with "localhost:8080". Each origin knocks with a user's cookie
// on the API's CORS answers and on the long-polling handshake and, from the lesson that teaches it
// (15), on WebSocket handshakes, which CORS never covers.
import type { CheckContext, Finding } from "../kit/check.ts";
import { fetchApi } from "../kit/http.ts";
import { startInstance, type Instance } from "../kit/instances.ts";
import { describeProbe, probeSocket } from "../kit/sockets.ts";
import { decodeSessionCookie } from "../kit/cookies.ts";
import type { BatteryItem } from "./item.ts";

export const PRODUCTION_ORIGIN = "https://shop.example.test";

/** Origins that look like `allowed` to a careless check, each with the trick it plays. */
export function lookalikes(allowed: string): { origin: string; trick: string }[] {
  const url = new URL(allowed);
  const port = url.port ? `:${url.port}` : "";
  const other = url.protocol === "https:" ? "http:" : "https:";
  return [
    { origin: `${url.protocol}//${url.hostname}.evil.test${port}`, trick: "the allowed origin's host as the start of a longer one" },
    { origin: `${url.protocol}//evil-${url.hostname}${port}`, trick: "a host that ends with the allowed one" },
    { origin: `${url.protocol}//evil.${url.hostname}${port}`, trick: "a subdomain of the allowed host" },
    { origin: `${url.protocol}//${url.hostname}:${url.port ? Number(url.port) + 1 : 8443}`, trick: "another port on the allowed host" },
    { origin: `${other}//${url.hostname}${port}`, trick: "the other scheme" },
    { origin: "null", trick: "the Origin of a sandboxed frame or a file" },
    // Not a look-alike: a development origin left in the list reaches production too.
    { origin: "http://localhost:5173", trick: "a page on the user's own machine, at a dev server's port" },
  ];
}

/** One production-style instance for every origins item of a lesson, started when the first needs it. */
const instances = new WeakMap<CheckContext, Promise<{ instance: Instance; cookie?: string; user: string }>>();

function production(ctx: CheckContext) {
  let started = instances.get(ctx);
  if (!started) {
    started = (async () => {
      const instance = await startInstance(ctx, { clientOrigin: PRODUCTION_ORIGIN });
      ctx.onDone(() => instance.stop());
      const user = `prod-${Math.random().toString(36).slice(2, 8)}`;
      // Behind a TLS-terminating proxy (lesson 12) the app sends its Secure cookie only to what the proxy marks as HTTPS.
      const login = await fetchApi(instance.apiUrl, `${ctx.routePrefix}/login`, { method: "POST", body: { username: user }, headers: viaProxy(ctx) });
      return { instance, cookie: login.sessionCookie, user };
    })();
    instances.set(ctx, started);
  }
  return started;
}

/** What the TLS-terminating proxy adds, for apps that run behind one. */
function viaProxy(ctx: CheckContext): Record<string, string> {
  return ctx.lesson.needs.tlsProxy ? { "x-forwarded-proto": "https" } : {};
}

function lets(headers: Headers, origin: string): boolean {
  const allowed = headers.get("access-control-allow-origin");
  return (allowed === origin || allowed === "*") && headers.get("access-control-allow-credentials") === "true";
}

const cors: BatteryItem = {
  id: "origins.cors",
  tries: "look-alike origins (a longer host, a suffix, a subdomain, another port, the other scheme, null) on the API's CORS answers and the polling handshake",
  from: 4,
  async run(ctx) {
    const { instance, cookie, user } = await production(ctx);
    if (!cookie) return { fault: "NO_DECISION", seen: [`an instance of server.ts told CLIENT_ORIGIN=${PRODUCTION_ORIGIN}: POST /login from Node set no session cookie`] };
    const targets = [`${ctx.routePrefix}/me`, `${ctx.socketPath}?EIO=4&transport=polling`];
    const knock = (origin: string, target: string) => fetchApi(instance.apiUrl, target, { cookie, headers: { ...viaProxy(ctx), origin } });
    // The allowed origin itself must get in: a check that refuses everything proves nothing.
    const own = await knock(PRODUCTION_ORIGIN, targets[0]!);
    if (!lets(own.headers, PRODUCTION_ORIGIN)) {
      return {
        fault: "CORS_ORIGIN_REJECTED",
        seen: [`an instance of server.ts told CLIENT_ORIGIN=${PRODUCTION_ORIGIN}: GET ${targets[0]} with Origin: ${PRODUCTION_ORIGIN} and a user's cookie → ${own.status}, Access-Control-Allow-Origin: ${own.headers.get("access-control-allow-origin") ?? "(missing)"}`, "the app does not let its own production origin read its answers"],
      };
    }
    const probes = lookalikes(PRODUCTION_ORIGIN).flatMap((look) => targets.map((target) => ({ look, target })));
    const answers = await Promise.all(probes.map(({ look, target }) => knock(look.origin, target)));
    const i = answers.findIndex((answer, i) => lets(answer.headers, probes[i]!.look.origin));
    if (i < 0) return undefined;
    const { look, target } = probes[i]!;
    return {
      fault: "LOOKALIKE_ORIGIN_ALLOWED",
      seen: [
        `an instance of server.ts told CLIENT_ORIGIN=${PRODUCTION_ORIGIN}, as in production; "${user}" logged in there`,
        `GET ${target.replace(/\?.*/, "?…")} with Origin: ${look.origin} (${look.trick}) and that user's cookie → ${answers[i]!.status} with Access-Control-Allow-Origin: ${answers[i]!.headers.get("access-control-allow-origin")}, Access-Control-Allow-Credentials: true`,
        `a page at ${look.origin} could read the user's answers`,
      ],
    };
  },
};

const websocket: BatteryItem = {
  id: "origins.websocket",
  tries: "look-alike origins on WebSocket handshakes with a user's cookie (CORS does not cover them); the app's own origin still gets in",
  from: 15,
  async run(ctx) {
    const { instance, cookie, user } = await production(ctx);
    if (!cookie) return { fault: "NO_DECISION", seen: [`an instance of server.ts told CLIENT_ORIGIN=${PRODUCTION_ORIGIN}: POST /login from Node set no session cookie`] };
    const sid = decodeSessionCookie(cookie, ctx.secret);
    const isUser = (whoami: { user?: unknown; sessionId?: unknown } | undefined) => whoami?.user === user || (sid.ok && whoami?.sessionId === sid.sid);
    const socket = (origin: string) => probeSocket(instance.apiUrl, { cookie, origin, path: ctx.socketPath, transports: ["websocket"], headers: viaProxy(ctx) });
    const looks = lookalikes(PRODUCTION_ORIGIN);
    const [own, ...results] = await Promise.all([socket(PRODUCTION_ORIGIN), ...looks.map((look) => socket(look.origin))]);
    const i = results.findIndex((result) => isUser(result!.whoami));
    if (i >= 0) {
      return {
        fault: "SOCKET_ACCEPTS_OTHER_ORIGINS",
        seen: [
          `an instance of server.ts told CLIENT_ORIGIN=${PRODUCTION_ORIGIN}, as in production; "${user}" logged in there`,
          `a WebSocket handshake with Origin: ${looks[i]!.origin} (${looks[i]!.trick}) and that user's cookie → ${describeProbe(results[i]!)}`,
        ],
      };
    }
    if (!isUser(own!.whoami)) {
      return {
        fault: "OWN_PAGE_WEBSOCKET_REFUSED",
        seen: [`an instance of server.ts told CLIENT_ORIGIN=${PRODUCTION_ORIGIN}: a WebSocket handshake from that very origin, with a user's cookie → ${describeProbe(own!)}`],
      };
    }
    return undefined;
  },
};

export const ORIGINS: BatteryItem[] = [cors, websocket];
export type { Finding };
