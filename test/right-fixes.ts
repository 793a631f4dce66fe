// Other correct fixes than the reference solution: each must PASS. A checker that fails a
// fixed app lies as surely as one that passes a broken one.
import type { WrongFix } from "./wrong-fixes.ts";

export type RightFix = Omit<WrongFix, "fault">;

export const RIGHT_FIXES: RightFix[] = [
  {
    lesson: 1,
    name: "the session middleware on a router for the routes",
    edits: [
      { file: "server.ts", from: "app.use(express.json());\n", to: "app.use(express.json());\nconst router = express.Router();\nrouter.use(sessionMiddleware);\n" },
      { file: "server.ts", from: 'app.post("/login"', to: 'router.post("/login"' },
      { file: "server.ts", from: 'app.post("/logout"', to: 'router.post("/logout"' },
      { file: "server.ts", from: 'app.get("/me"', to: 'router.get("/me"' },
      { file: "server.ts", from: "app.use(sessionMiddleware);\n", to: "app.use(router);\n" },
    ],
  },
  {
    lesson: 1,
    name: "the session middleware for the three paths, before the routes",
    edits: [
      { file: "server.ts", from: "app.use(express.json());\n", to: 'app.use(express.json());\napp.use(["/login", "/logout", "/me"], sessionMiddleware);\n' },
      { file: "server.ts", from: "app.use(sessionMiddleware);\n", to: "" },
    ],
  },
  {
    lesson: 2,
    name: "the legacy io.use() wrapper (reads the session too)",
    edits: [
      {
        file: "server.ts",
        from: 'io.on("connection"',
        to: "io.use((socket, next) => sessionMiddleware(socket.request as express.Request, {} as express.Response, next as express.NextFunction));\n\nio.on(\"connection\"",
      },
    ],
  },
  {
    lesson: 3,
    name: "both sides back on the default path",
    edits: [{ file: "server.ts", from: '  path: "/api/socket.io",\n', to: "" }],
  },
  {
    lesson: 3,
    name: "the path with a trailing slash",
    edits: [{ file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: 'io(API_URL, { withCredentials: true, path: "/api/socket.io/" })' }],
  },
  {
    lesson: 4,
    name: "origins as a list",
    edits: [
      { file: "client.ts", from: "io(API_URL)", to: "io(API_URL, { withCredentials: true })" },
      { file: "server.ts", from: "cors: { origin: CLIENT_ORIGIN } }", to: "cors: { origin: [CLIENT_ORIGIN], credentials: true } }" },
    ],
  },
  {
    lesson: 9,
    name: "connects without the cookie, and on the refusal retries with it",
    edits: [
      {
        file: "bot.ts",
        from: "socket.on(\"connect_error\", (err) => {\n  console.error(`could not connect: ${err.message}`);\n  socket.disconnect();\n  process.exitCode = 1;\n});",
        to:
          "let retried = false;\nsocket.on(\"connect_error\", (err) => {\n  if (!retried) {\n    retried = true;\n" +
          "    socket.io.opts.extraHeaders = { cookie: res.headers.getSetCookie().map((c) => c.split(\";\")[0]).join(\"; \") };\n" +
          "    socket.connect();\n    return;\n  }\n  console.error(`could not connect: ${err.message}`);\n  socket.disconnect();\n  process.exitCode = 1;\n});",
      },
    ],
  },
  {
    lesson: 9,
    name: "WebSocket-only transport with the cookie",
    edits: [
      {
        file: "bot.ts",
        from: "const socket = io(API_URL);",
        to: 'const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");\nconst socket = io(API_URL, { transports: ["websocket"], extraHeaders: { cookie } });',
      },
    ],
  },
  {
    lesson: 6,
    name: "one store instance passed to both session() calls",
    edits: [{ file: "server.ts", from: "  saveUninitialized: false,\n};", to: "  saveUninitialized: false,\n  store: new session.MemoryStore(),\n};" }],
  },
  {
    lesson: 7,
    name: "connect only after login (no connect at load when already logged in)",
    edits: [
      { file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: "io(API_URL, { withCredentials: true, autoConnect: false })" },
      { file: "client.ts", from: "afterLogin: () => {}", to: "afterLogin: () => { socket.connect(); }" },
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);\n",
        to: 'io.engine.use(sessionMiddleware);\nio.use((socket, next) => {\n  const { user } = (socket.request as express.Request).session;\n  if (user) next();\n  else next(new Error("not logged in"));\n});\n',
      },
    ],
  },
  {
    lesson: 8,
    name: "reload before every event with socket.use(), save in cart:add",
    edits: [
      { file: "server.ts", from: "  const req = socket.request as express.Request;\n", to: "  const req = socket.request as express.Request;\n  socket.use((_packet, next) => req.session.reload((err) => (err ? socket.disconnect() : next())));\n" },
      { file: "server.ts", from: "    ack({ cart: req.session.cart });\n  });\n});", to: "    req.session.save(() => ack({ cart: req.session.cart }));\n  });\n});" },
    ],
  },
  {
    lesson: 8,
    name: "reload(next) in socket.use(): an event whose session is gone is dropped, unanswered",
    edits: [
      { file: "server.ts", from: "  const req = socket.request as express.Request;\n", to: "  const req = socket.request as express.Request;\n  socket.use((_packet, next) => req.session.reload(next));\n" },
      { file: "server.ts", from: "    ack({ cart: req.session.cart });\n  });\n});", to: "    req.session.save(() => ack({ cart: req.session.cart }));\n  });\n});" },
    ],
  },
  {
    lesson: 10,
    name: "a hand-made promise, cookie.parse() in the socket and decoding in the helper",
    edits: [
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      { file: "server.ts", from: "import session from \"express-session\";", to: "import session, { type SessionData } from \"express-session\";" },
      { file: "server.ts", from: "import cors from \"cors\";", to: "import cors from \"cors\";\nimport { parse } from \"cookie\";" },
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = (sid: string) =>\n  new Promise<SessionData | null | undefined>((resolve, reject) => store.get(sid, (err, data) => (err ? reject(err) : resolve(data))));" },
      { file: "server.ts", from: "  return header?.split(\"; \").find((pair) => pair.startsWith(`${name}=`))?.slice(name.length + 1);", to: "  return parse(header ?? \"\")[name];" },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value && decodeURIComponent(value);\n  if (!raw?.startsWith(\"s:\")) return null;\n  const sessionId = SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false);" },
    ],
  },
  {
    lesson: 11,
    name: "the session reloaded before each event; a socket whose session is gone is disconnected",
    edits: [
      {
        file: "server.ts",
        from: "  const req = socket.request as express.Request;\n",
        to:
          "  const req = socket.request as express.Request;\n" +
          "  socket.use((_packet, next) => {\n" +
          "    if (!req.session.user) return next();\n" +
          "    req.session.reload((err) => (err ? socket.disconnect() : next()));\n" +
          "  });\n",
      },
    ],
  },
  {
    lesson: 11,
    name: "a room per user: logout ends the user's sockets",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.destroy(() => {\n",
        to: "  const user = req.session.user;\n  req.session.destroy(() => {\n    if (user) io.in(`user:${user}`).disconnectSockets();\n",
      },
      {
        file: "server.ts",
        from: "  const req = socket.request as express.Request;\n",
        to: "  const req = socket.request as express.Request;\n  if (req.session.user) socket.join(`user:${req.session.user}`);\n",
      },
    ],
  },
  {
    lesson: 12,
    name: "session({ proxy: true })",
    edits: [{ file: "server.ts", from: "  saveUninitialized: false,\n", to: "  saveUninitialized: false,\n  proxy: true,\n" }],
  },
  {
    lesson: 12,
    name: "app.enable(\"trust proxy\")",
    edits: [{ file: "server.ts", from: "const sessionMiddleware = session({", to: 'app.enable("trust proxy");\n\nconst sessionMiddleware = session({' }],
  },
  {
    lesson: 12,
    name: "trust proxy \"loopback\" (the proxy runs on this machine)",
    edits: [{ file: "server.ts", from: "const sessionMiddleware = session({", to: 'app.set("trust proxy", "loopback");\n\nconst sessionMiddleware = session({' }],
  },
  {
    lesson: 13,
    name: "regenerate() awaited in an async handler",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.user = username;\n  res.json({ user: username });",
        to:
          "  const cart = req.session.cart;\n" +
          "  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));\n" +
          "  req.session.cart = cart;\n  req.session.user = username;\n  res.json({ user: username });",
      },
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", async (req, res) => {' },
    ],
  },
  {
    lesson: 13,
    name: "regenerate(), then save() before answering",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.user = username;\n  res.json({ user: username });",
        to:
          "  const { cart } = req.session;\n" +
          "  req.session.regenerate((err) => {\n    if (err) return next(err);\n" +
          "    Object.assign(req.session, { cart, user: username });\n" +
          "    req.session.save((err) => (err ? next(err) : res.json({ user: username })));\n  });",
      },
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", (req, res, next) => {' },
    ],
  },
  {
    lesson: 14,
    name: "a RedisStore with a key prefix of the app's own, the same on every instance",
    edits: [
      { file: "server.ts", from: 'import { createClient } from "redis";\n', to: 'import { createClient } from "redis";\nimport { RedisStore } from "connect-redis";\n' },
      { file: "server.ts", from: "const sessionMiddleware = session({\n", to: 'const sessionMiddleware = session({\n  store: new RedisStore({ client: redis, prefix: "shop:sess:", ttl: 24 * 60 * 60 }),\n' },
    ],
  },
  {
    lesson: 15,
    name: "a Socket.IO middleware that refuses other origins at connect",
    edits: [
      {
        file: "server.ts",
        from: 'io.on("connection"',
        to: 'io.use((socket, next) => {\n  const origin = socket.handshake.headers.origin;\n  next(origin && origin !== CLIENT_ORIGIN ? new Error("forbidden origin") : undefined);\n});\n\nio.on("connection"',
      },
    ],
  },
  {
    lesson: 15,
    name: "an Engine.IO middleware that answers 403 to other origins (it sees WebSocket upgrades too)",
    edits: [
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);\n",
        to: 'io.engine.use((req: express.Request, res: express.Response, next: express.NextFunction) => {\n  const origin = req.headers.origin;\n  if (origin && origin !== CLIENT_ORIGIN) {\n    res.writeHead(403);\n    res.end();\n    return;\n  }\n  next();\n});\nio.engine.use(sessionMiddleware);\n',
      },
    ],
  },
  {
    lesson: 16,
    name: "the cookie's path option removed (Path=/)",
    edits: [
      {
        file: "server.ts",
        from: '  // Only the API needs the session: keep the cookie off the health check and any static files.\n  cookie: { path: "/api" },\n',
        to: "",
      },
    ],
  },
  {
    lesson: 16,
    name: "the cookie's path set to /",
    edits: [{ file: "server.ts", from: 'cookie: { path: "/api" }', to: 'cookie: { path: "/" }' }],
  },
  {
    lesson: 17,
    name: "reload() before each event, the connection closed so the client reconnects (the guide's other way)",
    edits: [
      {
        file: "server.ts",
        from: '  socket.on("whoami", (ack) => {\n',
        to: '  socket.use((_packet, next) => {\n    req.session.reload((err) => (err ? socket.conn.close() : next()));\n  });\n  socket.on("whoami", (ack) => {\n',
      },
    ],
  },
  {
    lesson: 17,
    name: "reload() inside the handler",
    edits: [
      {
        file: "server.ts",
        from: '  socket.on("whoami", (ack) => {\n    ack({ sessionId: req.session?.id ?? null, user: req.session?.user ?? null });\n  });',
        to: '  socket.on("whoami", (ack) => {\n    req.session.reload((err) => {\n      if (err) return void socket.disconnect();\n      ack({ sessionId: req.session.id, user: req.session.user ?? null });\n    });\n  });',
      },
    ],
  },
  {
    lesson: 17,
    name: "the store asked directly before each event",
    edits: [
      {
        file: "server.ts",
        from: '  socket.on("whoami", (ack) => {\n',
        to: '  socket.use((_packet, next) => {\n    req.sessionStore.get(req.session.id, (err, stored) => (err || !stored ? socket.disconnect() : next()));\n  });\n  socket.on("whoami", (ack) => {\n',
      },
    ],
  },
  {
    lesson: 18,
    name: "the session middleware for the handshake only (the Socket.IO guide's onlyForHandshake), resave left true",
    edits: [
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);",
        to:
          "// Polls and posts after the handshake carry ?sid=: they skip the session (and the store).\n" +
          "const onlyForHandshake =\n" +
          "  (middleware: express.RequestHandler) =>\n" +
          "  (req: express.Request & { _query: Record<string, string> }, res: express.Response, next: express.NextFunction) =>\n" +
          "    req._query.sid === undefined ? middleware(req, res, next) : next();\n" +
          "io.engine.use(onlyForHandshake(sessionMiddleware));",
      },
    ],
  },
  {
    lesson: 18,
    name: "resave: false and the session middleware for the handshake only",
    edits: [
      { file: "server.ts", from: "  resave: true,", to: "  resave: false," },
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);",
        to: "io.engine.use((req: express.Request & { _query: Record<string, string> }, res: express.Response, next: express.NextFunction) =>\n  req._query.sid === undefined ? sessionMiddleware(req, res, next) : next(),\n);",
      },
    ],
  },
  {
    lesson: 18,
    name: "the legacy io.use() wrapper instead of io.engine.use() (no session on the polls), resave left true",
    edits: [
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);",
        to: "io.use((socket, next) => sessionMiddleware(socket.request as express.Request, {} as express.Response, next as express.NextFunction));",
      },
    ],
  },
  {
    lesson: 18,
    name: "resave: false, and only the page's own Origin accepted",
    edits: [
      { file: "server.ts", from: "  resave: true,", to: "  resave: false," },
      {
        file: "server.ts",
        from: "{ cors: { origin: CLIENT_ORIGIN, credentials: true } }",
        to: "{ cors: { origin: CLIENT_ORIGIN, credentials: true }, allowRequest: (req, callback) => callback(null, req.headers.origin === CLIENT_ORIGIN) }",
      },
    ],
  },
  {
    lesson: 19,
    name: "the error listener after connect(), logging with console.warn",
    edits: [
      { file: "server.ts", from: "redis.connect().catch(console.error);\n", to: 'redis.connect().catch(console.error);\nredis.on("error", (err) => console.warn(`Redis connection problem: ${err}`));\n' },
    ],
  },
  {
    lesson: 19,
    name: "an error listener that only counts, and a log line on each reconnect",
    edits: [
      {
        file: "server.ts",
        from: "redis.connect().catch(console.error);\n",
        to: 'let redisErrors = 0;\nredis.on("error", () => redisErrors++);\nredis.on("reconnecting", () => console.warn(`Redis: reconnecting (${redisErrors} errors so far)`));\nredis.connect().catch(console.error);\n',
      },
    ],
  },
];
