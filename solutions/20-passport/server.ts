import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import session from "express-session";
import passport from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import cors from "cors";
import { Server } from "socket.io";

// What Passport keeps as the logged-in user: deserializeUser puts it on req.user.
declare global {
  namespace Express {
    interface User {
      id: string;
      name: string;
    }
  }
}

const PORT = Number(process.env.PORT ?? 3000);
const CLIENT_ORIGIN = process.env.CLIENT_ORIGIN ?? "http://localhost:8080";

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, {
  cors: { origin: CLIENT_ORIGIN, credentials: true },
  // Only the app's own page may open a socket with the user's cookie (lesson 15); a client with no Origin is no browser.
  allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN),
});

// The app's users by id (a database in a real app, with a password hash per user). In this demo
// every user's password is "workshop", and a user is created the first time its name logs in.
const DEMO_PASSWORD = "workshop";
const users = new Map<string, Express.User>();
function userNamed(name: string): Express.User {
  for (const user of users.values()) if (user.name === name) return user;
  const user = { id: randomUUID(), name };
  users.set(user.id, user);
  return user;
}

// Logging in: passport-local reads `username` and `password` from the body and asks this function.
passport.use(
  new LocalStrategy((username, password, done) => {
    const name = username.trim();
    if (!name || password !== DEMO_PASSWORD) return done(null, false, { message: "wrong name or password" });
    done(null, userNamed(name));
  }),
);

// The session keeps only the user's id; each request looks the user up again.
passport.serializeUser((user, done) => done(null, user.id));
passport.deserializeUser((id: string, done) => done(null, users.get(id) ?? false));

const sessionMiddleware = session({
  secret: process.env.SESSION_SECRET ?? "keyboard cat",
  resave: false,
  saveUninitialized: false,
});

app.use(cors({ origin: CLIENT_ORIGIN, credentials: true }));
app.use(express.json());
app.use(sessionMiddleware);
// Reads the user's id from the session and sets req.user (and gives req.logIn/req.logout).
app.use(passport.session());

app.post("/login", (req, res, next) => {
  // A custom callback, so that a refusal is JSON the page can show (by default Passport answers 401 in plain text).
  passport.authenticate("local", (err: unknown, user: Express.User | false, info?: { message?: string }) => {
    if (err) return next(err);
    if (!user) return res.status(401).json({ error: info?.message ?? "wrong name or password" });
    // Passport (0.6 and later) gives the session a new id at login, and keeps the user's id in it.
    req.logIn(user, (err) => {
      if (err) return next(err);
      res.json({ user: user.name });
    });
  })(req, res, next);
});

app.post("/logout", (req, res, next) => {
  // logout() replaces the session: keep its id to find the sockets of this session.
  const sessionId = req.session.id;
  req.logout((err) => {
    if (err) return next(err);
    // Each socket holds the user its handshake loaded: end those of this session.
    io.in(sessionId).disconnectSockets();
    res.sendStatus(204);
  });
});

app.get("/me", (req, res) => {
  res.json({ sessionId: req.session?.id ?? null, user: req.user?.name ?? null });
});

// Socket.IO's requests never go through app.use(). The engine runs a middleware for the handshake
// only: the later long-polling requests of a connection carry its Engine.IO id (`sid`).
function onlyForHandshake(middleware: express.RequestHandler) {
  return (req: express.Request & { _query: Record<string, string> }, res: express.Response, next: express.NextFunction) => {
    const isHandshake = req._query.sid === undefined;
    if (isHandshake) middleware(req, res, next);
    else next();
  };
}

io.engine.use(onlyForHandshake(sessionMiddleware));
// passport.session() too, after the session: it sets socket.request.user from the session's user id.
io.engine.use(onlyForHandshake(passport.session()));

// Only logged-in users get a socket, and the session is looked up again as the socket connects: a
// tab whose handshake loaded it just before a logout must not join as the user.
io.use((socket, next) => {
  const req = socket.request as express.Request;
  if (!req.user) return next(new Error("unauthorized"));
  req.session.reload((err) => next(err ? new Error("unauthorized") : undefined));
});

io.on("connection", (socket) => {
  const req = socket.request as express.Request;
  // One room per session, so that the logout can reach every socket of a session.
  socket.join(req.session.id);
  socket.on("whoami", (ack) => {
    ack({ sessionId: req.session.id, user: req.user?.name ?? null });
  });
});

httpServer.listen(PORT, "127.0.0.1", () => {
  console.log(`API listening on http://localhost:${PORT}`);
});
