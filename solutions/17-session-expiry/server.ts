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

const redis = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
redis.on("error", (err) => console.error("Redis:", err.message));
await redis.connect();

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } });

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
  req.session.destroy(() => res.sendStatus(204));
});

app.get("/me", (req, res) => {
  res.json({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
});

io.engine.use(sessionMiddleware);
// Only logged-in users get a socket.
io.use((socket, next) => next((socket.request as express.Request).session?.user ? undefined : new Error("unauthorized")));

io.on("connection", (socket) => {
  const req = socket.request as express.Request;
  // The session can end while the socket stays open: look it up again before every event.
  socket.use((_packet, next) => {
    req.session.reload((err) => (err ? socket.disconnect() : next()));
  });
  socket.on("whoami", (ack) => {
    ack({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
  });
});

httpServer.listen(PORT, "127.0.0.1", () => {
  console.log(`API listening on http://localhost:${PORT}`);
});
