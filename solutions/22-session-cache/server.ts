import { createServer } from "node:http";
import express from "express";
import session from "express-session";
import cors from "cors";
import { Server } from "socket.io";
import { RedisStore } from "connect-redis";
import { createClient } from "redis";

declare module "express-session" {
  interface SessionData {
    user: string;
  }
}

const PORT = Number(process.env.PORT ?? 3000);
const CLIENT_ORIGIN = process.env.CLIENT_ORIGIN ?? "http://localhost:8080";

// Several instances of this server run behind a load balancer; sessions live in Redis, which
// they all share.
const redis = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
redis.on("error", (err) => console.error("Redis:", err.message));
await redis.connect();

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, {
  cors: { origin: CLIENT_ORIGIN, credentials: true },
  // Only the app's own page may open a socket with the user's cookie (lesson 15); a client with no Origin is no browser.
  allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN),
});

const sessionMiddleware = session({
  store: new RedisStore({ client: redis }),
  secret: process.env.SESSION_SECRET ?? "keyboard cat",
  resave: false,
  saveUninitialized: false,
  // A session ends after 30 minutes without a request: Redis drops it when its TTL runs out.
  cookie: { maxAge: 30 * 60 * 1000 },
});

app.use(cors({ origin: CLIENT_ORIGIN, credentials: true }));
app.use(express.json());
app.use(sessionMiddleware);

app.post("/login", (req, res) => {
  const username = String(req.body?.username ?? "").trim();
  if (!username) {
    res.status(400).json({ error: "username is required" });
    return;
  }
  req.session.user = username;
  res.json({ user: username });
});

app.post("/logout", (req, res) => {
  // destroy() takes req.session away: keep its id to find the sockets of this session.
  const sessionId = req.session.id;
  req.session.destroy(() => {
    // The sockets of this session connected to this instance end now. Those on other instances
    // find out at their next event, when they look the session up (below).
    io.in(sessionId).disconnectSockets();
    res.sendStatus(204);
  });
});

app.get("/me", (req, res) => {
  res.json({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
});

io.engine.use(sessionMiddleware);
// Only logged-in users get a socket, and the session is looked up again as the socket connects: a
// tab whose handshake loaded it just before a logout must not join as the user.
io.use((socket, next) => {
  const req = socket.request as express.Request;
  if (!req.session?.user) return next(new Error("unauthorized"));
  req.session.reload((err) => next(err ? new Error("unauthorized") : undefined));
});

io.on("connection", (socket) => {
  const req = socket.request as express.Request;
  // One room per session, so that the logout can reach every socket of a session.
  if (req.session) socket.join(req.session.id);
  // The session can end while the socket stays open (a logout on another instance, its TTL):
  // look it up again, at most every half second: a session that ended elsewhere stops within that.
  let checkedAt = Date.now(); // io.use() has just looked it up
  socket.use((_packet, next) => {
    if (Date.now() - checkedAt < 500) return next();
    const at = Date.now();
    req.session.reload((err) => {
      if (err) return socket.disconnect();
      checkedAt = at;
      next();
    });
  });
  socket.on("whoami", (ack) => {
    ack({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
  });
});

httpServer.listen(PORT, "127.0.0.1", () => {
  console.log(`API listening on http://localhost:${PORT}`);
});
