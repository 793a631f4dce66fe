// Plausible wrong fixes that learners try, each applied to the pristine lesson: every one must
// still FAIL the verifier (a verifier that passes a broken app is this project's worst bug).
// Like learnyounode's invalid solutions, but written as edits so they stay in step with the lesson.
import type { FaultCode } from "../verify/faults.ts";

export interface WrongFix {
  lesson: number;
  name: string;
  /** Edits on the pristine lesson: in `file`, replace `from` (must occur) with `to`. */
  edits: { file: string; from: string; to: string }[];
  /** The fault the verifier must report. */
  fault: FaultCode;
}

export const WRONG_FIXES: WrongFix[] = [
  {
    lesson: 1,
    name: "a second session() before the routes",
    edits: [
      {
        file: "server.ts",
        from: "app.use(express.json());\n",
        to: 'app.use(express.json());\napp.use(session({ secret: process.env.SESSION_SECRET ?? "keyboard cat", resave: false, saveUninitialized: false }));\n',
      },
    ],
    // A second session() has its own MemoryStore: express-session finds no session there for the
    // cookie's id and starts a fresh one, so the socket's id differs (not "same id, no data").
    fault: "SOCKET_SESSION_MISMATCH",
  },
  {
    lesson: 1,
    name: "moved before the routes but dropped from Socket.IO",
    edits: [
      { file: "server.ts", from: "app.use(express.json());\n", to: "app.use(express.json());\napp.use(sessionMiddleware);\n" },
      { file: "server.ts", from: "app.use(sessionMiddleware);\nio.engine.use(sessionMiddleware);", to: "" },
    ],
    fault: "SOCKET_SESSION_MISSING",
  },
  {
    lesson: 1,
    name: "session middleware added to the login and /me routes only",
    edits: [
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", sessionMiddleware, (req, res) => {' },
      { file: "server.ts", from: 'app.get("/me", (req, res) => {', to: 'app.get("/me", sessionMiddleware, (req, res) => {' },
      { file: "server.ts", from: "app.use(sessionMiddleware);\n", to: "" },
    ],
    // /logout has no req.session: destroy() throws and Express answers 500.
    fault: "LOGOUT_FAILED",
  },
  {
    lesson: 1,
    name: "session middleware on the login and /me routes only, and /logout answers without one",
    edits: [
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", sessionMiddleware, (req, res) => {' },
      { file: "server.ts", from: 'app.get("/me", (req, res) => {', to: 'app.get("/me", sessionMiddleware, (req, res) => {' },
      { file: "server.ts", from: "  req.session.destroy(() => res.sendStatus(204));", to: "  if (!req.session) {\n    res.sendStatus(204);\n    return;\n  }\n  req.session.destroy(() => res.sendStatus(204));" },
      { file: "server.ts", from: "app.use(sessionMiddleware);\n", to: "" },
    ],
    fault: "LOGOUT_FAILED",
  },
  {
    lesson: 1,
    name: "/logout with a session() of its own",
    edits: [
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", sessionMiddleware, (req, res) => {' },
      { file: "server.ts", from: 'app.get("/me", (req, res) => {', to: 'app.get("/me", sessionMiddleware, (req, res) => {' },
      {
        file: "server.ts",
        from: 'app.post("/logout", (req, res) => {',
        to: 'app.post("/logout", session({ secret: process.env.SESSION_SECRET ?? "keyboard cat", resave: false, saveUninitialized: false }), (req, res) => {',
      },
      { file: "server.ts", from: "app.use(sessionMiddleware);\n", to: "" },
    ],
    // A second session() has a MemoryStore of its own, where the session does not exist.
    fault: "LOGOUT_FAILED",
  },
  {
    lesson: 1,
    name: "session middleware on the login and /me routes only, and req.session?.destroy() in /logout",
    edits: [
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", sessionMiddleware, (req, res) => {' },
      { file: "server.ts", from: 'app.get("/me", (req, res) => {', to: 'app.get("/me", sessionMiddleware, (req, res) => {' },
      { file: "server.ts", from: "  req.session.destroy(() => res.sendStatus(204));", to: "  req.session?.destroy(() => res.sendStatus(204));" },
      { file: "server.ts", from: "app.use(sessionMiddleware);\n", to: "" },
    ],
    // /logout never answers.
    fault: "LOGOUT_FAILED",
  },
  {
    lesson: 2,
    name: "a new session() instance for Socket.IO",
    edits: [
      {
        file: "server.ts",
        from: 'io.on("connection"',
        to: 'io.engine.use(session({ secret: process.env.SESSION_SECRET ?? "keyboard cat", resave: false, saveUninitialized: false }));\n\nio.on("connection"',
      },
    ],
    fault: "SOCKET_SESSION_MISMATCH",
  },
  {
    lesson: 2,
    name: "session middleware with the default secret",
    edits: [
      {
        file: "server.ts",
        from: 'io.on("connection"',
        to: 'io.engine.use(session({ secret: "keyboard cat", resave: false, saveUninitialized: false }));\n\nio.on("connection"',
      },
    ],
    fault: "SOCKET_SESSION_MISMATCH",
  },
  {
    lesson: 2,
    name: "io.engine.use() inside io.on(\"connection\")",
    edits: [{ file: "server.ts", from: "  const req = socket.request as express.Request;\n", to: "  io.engine.use(sessionMiddleware);\n  const req = socket.request as express.Request;\n" }],
    // The page's socket from before the login registers it; only a fresh server's first socket shows it.
    fault: "SOCKET_SESSION_LATE",
  },
  {
    lesson: 3,
    name: "the path put into the URL (that is a namespace)",
    edits: [{ file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: 'io(`${API_URL}/api/socket.io`, { withCredentials: true })' }],
    fault: "SOCKET_PATH_MISMATCH",
  },
  {
    lesson: 3,
    name: "the right path, and the API's prefix put into the URL as well",
    edits: [{ file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: 'io(`${API_URL}/api`, { withCredentials: true, path: "/api/socket.io" })' }],
    // The handshake reaches the server; Socket.IO then refuses the namespace "/api".
    fault: "SOCKET_INVALID_NAMESPACE",
  },
  {
    lesson: 3,
    name: "a path with a typo",
    edits: [{ file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: 'io(API_URL, { withCredentials: true, path: "/socket.io/api" })' }],
    fault: "SOCKET_PATH_MISMATCH",
  },
  {
    lesson: 4,
    name: "client fixed, server CORS still without credentials",
    edits: [{ file: "client.ts", from: "io(API_URL)", to: "io(API_URL, { withCredentials: true })" }],
    fault: "CORS_CREDENTIALS_MISSING",
  },
  {
    lesson: 4,
    name: "server fixed, client still without withCredentials",
    edits: [{ file: "server.ts", from: "cors: { origin: CLIENT_ORIGIN } }", to: "cors: { origin: CLIENT_ORIGIN, credentials: true } }" }],
    fault: "SOCKET_CREDENTIALS_MISSING",
  },
  {
    lesson: 4,
    name: "wildcard origin with credentials",
    edits: [
      { file: "client.ts", from: "io(API_URL)", to: "io(API_URL, { withCredentials: true })" },
      { file: "server.ts", from: "cors: { origin: CLIENT_ORIGIN } }", to: 'cors: { origin: "*", credentials: true } }' },
    ],
    fault: "CORS_WILDCARD_WITH_CREDENTIALS",
  },
  {
    lesson: 4,
    name: "the client on WebSocket only, the server untouched",
    edits: [{ file: "client.ts", from: "io(API_URL)", to: 'io(API_URL, { withCredentials: true, transports: ["websocket"] })' }],
    // The WebSocket handshake is not subject to CORS; Socket.IO's polling transport still is.
    fault: "CORS_CREDENTIALS_MISSING",
  },
  {
    lesson: 4,
    name: "the credentials header added to the handshake's answer only (initial_headers)",
    edits: [
      { file: "client.ts", from: "io(API_URL)", to: "io(API_URL, { withCredentials: true })" },
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);\n",
        to: 'io.engine.use(sessionMiddleware);\nio.engine.on("initial_headers", (headers: Record<string, string>) => {\n  headers["Access-Control-Allow-Credentials"] = "true";\n});\n',
      },
    ],
    // The handshake gets through; the next long-polling request is blocked.
    fault: "CORS_CREDENTIALS_MISSING",
  },
  {
    lesson: 4,
    name: "credentials allowed for any origin (origin: true)",
    edits: [
      { file: "client.ts", from: "io(API_URL)", to: "io(API_URL, { withCredentials: true })" },
      { file: "server.ts", from: "cors: { origin: CLIENT_ORIGIN } }", to: "cors: { origin: true, credentials: true } }" },
    ],
    fault: "CORS_ANY_ORIGIN",
  },
  {
    lesson: 5,
    name: "the right secret, but the s: prefix left on",
    edits: [
      { file: "server.ts", from: "unsign(raw.slice(2), COOKIE_SECRET)", to: "unsign(raw, SESSION_SECRET)" },
    ],
    fault: "SOCKET_SECRET_MISMATCH",
  },
  {
    lesson: 5,
    name: "the raw header value, never URL-decoded",
    edits: [
      {
        file: "server.ts",
        from: 'const raw = parse(cookieHeader ?? "")["connect.sid"]; // parse() also URL-decodes',
        to: 'const raw = (cookieHeader ?? "").split("connect.sid=")[1]?.split(";")[0];',
      },
      { file: "server.ts", from: "unsign(raw.slice(2), COOKIE_SECRET)", to: "unsign(raw.slice(2), SESSION_SECRET)" },
    ],
    fault: "SOCKET_SECRET_MISMATCH",
  },
  {
    lesson: 8,
    name: "reload() and save() in every handler, their errors ignored",
    edits: [
      { file: "server.ts", from: "    ack({ cart: req.session.cart ?? [] });", to: "    req.session.reload(() => ack({ cart: req.session.cart ?? [] }));" },
      {
        file: "server.ts",
        from: "    req.session.cart = [...(req.session.cart ?? []), String(item)];\n    ack({ cart: req.session.cart });",
        to: "    req.session.reload(() => {\n      req.session.cart = [...(req.session.cart ?? []), String(item)];\n      req.session.save(() => ack({ cart: req.session.cart }));\n    });",
      },
    ],
    // Right until the session ends: then the failed reload keeps the old copy, and save() revives it.
    fault: "SOCKET_WRITE_REVIVES_SESSION",
  },
  {
    lesson: 8,
    name: "the store read and written directly, a missing session not checked",
    edits: [
      { file: "server.ts", from: "    ack({ cart: req.session.cart ?? [] });", to: "    req.sessionStore.get(req.session.id, (_err, stored) => ack({ cart: stored?.cart ?? [] }));" },
      {
        file: "server.ts",
        from: "    req.session.cart = [...(req.session.cart ?? []), String(item)];\n    ack({ cart: req.session.cart });",
        to: "    req.sessionStore.get(req.session.id, (_err, stored) => {\n      const cart = [...(stored?.cart ?? []), String(item)];\n      req.sessionStore.set(req.session.id, { ...stored, cart } as session.SessionData, () => ack({ cart }));\n    });",
      },
    ],
    // After logout this stores a record without a cookie: express-session then fails every request.
    fault: "SOCKET_WRITE_REVIVES_SESSION",
  },
  {
    lesson: 9,
    name: "withCredentials in Node (keeps only the socket's own cookies)",
    edits: [{ file: "bot.ts", from: "const socket = io(API_URL);", to: "const socket = io(API_URL, { withCredentials: true });" }],
    fault: "NODE_CLIENT_COOKIE_MISSING",
  },
  {
    lesson: 9,
    name: "the cookie sent in auth instead of a Cookie header",
    edits: [
      {
        file: "bot.ts",
        from: "const socket = io(API_URL);",
        to: 'const socket = io(API_URL, { auth: { cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") } });',
      },
    ],
    fault: "NODE_CLIENT_COOKIE_MISSING",
  },
  {
    lesson: 5,
    name: "the signature check dropped: the id read straight from the cookie",
    edits: [{ file: "server.ts", from: "const sid = unsign(raw.slice(2), COOKIE_SECRET);\n  if (sid === false) return Promise.resolve(null);", to: 'const sid = raw.slice(2).split(".")[0]!;' }],
    fault: "TAMPERED_COOKIE_ACCEPTED",
  },
  {
    lesson: 5,
    name: "unsign() with the bare id as a fallback",
    edits: [
      {
        file: "server.ts",
        from: "const sid = unsign(raw.slice(2), COOKIE_SECRET);\n  if (sid === false) return Promise.resolve(null);",
        to: 'const sid = unsign(raw.slice(2), COOKIE_SECRET) || raw.slice(2).split(".")[0]!;',
      },
    ],
    fault: "TAMPERED_COOKIE_ACCEPTED",
  },
  {
    lesson: 5,
    name: "cookie-parser's signedCookie(), which passes unsigned values through",
    edits: [
      {
        file: "server.ts",
        from: '  if (!raw?.startsWith("s:")) return Promise.resolve(null);\n  const sid = unsign(raw.slice(2), COOKIE_SECRET);\n  if (sid === false) return Promise.resolve(null);',
        to: '  if (!raw) return Promise.resolve(null);\n  const sid = signedCookie(raw, SESSION_SECRET);\n  if (!sid) return Promise.resolve(null);',
      },
      {
        file: "server.ts",
        from: "// The socket side looks the session up itself",
        to: 'function signedCookie(str: string, secret: string): string | false {\n  if (str.substr(0, 2) !== "s:") return str;\n  return unsign(str.slice(2), secret);\n}\n\n// The socket side looks the session up itself',
      },
    ],
    fault: "UNSIGNED_COOKIE_ACCEPTED",
  },
  {
    lesson: 5,
    name: "both secrets tried, the socket's own development default among them",
    edits: [
      { file: "server.ts", from: "const sid = unsign(raw.slice(2), COOKIE_SECRET);", to: "const sid = [SESSION_SECRET, COOKIE_SECRET].map((s) => unsign(raw.slice(2), s)).find((v) => v !== false) ?? false;" },
    ],
    // COOKIE_SECRET is unset in production, so "keyboard cat" (public) signs cookies the socket accepts.
    fault: "TAMPERED_COOKIE_ACCEPTED",
  },
  {
    lesson: 6,
    name: "a new MemoryStore() in each session() call",
    edits: [
      { file: "server.ts", from: "app.use(session(sessionOptions));", to: "app.use(session({ ...sessionOptions, store: new session.MemoryStore() }));" },
      { file: "server.ts", from: "io.engine.use(session(sessionOptions));", to: "io.engine.use(session({ ...sessionOptions, store: new session.MemoryStore() }));" },
    ],
    fault: "SOCKET_STORE_MISMATCH",
  },
  {
    lesson: 6,
    name: "resave: true so that the session gets saved",
    edits: [{ file: "server.ts", from: "resave: false,", to: "resave: true," }],
    fault: "SOCKET_STORE_MISMATCH",
  },
  {
    lesson: 6,
    name: "the session saved before POST /login answers",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.user = username;\n  res.json({ user: username });",
        to: "  req.session.user = username;\n  req.session.save(() => res.json({ user: username }));",
      },
    ],
    fault: "SOCKET_STORE_MISMATCH",
  },
  {
    lesson: 6,
    name: "saveUninitialized: true, so the socket's own session is saved too",
    edits: [{ file: "server.ts", from: "  saveUninitialized: false,\n};", to: "  saveUninitialized: true,\n};" }],
    // The socket's middleware starts a session of its own, and its cookie replaces the login's.
    fault: "SOCKET_REPLACED_COOKIE",
  },
  {
    lesson: 7,
    name: "connects after login, but the server still accepts anonymous sockets",
    edits: [
      { file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: "io(API_URL, { withCredentials: true, autoConnect: false })" },
      { file: "client.ts", from: "afterLogin: () => {}", to: "afterLogin: () => void socket.connect()" },
    ],
    fault: "ANONYMOUS_SOCKET_ACCEPTED",
  },
  {
    lesson: 7,
    name: "reloads after login, but the server still accepts anonymous sockets",
    edits: [{ file: "client.ts", from: ", afterLogin: () => {} });", to: " });" }],
    fault: "PAGE_RELOADED_AFTER_LOGIN",
  },
  {
    lesson: 7,
    name: "reloads after login, and the server refuses anonymous sockets",
    edits: [
      { file: "client.ts", from: ", afterLogin: () => {} });", to: " });" },
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);\n",
        to: 'io.engine.use(sessionMiddleware);\nio.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new Error("unauthorized")));\n',
      },
    ],
    // Works, but not as the single-page app the lesson is about: the reload hides the early socket.
    fault: "PAGE_RELOADED_AFTER_LOGIN",
  },
  {
    lesson: 7,
    name: "refuses anonymous sockets, but the page still connects only at load",
    edits: [
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);\n",
        to: 'io.engine.use(sessionMiddleware);\nio.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new Error("unauthorized")));\n',
      },
    ],
    fault: "SOCKET_NOT_RECONNECTED",
  },
  {
    lesson: 7,
    name: "socket.connect() after login on a socket that is already connected",
    edits: [{ file: "client.ts", from: "afterLogin: () => {}", to: "afterLogin: () => void socket.connect()" }],
    fault: "SOCKET_OPENED_BEFORE_LOGIN",
  },
  {
    lesson: 7,
    name: "refuses handshakes without a session object (every request has one)",
    edits: [
      { file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: "io(API_URL, { withCredentials: true, autoConnect: false })" },
      { file: "client.ts", from: "afterLogin: () => {}", to: "afterLogin: () => void socket.connect()" },
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);\n",
        to: 'io.engine.use(sessionMiddleware);\nio.use((socket, next) => next((socket.request as express.Request).session ? undefined : new Error("unauthorized")));\n',
      },
    ],
    fault: "ANONYMOUS_SOCKET_ACCEPTED",
  },
  {
    lesson: 7,
    name: "refuses handshakes without a cookie",
    edits: [
      { file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: "io(API_URL, { withCredentials: true, autoConnect: false })" },
      { file: "client.ts", from: "afterLogin: () => {}", to: "afterLogin: () => void socket.connect()" },
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);\n",
        to: 'io.engine.use(sessionMiddleware);\nio.use((socket, next) => next(socket.handshake.headers.cookie ? undefined : new Error("unauthorized")));\n',
      },
    ],
    fault: "ANONYMOUS_SOCKET_ACCEPTED",
  },
  {
    lesson: 7,
    name: "the notification sent with io.emit() (to everybody)",
    edits: [
      { file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: "io(API_URL, { withCredentials: true, autoConnect: false })" },
      { file: "client.ts", from: "afterLogin: () => {}", to: "afterLogin: () => void socket.connect()" },
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);\n",
        to: 'io.engine.use(sessionMiddleware);\nio.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new Error("unauthorized")));\n',
      },
      { file: "server.ts", from: "io.to(`user:${user}`).emit(\"notification\"", to: "io.emit(\"notification\"" },
    ],
    fault: "PUSH_REACHED_OTHERS",
  },
  {
    lesson: 7,
    name: "the user taken from the handshake's auth payload",
    edits: [
      { file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: "io(API_URL, { withCredentials: true, autoConnect: false })" },
      {
        file: "client.ts",
        from: "afterLogin: () => {}",
        to: "afterLogin: async () => {\n  const me = (await (await fetch(`${API_URL}/me`, { credentials: \"include\" })).json()) as { user: string | null };\n  socket.auth = { user: me.user };\n  socket.connect();\n}",
      },
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);\n",
        to: 'io.engine.use(sessionMiddleware);\nio.use((socket, next) => (socket.handshake.auth?.user ? next() : next(new Error("unauthorized"))));\n',
      },
      { file: "server.ts", from: "  const user = req.session.user;\n  if (user) socket.join", to: "  const user = socket.handshake.auth.user as string;\n  if (user) socket.join" },
    ],
    fault: "CLIENT_IDENTITY_TRUSTED",
  },
  {
    lesson: 8,
    name: "save() without reload()",
    edits: [
      { file: "server.ts", from: "    ack({ cart: req.session.cart });\n  });\n});", to: "    req.session.save(() => ack({ cart: req.session.cart }));\n  });\n});" },
    ],
    // The socket's copy dates from the handshake: saving it drops what POST /cart stored since.
    fault: "SOCKET_LOST_UPDATE",
  },
  {
    lesson: 8,
    name: "reload() without save()",
    edits: [
      { file: "server.ts", from: "    ack({ cart: req.session.cart ?? [] });", to: "    req.session.reload((err) => ack(err ? { error: \"session not found\" } : { cart: req.session.cart ?? [] }));" },
      { file: "server.ts", from: "    req.session.cart = [...(req.session.cart ?? []), String(item)];\n    ack({ cart: req.session.cart });", to: "    req.session.reload((err) => {\n      if (err) return ack({ error: \"session not found\" });\n      req.session.cart = [...(req.session.cart ?? []), String(item)];\n      ack({ cart: req.session.cart });\n    });" },
    ],
    fault: "SOCKET_WRITE_NOT_SAVED",
  },
  {
    lesson: 8,
    name: "reload() and save(), through a reference taken before the reload",
    edits: [
      { file: "server.ts", from: "  const req = socket.request as express.Request;\n", to: "  const req = socket.request as express.Request;\n  const session = req.session;\n" },
      { file: "server.ts", from: "    ack({ cart: req.session.cart ?? [] });", to: "    req.session.reload((err) => ack(err ? { error: \"session not found\" } : { cart: session.cart ?? [] }));" },
      { file: "server.ts", from: "    req.session.cart = [...(req.session.cart ?? []), String(item)];\n    ack({ cart: req.session.cart });", to: "    req.session.reload((err) => {\n      if (err) return ack({ error: \"session not found\" });\n      session.cart = [...(session.cart ?? []), String(item)];\n      session.save(() => ack({ cart: session.cart }));\n    });" },
    ],
    // reload() puts a new object in req.session; the captured one is the handshake's copy, saved over the store.
    fault: "SOCKET_LOST_UPDATE",
  },
  {
    lesson: 8,
    name: "cart:add reloads and saves, cart:get still reads the old copy",
    edits: [
      { file: "server.ts", from: "    req.session.cart = [...(req.session.cart ?? []), String(item)];\n    ack({ cart: req.session.cart });", to: "    req.session.reload((err) => {\n      if (err) return ack({ error: \"session not found\" });\n      req.session.cart = [...(req.session.cart ?? []), String(item)];\n      req.session.save(() => ack({ cart: req.session.cart }));\n    });" },
    ],
    fault: "SOCKET_STALE_READ",
  },
  {
    lesson: 10,
    name: "decoded and bound, but the signature never checked",
    edits: [
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = promisify(store.get).bind(store);" },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value && decodeURIComponent(value);\n  if (!raw?.startsWith(\"s:\")) return null;\n  const sessionId = raw.slice(2).split(\".\")[0];" },
    ],
    // The page works perfectly; only the forged-signature probe shows that any session id is accepted.
    fault: "TAMPERED_COOKIE_ACCEPTED",
  },
  {
    lesson: 10,
    name: "store.get bound, the value still URL-encoded",
    edits: [
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = promisify(store.get).bind(store);" },
    ],
    fault: "COOKIE_LOOKUP_FAILED",
  },
  {
    lesson: 10,
    name: "decoded and verified, store.get still unbound",
    edits: [
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value && decodeURIComponent(value);\n  if (!raw?.startsWith(\"s:\")) return null;\n  const sessionId = SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false);" },
    ],
    // `this` is lost: store.get throws, the socket is refused (SOCKET_REJECTED, refined).
    fault: "COOKIE_LOOKUP_FAILED",
  },
  {
    lesson: 10,
    name: "verified with the development secret",
    edits: [
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = promisify(store.get).bind(store);" },
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value && decodeURIComponent(value);\n  if (!raw?.startsWith(\"s:\")) return null;\n  const sessionId = unsign(raw.slice(2), \"keyboard cat\");" },
    ],
    fault: "COOKIE_LOOKUP_FAILED",
  },
  {
    lesson: 10,
    name: "verified with the current secret only (no rotation)",
    edits: [
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = promisify(store.get).bind(store);" },
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value && decodeURIComponent(value);\n  if (!raw?.startsWith(\"s:\")) return null;\n  const sessionId = unsign(raw.slice(2), SESSION_SECRETS[0]!);" },
    ],
    // Cookies from before a secret rotation still work over HTTP, not over the socket.
    fault: "PREVIOUS_SECRET_REFUSED",
  },
  {
    lesson: 10,
    name: "only the s%3A prefix decoded, the signature left encoded",
    edits: [
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = promisify(store.get).bind(store);" },
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value?.replace(\"s%3A\", \"s:\");\n  if (!raw?.startsWith(\"s:\")) return null;\n  const sessionId = SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false);" },
    ],
    // Works for the one user in four whose signature has no "+" or "/"; the check finds another.
    fault: "COOKIE_LOOKUP_FAILED",
  },
  {
    lesson: 10,
    name: "a session id from the handshake's query string as a fallback",
    edits: [
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = promisify(store.get).bind(store);" },
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value && decodeURIComponent(value);\n  if (!raw?.startsWith(\"s:\")) return null;\n  const sessionId = SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false);" },
      { file: "server.ts", from: "    const found = await sessionFromCookie(readCookie(socket.handshake.headers.cookie, \"connect.sid\"));", to: "    // Mobile clients cannot keep cookies: they pass the session id from GET /me in the query string.\n    const fromQuery = socket.handshake.query.sessionId;\n    const queried = typeof fromQuery === \"string\" ? await getSession(fromQuery) : null;\n    const found = (await sessionFromCookie(readCookie(socket.handshake.headers.cookie, \"connect.sid\"))) ??\n      (queried ? { sessionId: String(fromQuery), user: queried.user ?? null } : null);" },
    ],
    fault: "CLIENT_SESSION_ID_TRUSTED",
  },
  {
    lesson: 10,
    name: "a session id from the handshake's auth as a fallback",
    edits: [
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = promisify(store.get).bind(store);" },
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value && decodeURIComponent(value);\n  if (!raw?.startsWith(\"s:\")) return null;\n  const sessionId = SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false);" },
      { file: "server.ts", from: "    const found = await sessionFromCookie(readCookie(socket.handshake.headers.cookie, \"connect.sid\"));", to: "    // Clients that cannot send cookies send the session id they got from GET /me instead.\n    const fromAuth = socket.handshake.auth.sessionId;\n    const data = typeof fromAuth === \"string\" ? await getSession(fromAuth) : null;\n    const found = (await sessionFromCookie(readCookie(socket.handshake.headers.cookie, \"connect.sid\"))) ??\n      (data ? { sessionId: String(fromAuth), user: data.user ?? null } : null);" },
    ],
    fault: "CLIENT_SESSION_ID_TRUSTED",
  },
  {
    lesson: 10,
    name: "bare session ids accepted as an old cookie format",
    edits: [
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = promisify(store.get).bind(store);" },
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value && decodeURIComponent(value);\n  if (!raw) return null;\n  // Cookies set before we signed them hold the bare id.\n  const sessionId = raw.startsWith(\"s:\") ? SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false) : raw;" },
    ],
    fault: "UNSIGNED_COOKIE_ACCEPTED",
  },
  {
    lesson: 10,
    name: "decoded by cookie.parse in the socket only, not in the shared helper",
    edits: [
      { file: "server.ts", from: "const getSession = promisify(store.get);", to: "const getSession = promisify(store.get).bind(store);" },
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      { file: "server.ts", from: "import cors from \"cors\";", to: "import cors from \"cors\";\nimport { parse } from \"cookie\";" },
      { file: "server.ts", from: "  return header?.split(\"; \").find((pair) => pair.startsWith(`${name}=`))?.slice(name.length + 1);", to: "  return parse(header ?? \"\")[name]; // parse() URL-decodes" },
      { file: "server.ts", from: "  const sessionId = value.slice(2).split(\".\")[0];", to: "  const sessionId = SESSION_SECRETS.map((secret) => unsign(value.slice(2), secret)).find((id) => id !== false);" },
    ],
    // The socket works; the admin route hands the helper the URL-encoded value and finds nothing.
    fault: "ADMIN_LOOKUP_FAILED",
  },
  {
    lesson: 10,
    name: "a hand-made promise that never settles for a missing session",
    edits: [
      { file: "server.ts", from: "import { Server } from \"socket.io\";", to: "import { unsign } from \"cookie-signature\";\nimport { Server } from \"socket.io\";" },
      {
        file: "server.ts",
        from: "const getSession = promisify(store.get);",
        to: "const getSession = (sid: string) =>\n  new Promise<{ user?: string }>((resolve, reject) => store.get(sid, (err, data) => (err ? reject(err) : data && resolve(data))));",
      },
      { file: "server.ts", from: "  if (!value?.startsWith(\"s:\")) return null;\n  const sessionId = value.slice(2).split(\".\")[0];", to: "  const raw = value && decodeURIComponent(value);\n  if (!raw?.startsWith(\"s:\")) return null;\n  const sessionId = SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false);" },
    ],
    // Real cookies work; a signed cookie for an unknown id leaves the handshake waiting forever.
    fault: "UNKNOWN_SESSION_MISHANDLED",
  },
  {
    lesson: 11,
    name: "io.disconnectSockets() on logout: everybody's sockets",
    edits: [{ file: "server.ts", from: "  req.session.destroy(() => {\n", to: "  req.session.destroy(() => {\n    io.disconnectSockets();\n" }],
    fault: "LOGOUT_DISCONNECTED_OTHERS",
  },
  {
    lesson: 11,
    name: "the session's room is emptied on logout, but no socket ever joined it",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.destroy(() => {\n",
        to: "  const sessionId = req.session.id;\n  req.session.destroy(() => {\n    io.in(sessionId).disconnectSockets();\n",
      },
    ],
    fault: "SOCKET_OUTLIVES_LOGOUT",
  },
  {
    lesson: 11,
    name: "the session id read inside destroy()'s callback",
    edits: [
      { file: "server.ts", from: "  req.session.destroy(() => {\n", to: "  req.session.destroy(() => {\n    io.in(req.session.id).disconnectSockets();\n" },
      { file: "server.ts", from: "  const req = socket.request as express.Request;\n", to: "  const req = socket.request as express.Request;\n  socket.join(req.session.id);\n" },
    ],
    // destroy() has removed req.session: the TypeError in the callback takes the server down.
    fault: "SERVER_CRASHED",
  },
  {
    lesson: 11,
    name: "the session reloaded before each event, its error ignored",
    edits: [
      {
        file: "server.ts",
        from: "  const req = socket.request as express.Request;\n",
        to: "  const req = socket.request as express.Request;\n  socket.use((_packet, next) => req.session.reload(() => next()));\n",
      },
    ],
    // A failed reload leaves the old copy in place: the socket still answers as the user.
    fault: "SOCKET_OUTLIVES_LOGOUT",
  },
  {
    lesson: 11,
    name: "only the session's last socket remembered and disconnected",
    edits: [
      { file: "server.ts", from: "io.engine.use(sessionMiddleware);\n", to: 'io.engine.use(sessionMiddleware);\nconst socketsBySession = new Map<string, import("socket.io").Socket>();\n' },
      { file: "server.ts", from: "  const req = socket.request as express.Request;\n", to: "  const req = socket.request as express.Request;\n  socketsBySession.set(req.session.id, socket);\n" },
      { file: "server.ts", from: "  req.session.destroy(() => {\n", to: "  const socket = socketsBySession.get(req.session.id);\n  req.session.destroy(() => {\n    socket?.disconnect();\n" },
    ],
    fault: "SOCKET_OUTLIVES_LOGOUT",
  },
  {
    lesson: 12,
    name: "secure: false",
    edits: [{ file: "server.ts", from: "cookie: { secure: true }", to: "cookie: { secure: false }" }],
    fault: "SESSION_COOKIE_NOT_SECURE",
  },
  {
    lesson: 12,
    name: "secure: \"auto\" without trusting the proxy",
    edits: [{ file: "server.ts", from: "cookie: { secure: true }", to: 'cookie: { secure: "auto" }' }],
    // "auto" follows req.secure, which stays false until the proxy is trusted: a cookie without Secure.
    fault: "SESSION_COOKIE_NOT_SECURE",
  },
  {
    lesson: 12,
    name: "secure only when NODE_ENV is production",
    edits: [{ file: "server.ts", from: "cookie: { secure: true }", to: 'cookie: { secure: process.env.NODE_ENV === "production" }' }],
    fault: "SESSION_COOKIE_NOT_SECURE",
  },
  {
    lesson: 12,
    name: "every request declared secure (req.secure forced)",
    edits: [
      { file: "server.ts", from: "app.use(express.json());\n", to: 'app.use(express.json());\napp.use((req, _res, next) => {\n  Object.defineProperty(req, "secure", { value: true });\n  next();\n});\n' },
    ],
    fault: "PLAIN_HTTP_TREATED_AS_SECURE",
  },
  {
    lesson: 13,
    name: "regenerate() called without waiting for it",
    edits: [{ file: "server.ts", from: "  req.session.user = username;\n  res.json", to: "  req.session.regenerate(() => {});\n  req.session.user = username;\n  res.json" }],
    // The answer goes out, and the old session is saved with the user, before the new one exists.
    fault: "SESSION_FIXATION",
  },
  {
    lesson: 13,
    name: "the answer sent before regenerate()'s callback ran",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.user = username;\n  res.json({ user: username });",
        to: "  const cart = req.session.cart;\n  req.session.regenerate(() => {\n    req.session.cart = cart;\n    req.session.user = username;\n  });\n  res.json({ user: username });",
      },
    ],
    fault: "ANSWERED_BEFORE_REGENERATE",
  },
  {
    lesson: 13,
    name: "a new id at login, but the cart left behind",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.user = username;\n  res.json({ user: username });",
        to: "  req.session.regenerate((err) => {\n    if (err) return next(err);\n    req.session.user = username;\n    res.json({ user: username });\n  });",
      },
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", (req, res, next) => {' },
    ],
    fault: "CART_LOST_AT_LOGIN",
  },
  {
    lesson: 13,
    name: "the user set before regenerate(), on the session it throws away",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.user = username;\n  res.json({ user: username });",
        to: "  req.session.user = username;\n  req.session.regenerate((err) => {\n    if (err) return next(err);\n    res.json({ user: username });\n  });",
      },
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", (req, res, next) => {' },
    ],
    // The user went with the old session: the new one's cookie names a session without a user.
    fault: "HTTP_SESSION_MISMATCH",
  },
  {
    lesson: 13,
    name: "regenerate() skipped when the session already has a user",
    edits: [
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", (req, res, next) => {' },
      {
        file: "server.ts",
        from: "  req.session.user = username;\n  res.json({ user: username });",
        to:
          "  if (req.session.user) {\n    req.session.user = username; // already logged in: no new id needed, or so it seems\n    res.json({ user: username });\n    return;\n  }\n" +
          "  const cart = req.session.cart;\n  req.session.regenerate((err) => {\n    if (err) return next(err);\n    req.session.cart = cart;\n    req.session.user = username;\n    res.json({ user: username });\n  });",
      },
    ],
    fault: "SESSION_FIXATION",
  },
  {
    lesson: 13,
    name: "regenerate() only when there is a cart to carry over",
    edits: [
      { file: "server.ts", from: 'app.post("/login", (req, res) => {', to: 'app.post("/login", (req, res, next) => {' },
      {
        file: "server.ts",
        from: "  req.session.user = username;\n  res.json({ user: username });",
        to:
          "  const cart = req.session.cart;\n  if (!cart?.length) {\n    req.session.user = username;\n    res.json({ user: username });\n    return;\n  }\n" +
          "  req.session.regenerate((err) => {\n    if (err) return next(err);\n    req.session.cart = cart;\n    req.session.user = username;\n    res.json({ user: username });\n  });",
      },
    ],
    fault: "SESSION_FIXATION",
  },
  {
    lesson: 14,
    name: "a MemoryStore passed explicitly",
    edits: [{ file: "server.ts", from: "const sessionMiddleware = session({\n", to: "const sessionMiddleware = session({\n  store: new session.MemoryStore(),\n" }],
    fault: "SESSION_NOT_SHARED_BETWEEN_INSTANCES",
  },
  {
    lesson: 14,
    name: "a RedisStore whose key prefix names the instance",
    edits: [
      { file: "server.ts", from: 'import { createClient } from "redis";\n', to: 'import { createClient } from "redis";\nimport { RedisStore } from "connect-redis";\n' },
      { file: "server.ts", from: "const sessionMiddleware = session({\n", to: "const sessionMiddleware = session({\n  store: new RedisStore({ client: redis, prefix: `sess:${PORT}:` }),\n" },
    ],
    // Both instances write to Redis, each under keys the other never reads.
    fault: "SESSION_NOT_SHARED_BETWEEN_INSTANCES",
  },
  {
    lesson: 14,
    name: "a RedisStore on a new Redis client that is never connected",
    edits: [
      { file: "server.ts", from: 'import { createClient } from "redis";\n', to: 'import { createClient } from "redis";\nimport { RedisStore } from "connect-redis";\n' },
      { file: "server.ts", from: "const sessionMiddleware = session({\n", to: "const sessionMiddleware = session({\n  store: new RedisStore({ client: createClient({ url: process.env.REDIS_URL }) }),\n" },
    ],
    // node-redis clients must connect() first: every session read fails ("The client is closed"), 500.
    fault: "HTTP_SESSION_MISMATCH",
  },
  {
    lesson: 14,
    name: "connect-redis imported as a default export (its older API)",
    edits: [
      { file: "server.ts", from: 'import { createClient } from "redis";\n', to: 'import { createClient } from "redis";\nimport RedisStore from "connect-redis";\n' },
      { file: "server.ts", from: "  resave: false,\n", to: "  store: new RedisStore({ client: redis }),\n  resave: false,\n" },
    ],
    // TypeScript names the missing default export, with the file and line.
    fault: "TYPE_ERROR",
  },
  {
    lesson: 14,
    name: "connect-redis as in its version 6 docs: connectRedis(session)",
    edits: [
      { file: "server.ts", from: 'import { createClient } from "redis";\n', to: 'import { createClient } from "redis";\nimport connectRedis from "connect-redis";\n' },
      { file: "server.ts", from: "const app = express();\n", to: "const RedisStore = connectRedis(session);\n\nconst app = express();\n" },
      { file: "server.ts", from: "  resave: false,\n", to: "  store: new RedisStore({ client: redis }),\n  resave: false,\n" },
    ],
    // TS1192 (no default export) is numbered like a parse error, but the code parses.
    fault: "TYPE_ERROR",
  },
  {
    lesson: 14,
    name: "a per-instance cache in front of the Redis store",
    edits: [
      { file: "server.ts", from: 'import { createClient } from "redis";\n', to: 'import { createClient } from "redis";\nimport { RedisStore } from "connect-redis";\n' },
      {
        file: "server.ts",
        from: "const app = express();\n",
        to:
          "// Sessions are read on every request: keep the ones we have seen in memory.\n" +
          "class CachedRedisStore extends session.Store {\n" +
          "  private cache = new Map<string, session.SessionData>();\n" +
          "  constructor(private redisStore: RedisStore) {\n    super();\n  }\n" +
          "  get(sid: string, cb: (err: unknown, data?: session.SessionData | null) => void) {\n" +
          "    const hit = this.cache.get(sid);\n    if (hit) return cb(null, hit);\n" +
          "    this.redisStore.get(sid, (err, data) => {\n      if (!err && data) this.cache.set(sid, data);\n      cb(err, data);\n    });\n  }\n" +
          "  set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void) {\n    this.cache.set(sid, data);\n    this.redisStore.set(sid, data, cb);\n  }\n" +
          "  destroy(sid: string, cb?: (err?: unknown) => void) {\n    this.cache.delete(sid);\n    this.redisStore.destroy(sid, cb);\n  }\n" +
          "}\n\nconst app = express();\n",
      },
      { file: "server.ts", from: "  resave: false,\n", to: "  store: new CachedRedisStore(new RedisStore({ client: redis })),\n  resave: false,\n" },
    ],
    fault: "SESSION_NOT_SHARED_BETWEEN_INSTANCES",
  },
  {
    lesson: 15,
    name: "an Express middleware that checks the Origin",
    edits: [
      {
        file: "server.ts",
        from: "app.use(express.json());\n",
        to: 'app.use(express.json());\napp.use((req, res, next) => {\n  const origin = req.headers.origin;\n  if (origin && origin !== CLIENT_ORIGIN) {\n    res.status(403).json({ error: "forbidden origin" });\n    return;\n  }\n  next();\n});\n',
      },
    ],
    // Socket.IO answers its handshakes before Express sees the request.
    fault: "SOCKET_ACCEPTS_OTHER_ORIGINS",
  },
  {
    lesson: 15,
    name: "allowRequest that accepts any origin starting with http://localhost",
    edits: [
      {
        file: "server.ts",
        from: "{ cors: { origin: CLIENT_ORIGIN, credentials: true } }",
        to: '{\n  cors: { origin: CLIENT_ORIGIN, credentials: true },\n  allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin.startsWith("http://localhost")),\n}',
      },
    ],
    fault: "SOCKET_ACCEPTS_OTHER_ORIGINS",
  },
  {
    lesson: 15,
    name: "Socket.IO moved to a path nobody else knows",
    edits: [
      { file: "server.ts", from: "{ cors: { origin: CLIENT_ORIGIN, credentials: true } }", to: '{ cors: { origin: CLIENT_ORIGIN, credentials: true }, path: "/rt-7f3a/" }' },
      { file: "client.ts", from: "{ withCredentials: true }", to: '{ withCredentials: true, path: "/rt-7f3a/" }' },
    ],
    // The attacker reads the path off the app's own page, as the check does.
    fault: "SOCKET_ACCEPTS_OTHER_ORIGINS",
  },
  {
    lesson: 15,
    name: "an Origin allow-list that also refuses clients without an Origin",
    edits: [
      {
        file: "server.ts",
        from: "{ cors: { origin: CLIENT_ORIGIN, credentials: true } }",
        to: "{\n  cors: { origin: CLIENT_ORIGIN, credentials: true },\n  allowRequest: (req, callback) => callback(null, req.headers.origin === CLIENT_ORIGIN),\n}",
      },
    ],
    fault: "NON_BROWSER_CLIENT_REFUSED",
  },
  {
    lesson: 15,
    name: "WebSocket switched off on the server (long-polling only, which CORS covers)",
    edits: [{ file: "server.ts", from: "{ cors: { origin: CLIENT_ORIGIN, credentials: true } }", to: '{ cors: { origin: CLIENT_ORIGIN, credentials: true }, transports: ["polling"] }' }],
    // Safe from the hijack, and no longer a realtime app: every user is stuck on long-polling.
    fault: "OWN_PAGE_WEBSOCKET_REFUSED",
  },
  {
    lesson: 16,
    name: "Socket.IO moved under /api on the server only",
    edits: [{ file: "server.ts", from: "const io = new Server(httpServer, {\n", to: 'const io = new Server(httpServer, {\n  path: "/api/socket.io",\n' }],
    fault: "SOCKET_PATH_MISMATCH",
  },
  {
    lesson: 16,
    name: "Socket.IO at /api-socket.io on both sides (a prefix, but not inside the path)",
    edits: [
      { file: "server.ts", from: "const io = new Server(httpServer, {\n", to: 'const io = new Server(httpServer, {\n  path: "/api-socket.io",\n' },
      { file: "client.ts", from: "{ withCredentials: true }", to: '{ withCredentials: true, path: "/api-socket.io" }' },
    ],
    // express-session's own check is a plain prefix test and lets this through; the browser's
    // path-match rule does not, so the handshake leaves without the cookie.
    fault: "COOKIE_PATH_EXCLUDES_SOCKET",
  },
  {
    lesson: 16,
    name: "the cookie scoped to the socket's path instead",
    edits: [{ file: "server.ts", from: 'cookie: { path: "/api" }', to: 'cookie: { path: "/socket.io" }' }],
    // Now the API routes are outside the cookie's path: express-session skips them.
    fault: "HTTP_SESSION_MISSING",
  },
  {
    lesson: 16,
    name: "the cookie copied into the handshake by hand from document.cookie",
    edits: [
      {
        file: "client.ts",
        from: "{ withCredentials: true }",
        to: "{ withCredentials: true, extraHeaders: { cookie: document.cookie } }",
      },
    ],
    // connect.sid is HttpOnly (page scripts cannot read it), and Cookie is a header no page may set.
    fault: "COOKIE_PATH_EXCLUDES_SOCKET",
  },
  {
    lesson: 16,
    name: "the API's prefix given to io() as part of the URL (a namespace)",
    edits: [{ file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: "io(`${API_URL}/api`, { withCredentials: true })" }],
    fault: "SOCKET_INVALID_NAMESPACE",
  },
  {
    lesson: 16,
    name: "the API moved out of /api, the cookie's path dropped",
    edits: [
      { file: "server.ts", from: 'app.use("/api", api);', to: "app.use(api);" },
      { file: "server.ts", from: '  // Only the API needs the session: keep the cookie off the health check and any static files.\n  cookie: { path: "/api" },\n', to: "" },
      { file: "client.ts", from: "apiUrl: `${API_URL}/api`", to: "apiUrl: API_URL" },
    ],
    fault: "API_ROUTES_MOVED",
  },
  {
    lesson: 16,
    name: "the cookie's path emptied",
    edits: [{ file: "server.ts", from: 'cookie: { path: "/api" }', to: 'cookie: { path: "" }' }],
    // No Path attribute: the browser scopes the cookie to /api, the folder of POST /api/login.
    fault: "COOKIE_PATH_EXCLUDES_SOCKET",
  },
  {
    lesson: 17,
    name: "the session reloaded once, at the handshake",
    edits: [
      {
        file: "server.ts",
        from: 'io.use((socket, next) => next((socket.request as express.Request).session?.user ? undefined : new Error("unauthorized")));',
        to: 'io.use((socket, next) => {\n  const req = socket.request as express.Request;\n  req.session.reload((err) => next(err ?? (req.session.user ? undefined : new Error("unauthorized"))));\n});',
      },
    ],
    fault: "SOCKET_OUTLIVES_EXPIRY",
  },
  {
    lesson: 17,
    name: "the cookie's expiry checked in the handler (on the handshake's copy)",
    edits: [
      {
        file: "server.ts",
        from: '  socket.on("whoami", (ack) => {\n',
        to: '  socket.on("whoami", (ack) => {\n    if (req.session.cookie.expires && req.session.cookie.expires < new Date()) return void socket.disconnect();\n',
      },
    ],
    // The copy's expiry date is 30 minutes ahead: only the store knows the session is gone.
    fault: "SOCKET_OUTLIVES_EXPIRY",
  },
  {
    lesson: 17,
    name: "reload() before each event, its error ignored",
    edits: [
      {
        file: "server.ts",
        from: '  socket.on("whoami", (ack) => {\n',
        to: '  socket.use((_packet, next) => {\n    req.session.reload(() => next());\n  });\n  socket.on("whoami", (ack) => {\n',
      },
    ],
    // A failed reload leaves req.session as it was: the handshake's copy, still logged in.
    fault: "SOCKET_OUTLIVES_EXPIRY",
  },
  {
    lesson: 17,
    name: "reload() before each event, the event refused with next(err)",
    edits: [
      {
        file: "server.ts",
        from: '  socket.on("whoami", (ack) => {\n',
        to: '  socket.use((_packet, next) => {\n    req.session.reload((err) => next(err));\n  });\n  socket.on("whoami", (ack) => {\n',
      },
    ],
    fault: "SOCKET_OUTLIVES_EXPIRY",
  },
  {
    lesson: 17,
    name: "a timer that reloads the session every 30 seconds, and nothing per event",
    edits: [
      {
        file: "server.ts",
        from: '  socket.on("whoami", (ack) => {\n',
        to:
          '  const timer = setInterval(() => req.session.reload((err) => err && socket.disconnect()), 30_000);\n' +
          '  socket.on("disconnect", () => clearInterval(timer));\n' +
          '  socket.on("whoami", (ack) => {\n',
      },
    ],
    // Up to 30 seconds of events in the user's name after the session ended.
    fault: "SOCKET_OUTLIVES_EXPIRY",
  },
  {
    lesson: 17,
    name: "lesson 11's fix: the session's sockets disconnected on logout",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.destroy(() => res.sendStatus(204));",
        to: "  const sessionId = req.session.id;\n  req.session.destroy(() => {\n    io.in(sessionId).disconnectSockets();\n    res.sendStatus(204);\n  });",
      },
      { file: "server.ts", from: "  const req = socket.request as express.Request;\n", to: "  const req = socket.request as express.Request;\n  socket.join(req.session.id);\n" },
    ],
    // An expiry is no logout: no route runs when a TTL ends.
    fault: "SOCKET_OUTLIVES_EXPIRY",
  },
  {
    lesson: 17,
    name: "reload() before each event, every socket on the server disconnected when it fails",
    edits: [
      {
        file: "server.ts",
        from: '  socket.on("whoami", (ack) => {\n',
        to: '  socket.use((_packet, next) => {\n    req.session.reload((err) => (err ? io.disconnectSockets() : next()));\n  });\n  socket.on("whoami", (ack) => {\n',
      },
    ],
    fault: "EXPIRY_DISCONNECTED_OTHERS",
  },
  {
    lesson: 17,
    name: "the session kept alive by each event (touch() and save()), never reloaded",
    edits: [
      {
        file: "server.ts",
        from: '  socket.on("whoami", (ack) => {\n',
        to: '  socket.use((_packet, next) => {\n    req.session.touch();\n    req.session.save(() => next());\n  });\n  socket.on("whoami", (ack) => {\n',
      },
    ],
    // Worse than nothing: the save writes the expired session back.
    fault: "SOCKET_OUTLIVES_EXPIRY",
  },
  {
    lesson: 17,
    name: "sessions kept in a MemoryStore instead of Redis",
    edits: [{ file: "server.ts", from: "  store: new RedisStore({ client: redis }),\n", to: "" }],
    fault: "SESSION_NOT_IN_REDIS",
  },
  {
    lesson: 18,
    name: "the cookie cleared at logout",
    edits: [{ file: "server.ts", from: "    res.sendStatus(204);", to: '    res.clearCookie("connect.sid").sendStatus(204);' }],
    // The browser forgets the cookie; the store has the session back, for whoever kept a copy.
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "the client on WebSocket only",
    edits: [{ file: "client.ts", from: 'transports: ["polling"]', to: 'transports: ["websocket"]' }],
    // The page no longer polls, but users behind the proxy still do.
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "the session's sockets disconnected before destroy()",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.destroy(() => {\n    // Each socket holds the copy of the session its handshake loaded: end those of this session.\n    io.in(sessionId).disconnectSockets();\n",
        to: "  // End the session's polls first, so that none of them saves the session after destroy().\n  io.in(sessionId).disconnectSockets();\n  req.session.destroy(() => {\n",
      },
    ],
    // Only the sockets already in the room: a tab still connecting polls with its own copy too.
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "logout clears the user instead of destroying the session",
    edits: [
      {
        file: "server.ts",
        from: "  req.session.destroy(() => {",
        to: "  delete req.session.user;\n  req.session.save(() => {",
      },
    ],
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "logout regenerates the session",
    edits: [{ file: "server.ts", from: "  req.session.destroy(() => {", to: "  req.session.regenerate(() => {" }],
    // The old id is gone from the store until an open poll saves its copy under it again.
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "rolling: true added",
    edits: [{ file: "server.ts", from: "  resave: true,\n", to: "  resave: true,\n  rolling: true,\n" }],
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "the Engine.IO connections whose handshake had this session closed at logout",
    edits: [
      {
        file: "server.ts",
        from: "  const sessionId = req.session.id;\n",
        to:
          "  const sessionId = req.session.id;\n" +
          "  for (const client of Object.values((io.engine as any).clients) as any[]) {\n" +
          "    if (client.request.session?.id === sessionId) client.close();\n" +
          "  }\n",
      },
    ],
    // A tab opened before the login did its handshake without a cookie, and polls with it since.
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "every Engine.IO connection closed at logout",
    edits: [
      {
        file: "server.ts",
        from: "  const sessionId = req.session.id;\n",
        to: "  const sessionId = req.session.id;\n  for (const client of Object.values((io.engine as any).clients) as any[]) client.close();\n",
      },
    ],
    fault: "LOGOUT_DISCONNECTED_OTHERS",
  },
  {
    lesson: 18,
    name: "the session middleware skipped for polling GETs only",
    edits: [
      {
        file: "server.ts",
        from: "io.engine.use(sessionMiddleware);",
        to: "io.engine.use((req: any, res: any, next: any) => (req.method === \"GET\" && req._query.sid ? next() : sessionMiddleware(req, res, next)));",
      },
    ],
    // A POST whose body is still arriving at the logout saves its copy when it ends.
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "saveUninitialized: true",
    edits: [{ file: "server.ts", from: "  saveUninitialized: false,", to: "  saveUninitialized: true," }],
    // The handshake hands out a session; a poll open during the login saves its pre-login copy.
    fault: "LOGIN_UNDONE",
  },
  {
    lesson: 18,
    name: "sockets disconnected before destroy(), with pings every 20 ms",
    edits: [
      { file: "server.ts", from: "{ cors: { origin: CLIENT_ORIGIN, credentials: true } }", to: "{ pingInterval: 20, cors: { origin: CLIENT_ORIGIN, credentials: true } }" },
      {
        file: "server.ts",
        from: "  req.session.destroy(() => {\n    // Each socket holds the copy of the session its handshake loaded: end those of this session.\n    io.in(sessionId).disconnectSockets();\n",
        to: "  io.in(sessionId).disconnectSockets();\n  req.session.destroy(() => {\n",
      },
    ],
    // A poll may be answered (a ping) before the logout; the half-sent POST is open across it anyway.
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "resave: false, and a store whose touch() saves the whole session",
    edits: [
      { file: "server.ts", from: "  resave: true,", to: "  resave: false," },
      { file: "server.ts", from: "const sessionMiddleware = session({\n", to: "const store = new session.MemoryStore();\nstore.touch = (sid, sess, callback) => store.set(sid, sess, callback);\n\nconst sessionMiddleware = session({\n  store,\n" },
    ],
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 18,
    name: "resave: false, and the session saved when a socket connects",
    edits: [
      { file: "server.ts", from: "  resave: true,", to: "  resave: false," },
      { file: "server.ts", from: "  socket.join(req.session.id);\n", to: "  socket.join(req.session.id);\n  req.session.touch();\n  req.session.save();\n" },
    ],
    // The socket's copy is its handshake's: a tab that connects after the logout writes it back.
    fault: "LOGOUT_UNDONE",
  },
  {
    lesson: 19,
    name: "a catch-all process.on(\"uncaughtException\") handler",
    edits: [{ file: "server.ts", from: "redis.connect().catch(console.error);\n", to: 'process.on("uncaughtException", (err) => console.error("Uncaught:", err.message));\nredis.connect().catch(console.error);\n' }],
    // The process lives, but the error was thrown from inside node-redis and cut its reconnection short.
    fault: "REDIS_NOT_RECONNECTED",
  },
  {
    lesson: 19,
    name: "an error listener that does nothing",
    edits: [{ file: "server.ts", from: "redis.connect().catch(console.error);\n", to: 'redis.on("error", () => {});\nredis.connect().catch(console.error);\n' }],
    fault: "REDIS_ERROR_NOT_LOGGED",
  },
  {
    lesson: 19,
    name: "an error listener that logs and exits (\"the app cannot work without Redis\")",
    edits: [
      {
        file: "server.ts",
        from: "redis.connect().catch(console.error);\n",
        to: 'redis.on("error", (err) => {\n  console.error("Redis:", err.message);\n  process.exit(1);\n});\nredis.connect().catch(console.error);\n',
      },
    ],
    fault: "REDIS_DROP_CRASHED_SERVER",
  },
  {
    lesson: 19,
    name: "an error listener that logs and disconnects every socket, to make users sign in again",
    edits: [
      {
        file: "server.ts",
        from: "redis.connect().catch(console.error);\n",
        to: 'redis.on("error", (err) => {\n  console.error("Redis:", err.message);\n  io.disconnectSockets();\n});\nredis.connect().catch(console.error);\n',
      },
    ],
    fault: "REDIS_DROP_DISCONNECTED_SOCKETS",
  },
  {
    lesson: 19,
    name: "an error listener registered with once()",
    edits: [{ file: "server.ts", from: "redis.connect().catch(console.error);\n", to: 'redis.once("error", (err) => console.error("Redis:", err.message));\nredis.connect().catch(console.error);\n' }],
    // The first drop is logged; by the second the listener is gone. node-redis throws that error
    // inside its own reconnect, which swallows it: the app lives, and says nothing.
    fault: "REDIS_ERROR_NOT_LOGGED",
  },
  {
    lesson: 19,
    name: "listening for \"end\" and \"reconnecting\" but not \"error\"",
    edits: [
      {
        file: "server.ts",
        from: "redis.connect().catch(console.error);\n",
        to: 'redis.on("end", () => console.error("Redis: connection ended"));\nredis.on("reconnecting", () => console.error("Redis: reconnecting"));\nredis.connect().catch(console.error);\n',
      },
    ],
    fault: "REDIS_DROP_CRASHED_SERVER",
  },
  {
    lesson: 19,
    name: "connect() awaited in try/catch",
    edits: [
      {
        file: "server.ts",
        from: "redis.connect().catch(console.error);\n",
        to: 'try {\n  await redis.connect();\n} catch (err) {\n  console.error("Redis:", err);\n}\n',
      },
    ],
    fault: "REDIS_DROP_CRASHED_SERVER",
  },
  {
    lesson: 19,
    name: "the session store's \"disconnect\" event listened to instead of the client's \"error\"",
    edits: [
      {
        file: "server.ts",
        from: "const sessionMiddleware = session({\n  store: new RedisStore({ client: redis }),\n",
        to: 'const store = new RedisStore({ client: redis });\nstore.on("disconnect", () => console.error("Session store disconnected"));\n\nconst sessionMiddleware = session({\n  store,\n',
      },
    ],
    fault: "REDIS_DROP_CRASHED_SERVER",
  },
  {
    lesson: 19,
    name: "an error listener, and reconnecting turned off",
    edits: [
      {
        file: "server.ts",
        from: 'const redis = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379" });\nredis.connect().catch(console.error);\n',
        to: 'const redis = createClient({ url: process.env.REDIS_URL ?? "redis://localhost:6379", socket: { reconnectStrategy: false } });\nredis.on("error", (err) => console.error("Redis:", err.message));\nredis.connect().catch(console.error);\n',
      },
    ],
    fault: "REDIS_NOT_RECONNECTED",
  },
  {
    lesson: 19,
    name: "an error listener, and the Redis store dropped for express-session's default",
    edits: [
      { file: "server.ts", from: "redis.connect().catch(console.error);\n", to: 'redis.on("error", (err) => console.error("Redis:", err.message));\nredis.connect().catch(console.error);\n' },
      { file: "server.ts", from: "  store: new RedisStore({ client: redis }),\n", to: "" },
      { file: "server.ts", from: 'import { RedisStore } from "connect-redis";\n', to: "" },
    ],
    // It survives the drop because sessions no longer touch Redis: each instance keeps its own again.
    fault: "SESSION_NOT_IN_REDIS",
  },
];
