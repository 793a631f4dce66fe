// What became of the page's connection after its handshake, as the browser's wire saw it: a
// handshake the server answered, then the same connection's next requests (its long-polls, the
// packets it posts) refused. A middleware given to io.engine.use() runs on each of them, not only
// on the handshake.
import type { Observation } from "../evidence/scenario.ts";
import { describeRequest, type HttpRecord } from "../evidence/wire.ts";

export interface RefusedLater {
  request: HttpRecord;
  /** The refused request and its answer, for evidence: "POST http://…/socket.io/?… → 401". */
  line: string;
}

/** The first request of the page's last connection, after its handshake, that the server answered with a 4xx or 5xx. */
export function refusedAfterHandshake(obs: Observation): RefusedLater | undefined {
  const handshake = obs.lastHandshake ?? obs.wire.handshakes.at(-1);
  const sid = handshake?.engineSid;
  if (!handshake || !sid) return undefined;
  const request = obs.wire.http.find((r) => r.seq > handshake.seq && r.url.searchParams.get("sid") === sid && r.status !== undefined && r.status >= 400);
  return request && { request, line: `${describeRequest(request)} → ${request.status}` };
}
