import { createServer } from "node:http";
import express from "express";
import session from "express-session";
import cors from "cors";
import { Server } from "socket.io";

declare module "express-session" {
  interface SessionData {
    user: string;
  }
}

const PORT = Number(process.env.PORT ?? 3000);
const CLIENT_ORIGIN = process.env.CLIENT_ORIGIN ?? "http://localhost:8080";

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, {
  path: "/api/socket.io",
  cors: { origin: CLIENT_ORIGIN, credentials: true },
});

const sessionMiddleware = session({
  secret: process.env.SESSION_SECRET ?? "keyboard cat",
  resave: false,
  saveUninitialized: false,
  // Only the API needs the session: keep the cookie off the health check and any static files.
  cookie: { path: "/api" },
});

app.use(cors({ origin: CLIENT_ORIGIN, credentials: true }));
app.use(express.json());
app.use(sessionMiddleware);

const api = express.Router();

api.post("/login", (req, res) => {
  const username = String(req.body?.username ?? "").trim();
  if (!username) {
    res.status(400).json({ error: "username is required" });
    return;
  }
  req.session.user = username;
  res.json({ user: username });
});

api.post("/logout", (req, res) => {
  req.session.destroy(() => res.sendStatus(204));
});

api.get("/me", (req, res) => {
  res.json({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
});

app.use("/api", api);
app.get("/health", (_req, res) => {
  res.json({ ok: true });
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
