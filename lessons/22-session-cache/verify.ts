// The standard check, then the socket's session lookups on a hot path, against a second instance
// of the same server.ts beside the first (same secret, same Redis, its own port), as a load
// balancer runs them. Every socket here is on the first instance; every logout on the second, whose
// disconnectSockets() cannot reach them: only what the first instance asks Redis tells it.
// 1. A busy socket: 100 events, one after another, must answer as its user and make at most 10
//    commands naming its session in Redis (one more per quarter second the burst took, on a slow
//    machine). Reading the session for every event makes 100.
// 2. Its session logged out on the second instance while it goes on emitting, another session's
//    ending in Redis as its TTL would: 1 s later neither socket acts as its user, nor does HTTP.
//    And a new session logged out just after its socket connected and answered (the app's copy
//    of it is then as young as it gets): 1 s later that socket does not act as its user either.
// 3. One of two sessions of a user (a phone and a laptop) logged out on the second instance: 1 s
//    later the laptop emits and, right after, the phone's socket must not act as the user; the
//    laptop's must.
// Another user's socket (the browser's session), open all along, still answers as that user.
import { randomBytes } from "node:crypto";
import {
  askWhoami,
  connectAs,
  defineCheck,
  describeWhoami,
  expireSession,
  keepEmitting,
  loggedInSocket,
  logOut,
  me,
  short,
  startInstance,
  stillActsAs,
  waitUntil,
  watchSessionCommands,
  type Finding,
  type Socket,
  type SocketUser,
} from "#verify";
import lesson from "./lesson.ts";

/** The burst: events one after another on one socket, and the commands naming its session Redis may run for them. */
const EVENTS = 100;
const COMMANDS = 10;
/** On a slow machine, one more command for every this many ms the burst took. */
const SLOW_MS = 250;
/** The app's promise: a session that ended in Redis stops acting on every socket within this. */
const BOUND_MS = 1000;
/** How often a busy socket emits while its session ends elsewhere. */
const BUSY_MS = 50;
const ACK_MS = 2000;

