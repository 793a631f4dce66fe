import { createServer } from "node:http";
import { promisify } from "node:util";
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
// Secret rotation: new cookies are signed with SESSION_SECRET; cookies signed with the previous
// secret stay valid until they expire. express-session tries each secret in turn.
const SESSION_SECRETS = [process.env.SESSION_SECRET ?? "keyboard cat", process.env.PREVIOUS_SESSION_SECRET].filter(
  (secret) => secret !== undefined,
);

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } });

const store = new session.MemoryStore();
const sessionMiddleware = session({
  secret: SESSION_SECRETS,
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

// Looking a session up from its cookie, for code that does not run express-session: the socket
// handshake and the admin tools below. Always the app's own store: a new MemoryStore is empty.
const getSession = promisify(store.get);

/** The session a connect.sid value names; `value` is exactly as it appears in a Cookie header. */
async function sessionFromCookie(value: string | undefined): Promise<{ sessionId: string; user: string | null } | null> {
  // The value is "s:<session id>.<signature>".
  if (!value?.startsWith("s:")) return null;
  const sessionId = value.slice(2).split(".")[0];
  if (!sessionId) return null;
  const data = await getSession(sessionId);
  return data ? { sessionId, user: data.user ?? null } : null; // null: logged out, expired or never existed
}

function readCookie(header: string | undefined, name: string): string | undefined {
  return header?.split("; ").find((pair) => pair.startsWith(`${name}=`))?.slice(name.length + 1);
}

// Admin tools. A real app would require a staff role here; this demo lets any logged-in user in.
const requireLogin: express.RequestHandler = (req, res, next) => {
  if (req.session.user) next();
  else res.status(401).json({ error: "log in first" });
};

// Who is online: the users behind the sockets connected right now.
app.get("/admin/online", requireLogin, async (_req, res) => {
  const sockets = await io.fetchSockets();
  res.json({ online: [...new Set(sockets.map((s) => s.data.user).filter((user) => user !== null))] });
});

// Which session a connect.sid value belongs to, e.g. one a user pasted into a support ticket.
app.post("/admin/lookup", requireLogin, async (req, res) => {
  const found = await sessionFromCookie(String(req.body?.cookie ?? ""));
  if (found) res.json(found);
  else res.status(404).json({ error: "no session for this cookie" });
});

// The socket side authenticates with the same lookup, from the handshake's Cookie header.
io.use(async (socket, next) => {
  try {
    const found = await sessionFromCookie(readCookie(socket.handshake.headers.cookie, "connect.sid"));
    socket.data.sessionId = found?.sessionId ?? null;
    socket.data.user = found?.user ?? null;
    next();
  } catch (err) {
    console.error("session lookup failed:", err);
    next(new Error("session lookup failed"));
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
