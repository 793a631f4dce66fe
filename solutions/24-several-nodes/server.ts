import { createServer } from "node:http";
import express from "express";
import session from "express-session";
import cors from "cors";
import { Server } from "socket.io";
import { createClient } from "redis";
import { RedisStore } from "connect-redis";
import { createAdapter } from "@socket.io/redis-adapter";

declare module "express-session" {
  interface SessionData {
    user: string;
  }
}

const PORT = Number(process.env.PORT ?? 3000);
const CLIENT_ORIGIN = process.env.CLIENT_ORIGIN ?? "http://localhost:8080";

// Three instances of this server run behind HAProxy (haproxy.cfg). Sessions live in Redis, so
// that every instance finds them.
const redis = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
redis.on("error", (err) => console.error("Redis:", err.message));
redis.connect().catch(console.error);
// Broadcasts and disconnectSockets() reach the other instances through Redis pub/sub: the adapter
// subscribes on a connection of its own (a subscribed connection serves nothing else).
const subClient = redis.duplicate();
subClient.on("error", (err) => console.error("Redis adapter:", err.message));
subClient.connect().catch(console.error);

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, {
  cors: { origin: CLIENT_ORIGIN, credentials: true },
  // Only the app's own page may open a socket with the user's cookie (lesson 15); a client with no Origin is no browser.
  allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN),
  adapter: createAdapter(redis, subClient),
});

const sessionMiddleware = session({
  store: new RedisStore({ client: redis }),
  secret: process.env.SESSION_SECRET ?? "keyboard cat",
  resave: false,
  saveUninitialized: false,
});

app.use(cors({ origin: CLIENT_ORIGIN, credentials: true }));
app.use(express.json());

// The load balancer asks each instance whether it is up (haproxy.cfg: option httpchk).
app.get("/health", (_req, res) => {
  res.sendStatus(200);
});

app.use(sessionMiddleware);

app.post("/login", async (req, res) => {
  const username = String(req.body?.username ?? "").trim();
  if (!username) {
    res.status(400).json({ error: "username is required" });
    return;
  }
  req.session.user = username;
  await redis.incr("stats:logins");
  res.json({ user: username });
});

app.post("/logout", (req, res) => {
  // destroy() takes req.session away: keep its id to find the sockets of this session.
  const sessionId = req.session.id;
  req.session.destroy(() => {
    // Each socket holds the copy of the session its handshake loaded: end those of this session.
    io.in(sessionId).disconnectSockets();
    res.sendStatus(204);
  });
});

app.get("/me", (req, res) => {
  res.json({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
});

app.get("/stats", async (_req, res) => {
  res.json({ logins: Number((await redis.get("stats:logins")) ?? 0) });
});

io.engine.use(sessionMiddleware);

// A tab whose handshake loaded the session just before a logout must not join as the user: look
// the session up again as the socket connects.
io.use((socket, next) => {
  const req = socket.request as express.Request;
  if (!req.session?.user) return next();
  req.session.reload((err) => next(err ? new Error("session ended") : undefined));
});

io.on("connection", (socket) => {
  const req = socket.request as express.Request;
  // One room per session, so that the logout can reach every socket of a session.
  if (req.session) socket.join(req.session.id);
  socket.on("whoami", (ack) => {
    ack({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
  });
  // The team chat: what a logged-in user says goes to every open tab of every user.
  socket.on("say", (text: unknown) => {
    const user = req.session?.user;
    if (!user || typeof text !== "string" || !text.trim()) return;
    io.emit("said", { user, text: text.trim().slice(0, 500) });
  });
});

httpServer.listen(PORT, "127.0.0.1", () => {
  console.log(`API listening on http://localhost:${PORT}`);
});