export default defineCheck(lesson, {
  async extra(ctx) {
    const sockets: Socket[] = [];
    const second = await startInstance(ctx);
    try {
      const [first, other] = [new URL(ctx.apiUrl).port, new URL(second.apiUrl).port];
      const seen: string[] = [];
      const undecided = (...more: string[]): Finding => ({ fault: "NO_DECISION", seen: [...seen, ...more] });

      // The people: a busy user, one whose session expires, a user with two devices, and the browser's.
      const suffix = randomBytes(3).toString("hex");
      const devices: SocketUser[] = [];
      for (const [name, role] of [[`busy-${suffix}`, "busy"], [`idle-${suffix}`, "idle"], [`two-devices-${suffix}`, "laptop"], [`two-devices-${suffix}`, "phone"]] as const) {
        const device = await loggedInSocket(ctx, name, role).catch((err: Error) => err);
        if (device instanceof Error) return undecided(device.message);
        devices.push(device);
        sockets.push(device.socket);
      }
      const [busy, idle, laptop, phone] = devices as [SocketUser, SocketUser, SocketUser, SocketUser];
      const browser = await connectAs(ctx, { cookie: ctx.cookie, direct: true }).catch((err: Error) => err);
      if (browser instanceof Error) return undecided(`a socket with the browser's connect.sid could not connect: ${browser.message}`);
      sockets.push(browser);
      for (const [label, socket, name] of [...devices.map((d) => [d.label, d.socket, d.name] as const), [`a socket of the browser's "${ctx.username}"`, browser, ctx.username] as const]) {
        const answer = await askWhoami(socket, ACK_MS);
        if (answer.me?.user !== name) return { fault: "LIVE_SESSION_SOCKET_FAILED", seen: [...seen, `${label}, just connected: ${describeWhoami(answer, ACK_MS)}`] };
      }
      seen.push(`logged in from Node, each with a socket: "${busy.name}", "${idle.name}", and "${laptop.name}" twice (a laptop and a phone: two sessions of one user); each answers whoami as its user`);

      // 1. The hot path: a burst of events on one socket, and what Redis ran for them.
      const watch = await watchSessionCommands(ctx, busy.sessionId).catch((err: Error) => err);
      if (watch instanceof Error) return undecided(`the verifier could not watch Redis at ${ctx.redisUrl}: ${watch.message}`);
      const started = performance.now();
      let failed: string | undefined;
      for (let i = 1; i <= EVENTS && !failed; i++) {
        const answer = await askWhoami(busy.socket, ACK_MS);
        if (answer.me?.user !== busy.name) failed = `event ${i} of ${EVENTS}: ${describeWhoami(answer, ACK_MS)}`;
      }
      const tookMs = Math.round(performance.now() - started);
      const ran = await watch.stop().catch((err: Error) => err);
      if (failed) {
        return { fault: "LIVE_SESSION_SOCKET_FAILED", seen: [...seen, `${busy.label} sent ${EVENTS} whoami events, one after another; its session is valid, and ${failed}`] };
      }
      if (ran instanceof Error) return undecided(`the verifier could not watch Redis at ${ctx.redisUrl}: ${ran.message}`);
      const allowed = COMMANDS + Math.floor(tookMs / SLOW_MS);
      seen.push(`${busy.label} sent ${EVENTS} whoami events, one after another, in ${tookMs} ms; each answered as "${busy.name}"`);
      seen.push(`meanwhile Redis ran ${ran.commands.length} commands naming that session: ${ran.describe()}`);
      if (ran.commands.length > allowed) {
        return { fault: "SESSION_READ_PER_EVENT", seen: [...seen, `${EVENTS} events made ${ran.commands.length} round trips to Redis for one session; at most ${allowed} may (${COMMANDS}, and one more per ${SLOW_MS} ms the events took)`] };
      }

      seen.push(`a second instance of server.ts runs at port ${other}, beside the first at port ${first}, as a load balancer runs them; every socket here is on the first`);

      // 2. Sessions that end elsewhere: the busy one logged out on the second instance (its socket
      // goes on emitting, as a busy client does), the idle one expired in Redis. A second later
      // each socket is asked.
      const out = await logOut(second.apiUrl, busy.cookie);
      const loggedOutAt = performance.now();
      if (out.status === undefined || out.status >= 300) return undecided(`"${busy.name}" logged out on the second instance: ${out.line}`);
      const emitting = keepEmitting(busy.socket, BUSY_MS, ACK_MS);
      const expired = await expireSession(ctx, idle.sessionId).catch((err: Error) => err);
      if (expired instanceof Error) return undecided(`the verifier could not reach Redis at ${ctx.redisUrl}: ${expired.message}`);
      if (!expired) return { fault: "SESSION_NOT_IN_REDIS", seen: [...seen, `Redis at REDIS_URL holds no key for the session of "${idle.name}" (${short(idle.sessionId)})`] };
      // And a session looked up a moment before its logout: a new one, whose socket has just
      // connected and answered. However the app caches (per socket, per session, per user), its
      // copy is then as fresh as it gets, so a cache that lives longer than the promised second is
      // caught every time, not only when the busy socket's copy happened to be young.
      const fresh = await loggedInSocket(ctx, `fresh-${suffix}`, "new").catch((err: Error) => err);
      if (fresh instanceof Error) return undecided(fresh.message);
      sockets.push(fresh.socket);
      const freshBefore = await askWhoami(fresh.socket, ACK_MS);
      const answeredAt = performance.now();
      if (freshBefore.me?.user !== fresh.name) return { fault: "LIVE_SESSION_SOCKET_FAILED", seen: [...seen, `${fresh.label}, just connected: ${describeWhoami(freshBefore, ACK_MS)}`] };
      const freshOut = await logOut(second.apiUrl, fresh.cookie);
      const freshOutAt = performance.now();
      if (freshOut.status === undefined || freshOut.status >= 300) return undecided(`"${fresh.name}" logged out on the second instance: ${freshOut.line}`);

      await waitUntil(loggedOutAt + BOUND_MS);
      const emitted = await emitting.stop();
      const [busyAfter, idleAfter, http] = await Promise.all([askWhoami(busy.socket, ACK_MS), askWhoami(idle.socket, ACK_MS), me(ctx, busy.cookie)]);
      const logoutSeen = `"${busy.name}" logged out on the second instance (${out.line}); its socket on the first kept asking whoami every ${BUSY_MS} ms while connected (${emitted} times); ${BOUND_MS / 1000} s after the logout, ${busy.label}: ${describeWhoami(busyAfter, ACK_MS)}; HTTP on the first with its cookie: ${http.line}`;
      const busyActs = stillActsAs(busyAfter, busy.name);
      if (busyActs || http.user === busy.name) {
        return { fault: "CACHED_SESSION_OUTLIVES_LOGOUT", seen: [...seen, logoutSeen, ...(busyActs ?? [])] };
      }
      seen.push(logoutSeen);
      await waitUntil(freshOutAt + BOUND_MS);
      const freshAfter = await askWhoami(fresh.socket, ACK_MS);
      const freshSeen = `"${fresh.name}", a new session: its socket connected and answered whoami as the user; ${Math.round(freshOutAt - answeredAt)} ms later it had logged out on the second instance (${freshOut.line}); ${BOUND_MS / 1000} s after the logout, ${fresh.label}: ${describeWhoami(freshAfter, ACK_MS)}`;
      const freshActs = stillActsAs(freshAfter, fresh.name);
      if (freshActs) {
        return { fault: "CACHED_SESSION_OUTLIVES_LOGOUT", seen: [...seen, freshSeen, ...freshActs, "the app had looked that session up just before the logout: its copy lives longer than the promised second"] };
      }
      seen.push(freshSeen);
      const expirySeen = `Redis expired the session of "${idle.name}" (as its TTL running out would, telling the app nothing); ${BOUND_MS / 1000} s later, ${idle.label}: ${describeWhoami(idleAfter, ACK_MS)}`;
      const idleActs = stillActsAs(idleAfter, idle.name);
      if (idleActs) return { fault: "CACHED_SESSION_OUTLIVES_EXPIRY", seen: [...seen, expirySeen, ...idleActs] };
      seen.push(expirySeen);

      // Ending those two sessions must leave the others alone.
      for (const [label, socket, name] of [[laptop.label, laptop.socket, laptop.name], [phone.label, phone.socket, phone.name], [`a socket of the browser's "${ctx.username}"`, browser, ctx.username]] as const) {
        const answer = await askWhoami(socket, ACK_MS);
        if (answer.me?.user !== name) return { fault: "LIVE_SESSION_SOCKET_FAILED", seen: [...seen, `${label}, whose session is still valid: ${describeWhoami(answer, ACK_MS)}`] };
      }

      // 3. Two devices of one user: the phone's session is logged out on the second instance. A
      // second later the laptop's session, still valid, emits (its lookup is then a fresh one, as
      // whatever it cached has aged past the promised second) and, right after, the phone's
      // socket is asked: it must have stopped, and the laptop's must not.
      const phoneOut = await logOut(second.apiUrl, phone.cookie);
      const phoneOutAt = performance.now();
      if (phoneOut.status === undefined || phoneOut.status >= 300) return undecided(`the phone's session of "${phone.name}" logged out on the second instance: ${phoneOut.line}`);
      await waitUntil(phoneOutAt + BOUND_MS);
      const laptopThen = await askWhoami(laptop.socket, ACK_MS);
      const phoneAfter = await askWhoami(phone.socket, ACK_MS);
      const twoSeen = `the phone's session of "${phone.name}" logged out on the second instance (${phoneOut.line}); ${BOUND_MS / 1000} s later the laptop's socket asked whoami (${describeWhoami(laptopThen, ACK_MS)}), and right after it ${phone.label}: ${describeWhoami(phoneAfter, ACK_MS)}`;
      const phoneActs = stillActsAs(phoneAfter, phone.name);
      if (phoneActs) {
        return { fault: "CACHE_SHARED_BETWEEN_SESSIONS", seen: [...seen, twoSeen, ...phoneActs, "the laptop's session, still valid, had just been looked up: the same user, but another session"] };
      }
      seen.push(twoSeen);
      const laptopNow = await askWhoami(laptop.socket, ACK_MS);
      if (laptopThen.me?.user !== laptop.name || laptopNow.me?.user !== laptop.name) {
        return { fault: "LIVE_SESSION_SOCKET_FAILED", seen: [...seen, `${laptop.label}, whose session is still valid, then: ${describeWhoami(laptopNow, ACK_MS)}`] };
      }
      const browserNow = await askWhoami(browser, ACK_MS);
      if (browserNow.me?.user !== ctx.username) {
        return { fault: "LIVE_SESSION_SOCKET_FAILED", seen: [...seen, `a socket of the browser's "${ctx.username}", open all along: ${describeWhoami(browserNow, ACK_MS)}`] };
      }
      return undefined;
    } finally {
      for (const socket of sockets) socket.disconnect();
      await second.stop();
    }
  },
});
