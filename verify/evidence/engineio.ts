// Decodes what travels on a Socket.IO v4 connection (Engine.IO protocol 4, Socket.IO protocol 5),
// so the verifier can read the socket's answers from the wire instead of from the page.
// Polling bodies hold several Engine.IO packets separated by \x1e; a WebSocket frame holds one.

export type SocketIoPacket =
  | { kind: "connect"; nsp: string; data: unknown } //            40{"sid":...}
  | { kind: "disconnect"; nsp: string } //                        41
  | { kind: "event"; nsp: string; id?: number; name: string; args: unknown[] } // 42["name",...]
  | { kind: "ack"; nsp: string; id: number; args: unknown[] } //  43<id>[...]
  | { kind: "connect_error"; nsp: string; data: unknown }; //     44{"message":...}

export type EnginePacket =
  | { type: "open"; sid: string; raw: string }
  | { type: "close" | "ping" | "pong" | "upgrade" | "noop"; raw: string }
  | { type: "message"; raw: string; message?: SocketIoPacket };

const ENGINE_TYPES = ["open", "close", "ping", "pong", "message", "upgrade", "noop"] as const;

export function decodePollingPayload(body: string): EnginePacket[] {
  if (!body) return [];
  return body.split("\x1e").map(decodeEnginePacket);
}

export function decodeEnginePacket(raw: string): EnginePacket {
  const type = ENGINE_TYPES[Number(raw[0])];
  const rest = raw.slice(1);
  if (type === "open") {
    const sid = (safeJson(rest) as { sid?: string } | undefined)?.sid ?? "";
    return { type, sid, raw };
  }
  if (type === "message") return { type, raw, message: decodeSocketIoPacket(rest) };
  return { type: type ?? "noop", raw };
}

export function decodeSocketIoPacket(raw: string): SocketIoPacket | undefined {
  const match = /^(\d)(?:\d+-)?(?:(\/[^,]*),)?(\d*)([\s\S]*)$/.exec(raw);
  if (!match) return undefined;
  const [, type, nsp = "/", id, json] = match;
  const data = json ? safeJson(json) : undefined;
  switch (type) {
    case "0":
      return { kind: "connect", nsp, data };
    case "1":
      return { kind: "disconnect", nsp };
    case "2":
    case "5": {
      const [name, ...args] = Array.isArray(data) ? data : [];
      return { kind: "event", nsp, id: id ? Number(id) : undefined, name: String(name), args };
    }
    case "3":
    case "6":
      return { kind: "ack", nsp, id: Number(id), args: Array.isArray(data) ? data : [] };
    case "4":
      return { kind: "connect_error", nsp, data };
    default:
      return undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
