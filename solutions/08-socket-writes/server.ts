import { createServer } from "node:http";
import express from "express";
import session from "express-session";
import cors from "cors";
import { Server } from "socket.io";

declare module "express-session" {
  interface SessionData {
    user: string;
    cart: string[];
  }
}

const PORT = Number(process.env.PORT ?? 3000);
const CLIENT_ORIGIN = process.env.CLIENT_ORIGIN ?? "http://localhost:8080";

const app = express();
const httpServer = createServer(app);
const io = new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } });

const sessionMiddleware = session({
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
  req.session.destroy(() => res.sendStatus(204));
});

app.get("/me", (req, res) => {
  res.json({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
});

// The shopping cart lives in the session. Over HTTP, express-session saves it when the response ends.
app.get("/cart", (req, res) => {
  res.json({ cart: req.session.cart ?? [] });
});

app.post("/cart", (req, res) => {
  const item = String(req.body?.item ?? "").trim();
  if (!item) {
    res.status(400).json({ error: "item is required" });
    return;
  }
  req.session.cart = [...(req.session.cart ?? []), item];
  res.json({ cart: req.session.cart });
});

io.engine.use(sessionMiddleware);

io.on("connection", (socket) => {
  const req = socket.request as express.Request;
  socket.on("whoami", (ack) => {
    ack({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });
  });

  // The shop page adds items in one click, over the socket it already has open.
  // req.session is the copy loaded at the handshake: reload() before reading, save() after
  // writing. reload() replaces req.session, so always go through req.session afterwards.
  socket.on("cart:get", (ack) => {
    req.session.reload((err) => ack(err ? { error: "session not found" } : { cart: req.session.cart ?? [] }));
  });
  socket.on("cart:add", (item: string, ack) => {
    req.session.reload((err) => {
      if (err) return ack({ error: "session not found" });
      req.session.cart = [...(req.session.cart ?? []), String(item)];
      req.session.save((err) => ack(err ? { error: "could not save the cart" } : { cart: req.session.cart }));
    });
  });
});

httpServer.listen(PORT, "127.0.0.1", () => {
  console.log(`API listening on http://localhost:${PORT}`);
});
