// What a lesson's verify.ts can use (imported as "#verify"). Every lesson runs the standard
// scenario (evidence/scenario.ts) and diagnosis (evidence/diagnose.ts); a lesson's check adds what
// its own app makes knowable, in named steps: log in another user, open a socket as anybody, log
// out on the page, hold a long-poll open, start a second instance, open an attacker's page, drop
// Redis. Protocol details live here, once; a check reads as what it expects.
export { defineCheck, type CheckContext, type Finding, type LessonCheck } from "./check.ts";
export type { LessonMeta } from "../catalogue/define.ts";
export type { Identity, Observation } from "../evidence/scenario.ts";
export { describeRequest, type WirePacket } from "../evidence/wire.ts";

export { count, short, showCookie } from "./describe.ts";
export { fetchApi, fetchFromPage, handshakeUrl, logIn, loginStats, logOut, me, readable, type ApiAnswer, type LoggedIn, type Me } from "./http.ts";
export {
  ask,
  askWhoami,
  connectAs,
  describeIdentity,
  describeProbe,
  describeWhoami,
  disconnectedWithin,
  probeSocket,
  type Asked,
  type ProbeResult,
  type Socket,
  type SocketOptions,
  type WhoamiAnswer,
} from "./sockets.ts";
export { decodeSessionCookie, pathMatches, randomSessionId, sessionCookieFromHeader, signedCookie } from "./cookies.ts";
export { logOutOnPage, otherUser, type OtherUser } from "./users.ts";
export {
  eventReceived,
  eventsReceived,
  inputValue,
  mark,
  pageConnections,
  pageRequest,
  pagePollEnded,
  pageShows,
  pageSocketAfter,
  pageTextOf,
  press,
  refusedAfter,
  reloadWithSocketHeld,
  reloadedAfterLogin,
  submitForm,
  visitorPage,
  whoamiAsked,
  type HeldSocket,
  type SocketOutcome,
  type VisitorPage,
} from "./page.ts";
export { JOIN, PollingTab, within, type Held } from "./polling.ts";
export { hostilePage, servePage, type Attempt, type HostilePage, type ServedPage } from "./pages.ts";
export { startInstance, type Instance } from "./instances.ts";
export {
  dropRedisConnections,
  expireSession,
  findSessionKey,
  redisConnections,
  redisReconnected,
  type ExpiredSession,
  type RedisConnection,
} from "./redis.ts";
export { exchangeOf, lastAnswer, lastHandshake, refusal, runNodeClient, type NodeClientRun, type ProxiedExchange, type ProxiedPacket } from "./node-client.ts";
export { serverLog, type ServerLog } from "./server-log.ts";
export { collect, describeLost, heard, pollingLost, tabWithoutWebSocket, type NoWebSocketTab } from "./balancer.ts";
export { keepEmitting, loggedInSocket, stillActsAs, waitUntil, watchSessionCommands, type CommandWatch, type SessionCommand, type SessionCommands, type SocketUser } from "./hot-path.ts";
export { browserCookie, describeComeBack, RecoveringTab, type CameBack, type Joined } from "./recovery.ts";
export { callsElsewhere, loginCrossSite, pageSocketTransport, type PageTransport } from "./one-origin.ts";
export { refusedAfterHandshake, type RefusedLater } from "./connection.ts";
