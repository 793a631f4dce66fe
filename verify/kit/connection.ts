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

/**
 * The first request, after its handshake, that the server answered with a 4xx or 5xx, on the
 * newest connection the page opened after login that has one. Not simply the page's last
 * connection: the client reconnects after a refusal, and the newest handshake may not have sent
 * anything yet when the evidence is read (found in CI, 1 run in 4).
 */
export function refusedAfterHandshake(obs: Observation): RefusedLater | undefined {
  const since = obs.login?.respondedSeq ?? -1;
  const handshakes = obs.wire.handshakes.filter((h) => h.seq > since && h.engineSid);
  for (const handshake of handshakes.reverse()) {
    const sid = handshake.engineSid;
    const request = obs.wire.http.find((r) => r.seq > handshake.seq && r.url.searchParams.get("sid") === sid && r.status !== undefined && r.status >= 400);
    if (request) return { request, line: `${describeRequest(request)} → ${request.status}` };
  }
  return undefined;
}
