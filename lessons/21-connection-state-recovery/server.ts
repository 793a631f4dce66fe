import { createServer } from "node:http";
import express from "express";
import session from "express-session";
import cors from "cors";
import { Server, type DefaultEventsMap } from "socket.io";

declare module "express-session" {
  interface SessionData {
    user: string;
  }
}

/** What a socket knows about its user: set once, by the auth middleware. */
interface SocketData {
  sessionId: string;
  user: string;
}

const PORT = Number(process.env.PORT ?? 3000);
const CLIENT_ORIGIN = process.env.CLIENT_ORIGIN ?? "http://localhost:8080";

const app = express();
const httpServer = createServer(app);
const io = new Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>(httpServer, {
  cors: { origin: CLIENT_ORIGIN, credentials: true },
  // Only the app's own page may open a socket with the user's cookie (lesson 15); a client with no Origin is no browser.
  allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN),
  // Our users are on flaky mobile networks and must miss no notification: a socket that comes
  // back within two minutes gets its id, rooms and data back, and the events it missed.
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
});

const store = new session.MemoryStore();
const sessionMiddleware = session({
  store,
  secret: process.env.SESSION_SECRET ?? "keyboard cat",
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
  // destroy() takes req.session away: keep its id to find the sockets of this session.
  const sessionId = req.session.id;
  req.session.destroy(() => {
    // Each socket holds what its handshake loaded: end those of this session.
    io.in(`session:${sessionId}`).disconnectSockets();
    res.sendStatus(204);
  });
});

app.get("/me", (req, res) => {
  res.json({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
});

// Pushes a notification to every socket the logged-in user has open.
app.post("/notify", (req, res) => {
  const user = req.session.user;
  if (!user) {
    res.sendStatus(401);
    return;
  }
  const text = typeof req.body?.text === "string" && req.body.text.trim() ? req.body.text.trim() : `Hello, ${user}!`;
  io.to(`user:${user}`).emit("notification", { text, at: new Date().toISOString() });
  res.sendStatus(204);
});

io.engine.use(sessionMiddleware);

// Only logged-in users get a socket. The session is looked up again as the socket connects (a
// handshake that loaded it just before a logout must not join), and the socket keeps who it is.
io.use((socket, next) => {
  const req = socket.request as express.Request;
  if (!req.session?.user) return next(new Error("unauthorized"));
  req.session.reload((err) => {
    if (err || !req.session.user) return next(new Error("unauthorized"));
    socket.data = { sessionId: req.session.id, user: req.session.user };
    next();
  });
});

io.on("connection", (socket) => {
  const { sessionId, user } = socket.data;
  // A room per session (the logout ends its sockets) and one per user (notifications reach every tab).
  socket.join([`session:${sessionId}`, `user:${user}`]);
  socket.on("whoami", (ack) => {
    ack({ sessionId, user });
  });
});

httpServer.listen(PORT, "127.0.0.1", () => {
  console.log(`API listening on http://localhost:${PORT}`);
});
