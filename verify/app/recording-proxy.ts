// A recording proxy between a non-browser client (a Node bot) and the lesson server: it sees
// exactly what the server sees (request headers, the handshake's Cookie) and what the client gets
// back (polling bodies, WebSocket frames), and decodes the Socket.IO packets on both transports.
// It is the Node-client counterpart of wire.ts, which reads the same facts from the browser.
import http from "node:http";
import net from "node:net";
import type { Duplex } from "node:stream";
import { decodeEnginePacket, decodePollingPayload, type SocketIoPacket } from "../evidence/engineio.ts";
import { engineQuery } from "../evidence/wire.ts";
import { portInUse } from "./ports.ts";

export interface ProxiedExchange {
  method: string;
  url: URL;
  requestHeaders: http.IncomingHttpHeaders;
  status?: number;
  responseHeaders?: http.IncomingHttpHeaders;
  body?: string;
  /** true for a WebSocket upgrade request */
  upgrade: boolean;
}

export interface ProxiedPacket {
  engineSid?: string;
  dir: "sent" | "received";
  transport: "polling" | "websocket";
  packet: SocketIoPacket;
}

export interface RecordingProxy {
  url: string;
  exchanges: ProxiedExchange[];
  packets: ProxiedPacket[];
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** Where to listen; a free port by default. */
  port?: number;
  /** Headers added to every request on its way to the server, as a TLS-terminating proxy adds X-Forwarded-Proto. */
  addHeaders?: Record<string, string>;
}

export async function startRecordingProxy(targetPort: number, options: ProxyOptions = {}): Promise<RecordingProxy> {
  const forwardedHeaders = (req: http.IncomingMessage) => ({ ...req.headers, ...options.addHeaders });
  const exchanges: ProxiedExchange[] = [];
  const packets: ProxiedPacket[] = [];
  const sockets = new Set<Duplex>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const exchange: ProxiedExchange = { method: req.method ?? "GET", url, requestHeaders: req.headers, upgrade: false };
    exchanges.push(exchange);
    const requestChunks: Buffer[] = [];
    req.on("data", (c: Buffer) => requestChunks.push(c));
    const upstream = http.request({ host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers: forwardedHeaders(req) }, (up) => {
      exchange.status = up.statusCode;
      exchange.responseHeaders = up.headers;
      res.writeHead(up.statusCode ?? 502, up.headers);
      const chunks: Buffer[] = [];
      up.on("data", (c: Buffer) => {
        chunks.push(c);
        res.write(c);
      });
      up.on("end", () => {
        exchange.body = Buffer.concat(chunks).toString();
        recordPolling(exchange, Buffer.concat(requestChunks).toString());
        res.end();
      });
    });
    upstream.on("error", () => {
      exchange.status = 502;
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });

  const recordPolling = (exchange: ProxiedExchange, requestBody: string) => {
    const engine = engineQuery(exchange.url);
    if (engine?.transport !== "polling") return;
    let sid = engine.sid;
    if (exchange.method === "POST") {
      for (const p of decodePollingPayload(requestBody)) if (p.type === "message" && p.message) packets.push({ engineSid: sid, dir: "sent", transport: "polling", packet: p.message });
      return;
    }
    for (const p of decodePollingPayload(exchange.body ?? "")) {
      if (p.type === "open") sid = p.sid;
      else if (p.type === "message" && p.message) packets.push({ engineSid: sid, dir: "received", transport: "polling", packet: p.message });
    }
  };

  server.on("upgrade", (req, client, head) => {
    sockets.add(client);
    const url = new URL(req.url ?? "/", "http://localhost");
    const exchange: ProxiedExchange = { method: "GET", url, requestHeaders: req.headers, upgrade: true };
    exchanges.push(exchange);
    const upstream = net.connect(targetPort, "127.0.0.1", () => {
      const headerLines = Object.entries(forwardedHeaders(req)).flatMap(([k, v]) => [v ?? ""].flat().map((value) => `${k}: ${value}`));
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headerLines.join("\r\n")}\r\n\r\n`);
      if (head.length) upstream.write(head);
    });
    sockets.add(upstream);
    let sid = engineQuery(url)?.sid;
    const onMessage = (dir: "sent" | "received") => (text: string) => {
      const p = decodeEnginePacket(text);
      if (p.type === "open") sid = p.sid;
      else if (p.type === "message" && p.message) packets.push({ engineSid: sid, dir, transport: "websocket", packet: p.message });
    };
    const fromServer = frameReader(onMessage("received"), true);
    const fromClient = frameReader(onMessage("sent"), false);
    upstream.on("data", (chunk: Buffer) => {
      client.write(chunk);
      fromServer(chunk);
    });
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      fromClient(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", end).on("close", end);
    client.on("error", end).on("close", end);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? portInUse(options.port ?? 0, "the lesson's API") : err),
    );
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://localhost:${port}`,
    exchanges,
    packets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Reads WebSocket text frames from a byte stream (RFC 6455), calling onText for each message.
 * The server's side starts with the HTTP 101 answer, which is skipped first.
 */
function frameReader(onText: (text: string) => void, skipHttpHead: boolean): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  let inHead = skipHttpHead;
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (inHead) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end === -1) return;
      buffer = buffer.subarray(end + 4);
      inHead = false;
    }
    for (;;) {
      if (buffer.length < 2) return;
      const opcode = buffer[0]! & 0x0f;
      const masked = (buffer[1]! & 0x80) !== 0;
      let length = buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const maskOffset = offset;
      if (masked) offset += 4;
      if (buffer.length < offset + length) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + length));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buffer[maskOffset + (i % 4)]!;
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x1) onText(payload.toString());
    }
  };
}
