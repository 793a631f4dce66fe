import { createServer } from "node:http";
import express from "express";
import session, { type SessionData } from "express-session";
import cors from "cors";
import { parse } from "cookie";
import { unsign } from "cookie-signature";
import { Server } from "socket.io";

declare module "express-session" {
  interface SessionData {
    user: string;
  }
}

const PORT = Number(process.env.PORT ?? 3000);
const CLIENT_ORIGIN = process.env.CLIENT_ORIGIN ?? "http://localhost:8080";
const SESSION_SECRET = process.env.SESSION_SECRET ?? "keyboard cat";

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } });

const store = new session.MemoryStore();
const sessionMiddleware = session({
  secret: SESSION_SECRET,
  store,
  resave: false,
  saveUninitialized: false,
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

// The socket side looks the session up itself from the handshake's cookie:
// the value is "s:<session id>.<signature>", URL-encoded in the header.
function loadSession(cookieHeader: string | undefined): Promise<{ id: string; data: SessionData } | null> {
  const raw = parse(cookieHeader ?? "")["connect.sid"]; // parse() also URL-decodes
  if (!raw?.startsWith("s:")) return Promise.resolve(null);
  const sid = unsign(raw.slice(2), SESSION_SECRET);
  if (sid === false) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    store.get(sid, (err, data) => (err ? reject(err) : resolve(data ? { id: sid, data } : null)));
  });
}

io.use(async (socket, next) => {
  try {
    const found = await loadSession(socket.handshake.headers.cookie);
    socket.data.sessionId = found?.id ?? null;
    socket.data.user = found?.data.user ?? null;
    next();
  } catch (err) {
    next(err as Error);
  }
});

io.on("connection", (socket) => {
  socket.on("whoami", (ack) => {
    ack({ sessionId: socket.data.sessionId, user: socket.data.user });
  });
});

httpServer.listen(PORT, "127.0.0.1", () => {
  console.log(`API listening on http://localhost:${PORT}`);
});
