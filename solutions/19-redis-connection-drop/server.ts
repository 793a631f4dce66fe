import { createServer } from "node:http";
import express from "express";
import session from "express-session";
import cors from "cors";
import { Server } from "socket.io";
import { createClient } from "redis";
import { RedisStore } from "connect-redis";

declare module "express-session" {
  interface SessionData {
    user: string;
  }
}

const PORT = Number(process.env.PORT ?? 3000);
const CLIENT_ORIGIN = process.env.CLIENT_ORIGIN ?? "http://localhost:8080";

// Sessions live in Redis, so that every instance behind the load balancer, and the next deploy,
// finds them. Set up as in connect-redis's README.
const redis = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });
redis.on("error", (err) => console.error("Redis:", err.message));
redis.connect().catch(console.error);

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } });

const sessionMiddleware = session({
  store: new RedisStore({ client: redis }),
  secret: process.env.SESSION_SECRET ?? "keyboard cat",
  resave: false,
  saveUninitialized: false,
});

app.use(cors({ origin: CLIENT_ORIGIN, credentials: true }));
app.use(express.json());
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
  req.session.destroy(() => res.sendStatus(204));
});

app.get("/me", (req, res) => {
  res.json({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
});

app.get("/stats", async (_req, res) => {
  res.json({ logins: Number((await redis.get("stats:logins")) ?? 0) });
});

io.engine.use(sessionMiddleware);

io.on("connection", (socket) => {
  const req = socket.request as express.Request;
  socket.on("whoami", (ack) => {
    ack({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
  });
});

httpServer.listen(PORT, "127.0.0.1", () => {
  console.log(`API listening on http://localhost:${PORT}`);
});
