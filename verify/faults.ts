// Every verdict the verifier can give, with a stable code and what it usually means, in a
// learner's words. diagnose.ts decides which one the evidence shows; this file only explains.

export interface FaultInfo {
  title: string;
  meaning: string;
}

export const FAULTS = {
  // The app does not run at all
  SYNTAX_ERROR: {
    title: "The code does not parse.",
    meaning: "Fix the syntax error at the file and line above; the server cannot start until it parses.",
  },
  TYPE_ERROR: {
    title: "The code does not type-check.",
    meaning:
      "TypeScript found the errors above (each with its file and line), with what the common ones mean. The app " +
      "may run anyway, but this is a TypeScript workshop: a lesson passes only once it type-checks, as a CI build would require.",
  },
  IMPORT_ERROR: {
    title: "The code imports a name that the module does not export.",
    meaning:
      "Check the import against the package's own documentation: a default import (`import X from`) needs a " +
      "default export, a named one (`import { X } from`) a named export. For example, connect-redis exports " +
      "`RedisStore` by name: `import { RedisStore } from \"connect-redis\"`.",
  },
  SERVER_CRASHED: {
    title: "The lesson server crashed.",
    meaning: "The server process exited while the check ran. The error and the line it came from are above.",
  },
  SERVER_NEVER_LISTENED: {
    title: "The lesson server never started listening.",
    meaning: "server.ts must listen on the port the workshop gives it in PORT (default 3000).",
  },
  SERVER_WRONG_PORT: {
    title: "The lesson server listens on the wrong port.",
    meaning: "The workshop runs each lesson on a free port and passes it in PORT; a hard-coded port is never reached.",
  },
  CLIENT_BUNDLE_ERROR: {
    title: "The browser client could not be bundled.",
    meaning: "client.ts (or something it imports) has the error above, so the page has no script to run.",
  },
  PAGE_DID_NOT_LOAD: {
    title: "The lesson page did not load.",
    meaning: "The browser could not open the client page. This is rarely the lesson's fault: run again.",
  },
  CLIENT_RUNTIME_ERROR: {
    title: "The page's script stopped before it showed the lesson panel.",
    meaning: "client.ts threw an error in the browser (shown above) before it reached mountPanel().",
  },

  // HTTP side
  HTTP_SESSION_MISSING: {
    title: "Express routes run without a session.",
    meaning:
      "`req.session` is undefined inside the routes, so login has nowhere to write the user. Express runs " +
      "middleware in the order it is registered: `app.use(sessionMiddleware)` must come before every route " +
      "(and router) that uses `req.session`.",
  },
  LOGIN_FAILED: {
    title: "Logging in over HTTP failed.",
    meaning: "POST /login did not answer with a 2xx status. The response and the server output are above.",
  },
  LOGIN_BLOCKED: {
    title: "The browser could not complete POST /login.",
    meaning:
      "The request failed in the browser before the page saw an answer: the server refused the connection " +
      "or its CORS headers do not allow this page's origin with credentials.",
  },
  SESSION_COOKIE_MISSING: {
    title: "Login did not leave a session cookie in the browser.",
    meaning:
      "After a successful login the browser holds no `connect.sid` cookie for the API, so nothing can find " +
      "the session again. Check that the login response carries Set-Cookie and that the page's fetch uses " +
      "`credentials: \"include\"` (and the API's CORS allows credentials).",
  },
  SESSION_SECRET_NOT_USED: {
    title: "The session cookie is not signed with SESSION_SECRET.",
    meaning:
      "The workshop starts the server with a random SESSION_SECRET, as production would. The cookie's " +
      "signature does not verify with it, so the server signs with some other secret: use " +
      "`process.env.SESSION_SECRET` for `session({ secret })`.",
  },
  SOCKET_REPLACED_COOKIE: {
    title: "A Socket.IO response replaced the session cookie from login.",
    meaning:
      "The session middleware that runs for Socket.IO did not find the login's session (another `session()` " +
      "instance with a store of its own, or another secret), started a new one and, with " +
      "`saveUninitialized: true`, sent its cookie, which replaced the browser's. From then on every request " +
      "carries a session that is not logged in. Give Express and Socket.IO the same middleware instance.",
  },
  HTTP_SESSION_MISMATCH: {
    title: "HTTP does not see the session its own cookie names.",
    meaning: "GET /me after login should report the session in the connect.sid cookie, with the user who logged in.",
  },

  // Socket side
  SOCKET_NEVER_CONNECTED: {
    title: "The page never opened a Socket.IO connection to the API.",
    meaning:
      "No Socket.IO handshake request reached the API origin. Check the URL given to `io(...)`, and its `path` " +
      "option: a path must start with `/` (`api/socket.io` is glued to the host and port).",
  },
  SOCKET_URL_UNREACHABLE: {
    title: "The socket tried to connect to an address where nothing answers.",
    meaning: "The handshake request was refused at the network level. The URL passed to `io(...)` must be the API's URL.",
  },
  SOCKET_PATH_MISMATCH: {
    title: "The socket connects to a path the server does not serve.",
    meaning:
      "The Socket.IO client and server must use the same `path` option (default `/socket.io/`). A server " +
      "created with `new Server(httpServer, { path: \"/api/socket.io\" })` needs " +
      "`io(url, { path: \"/api/socket.io\" })` in the client. The path is not part of the URL: " +
      "`io(\"http://host/api/socket.io\")` means the namespace `/api/socket.io`, not the path.",
  },
  SOCKET_HANDSHAKE_FAILED: {
    title: "The Socket.IO handshake was refused.",
    meaning:
      "The server answered the handshake with an error status. 400 with code 3 means a middleware given to " +
      "`io.engine.use()` failed; 403 with code 4 means `allowRequest` refused it; 400 with code 0 (`Transport " +
      "unknown`) means the server does not accept the client's transport: the `transports` options of the " +
      "client and the server must have one in common.",
  },
  SOCKET_CREDENTIALS_MISSING: {
    title: "The socket's handshake did not carry the session cookie.",
    meaning:
      "The page and the API are different origins, and since socket.io-client v3 a cross-origin client " +
      "sends no cookies unless you ask: `io(API_URL, { withCredentials: true })`. Without the cookie the " +
      "server starts a new, empty session for every connection. (If the socket's URL uses another host " +
      "than the page's API calls, e.g. 127.0.0.1 instead of localhost, the cookie is not sent either.)",
  },
  COOKIE_PATH_EXCLUDES_SOCKET: {
    title: "The session cookie's Path leaves the socket's handshake out.",
    meaning:
      "A browser sends a cookie only to URLs inside its `Path`, and express-session skips requests outside " +
      "`cookie.path` as well. The Socket.IO handshake is a request like any other, to `/socket.io/` unless " +
      "you say otherwise: with the cookie scoped to `/api` it leaves without the cookie and the socket gets " +
      "no session. Serve Socket.IO inside the cookie's path (`path: \"/api/socket.io\"` in both " +
      "`new Server()` and `io()`), or drop the cookie's `path` option (the default is `/`). An empty `path` is no " +
      "option at all to the browser: it then scopes the cookie to the folder of the URL that set it (`/api`).",
  },
  API_ROUTES_MOVED: {
    title: "The app's API is no longer under /api.",
    meaning:
      "In this app everything under `/api` is the API, and the rest of the site belongs to other services " +
      "behind the same host. Keep the routes there (`app.use(\"/api\", api)`, the page calling `${API_URL}/api`), " +
      "and make the cookie's Path and the Socket.IO path fit around them.",
  },
  CORS_CREDENTIALS_MISSING: {
    title: "The server's Socket.IO CORS settings do not allow credentials.",
    meaning:
      "The handshake carried the cookie, but its response lacks `Access-Control-Allow-Credentials: true`, so " +
      "the browser threw the answer away (\"xhr poll error\"). Express's `app.use(cors())` never sees " +
      "Socket.IO requests: configure `new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } })`.",
  },
  CORS_ANY_ORIGIN: {
    title: "The server's Socket.IO CORS lets any origin read its answers with the user's cookie.",
    meaning:
      "`origin: true` (or a function that always says yes) reflects whatever Origin a request brings. With " +
      "`credentials: true`, a page on any site the user visits can then read Socket.IO's long-polling answers in " +
      "the user's session. Name the page's origin: `cors: { origin: CLIENT_ORIGIN, credentials: true }`.",
  },
  CORS_ORIGIN_REJECTED: {
    title: "The server's Socket.IO CORS settings do not allow the page's origin.",
    meaning:
      "The handshake's `Access-Control-Allow-Origin` does not name the page's origin, so the browser refused " +
      "the answer. Socket.IO has its own CORS option: `new Server(httpServer, { cors: { origin, credentials: true } })`.",
  },
  CORS_WILDCARD_WITH_CREDENTIALS: {
    title: "The server answers `Access-Control-Allow-Origin: *` to a request with cookies.",
    meaning:
      "Browsers refuse `*` when credentials are included. List the allowed origin(s) explicitly in the " +
      "Socket.IO `cors.origin` option.",
  },
  SOCKET_REJECTED: {
    title: "The server refused the socket connection.",
    meaning: "An `io.use()` middleware called `next(new Error(...))` for this connection; its message is above.",
  },
  SOCKET_INVALID_NAMESPACE: {
    title: "The socket asked for a namespace the server does not have.",
    meaning:
      "The path in the URL given to `io(...)` names a Socket.IO namespace, not the HTTP path: " +
      "`io(\"http://host/api\")` connects to the namespace `/api`, and the server refuses it unless it has " +
      "`io.of(\"/api\")`. Give `io(...)` the server's origin alone, and the HTTP path in the `path` option.",
  },
  SOCKET_SESSION_LATE: {
    title: "Socket.IO gets the session middleware only after a first connection.",
    meaning:
      "On a freshly started server, the first socket, whose handshake carried a logged-in cookie, found no " +
      "session. `io.engine.use(sessionMiddleware)` must run once, when the server starts: inside " +
      "`io.on(\"connection\")` it comes too late for the handshake that triggered it, and every connection adds " +
      "one more copy of the middleware.",
  },
  PAGE_RELOADED_AFTER_LOGIN: {
    title: "The page reloads after login, and this app is a single-page app.",
    meaning:
      "A reload opens a new socket with the new cookie: that hides the socket opened before login instead of " +
      "fixing it, and loses the page's state. Keep the page where it is (`afterLogin` must not reload) and " +
      "connect the socket once the login answered: `autoConnect: false` and `socket.connect()` in `afterLogin`.",
  },
  SOCKET_NO_ANSWER: {
    title: "The socket never answered whoami.",
    meaning:
      "The page asked over the socket who it is, and no acknowledgement came back. The server must answer " +
      "`socket.on(\"whoami\", (ack) => ack({ sessionId, user }))` on each connection.",
  },
  SOCKET_SESSION_MISSING: {
    title: "The socket has no session at all.",
    meaning:
      "`socket.request.session` is undefined: Socket.IO's requests never pass through Express's `app.use()`, " +
      "so the session middleware must also be given to Socket.IO: `io.engine.use(sessionMiddleware)` " +
      "(the same instance Express uses). If it is there, read the session from `socket.request.session`: " +
      "`socket.handshake` has none.",
  },
  SOCKET_SECRET_MISMATCH: {
    title: "The socket side checks the cookie with a different secret than express-session.",
    meaning:
      "This app verifies `connect.sid` itself on the socket side. The handshake carried a cookie that the " +
      "HTTP side accepted, yet the socket side found no session: its check of the `s:<id>.<signature>` value " +
      "fails, usually because `unsign()` uses another secret (or the value is never unsigned at all). Use the " +
      "very secret given to `session({ secret })` (with several secrets for rotation, try each one, as " +
      "express-session does).",
  },
  SOCKET_OPENED_BEFORE_LOGIN: {
    title: "The socket still holds the session it had before login.",
    meaning:
      "The socket's session is a snapshot taken at its handshake, and that handshake happened before the " +
      "login. Connect after login, or reconnect (`socket.disconnect().connect()`) once login succeeded.",
  },
  SOCKET_SESSION_MISMATCH: {
    title: "The socket sees a different session than HTTP.",
    meaning:
      "The handshake carried the session cookie, yet the socket side started a fresh session. express-session " +
      "does that when the cookie's signature does not verify (another secret) or when the session is not in " +
      "its store (another store: every `session()` call without a `store` makes its own MemoryStore). Create " +
      "the session middleware once and give that same instance to Express and to `io.engine.use()`.",
  },
  SOCKET_DATA_MISSING: {
    title: "The socket has the right session id but not its data.",
    meaning:
      "Both sides agree on the session id, but the user written at login is missing over the socket: the " +
      "socket side reads another store, or an old copy of the session. Look sessions up in the app's own store.",
  },
  NODE_CLIENT_COOKIE_MISSING: {
    title: "The Node client's handshake did not carry the session cookie.",
    meaning:
      "Node has no cookie jar: the cookie that `fetch` received at login stays in that response. Pass it to " +
      "the socket yourself: `io(API_URL, { extraHeaders: { cookie } })`, with `cookie` built from " +
      "`res.headers.getSetCookie()` (name=value parts only). `withCredentials` does not help here: it only " +
      "keeps cookies the socket's own requests received, and `auth` is not a Cookie header.",
  },
  NODE_CLIENT_FAILED: {
    title: "The Node client did not get through.",
    meaning: "The client script stopped before it logged in, connected and got its whoami answer; its output is above.",
  },
  // Lesson 8: changing the session from a socket handler
  SOCKET_WRITE_NOT_SAVED: {
    title: "A change made over the socket never reaches HTTP.",
    meaning:
      "The socket handler changed `req.session`, but that object is a copy loaded once, at the handshake. " +
      "express-session saves a session only when an HTTP response ends, and the handshake's response ended " +
      "long ago, so nothing writes the change to the store. Call `req.session.save(callback)` after the " +
      "change (after a `reload()`: see SOCKET_LOST_UPDATE) and acknowledge inside the callback.",
  },
  SOCKET_LOST_UPDATE: {
    title: "A save over the socket wiped out a change made over HTTP.",
    meaning:
      "`save()` writes the socket's whole copy of the session over the stored one. That copy dates from the " +
      "handshake (or the last `reload()`), so whatever HTTP changed since is lost. Reload, change, then save: " +
      "`req.session.reload((err) => { …change req.session…; req.session.save(() => ack(…)) })`. `reload()` " +
      "puts a NEW object in `req.session`: a variable that held the old one (`const session = req.session`) " +
      "is stale after it.",
  },
  SOCKET_WRITE_REVIVES_SESSION: {
    title: "A socket's write after logout brought the session back.",
    meaning:
      "`reload()` fails when the store no longer has the session (logged out, expired), and leaves " +
      "`req.session` as it was: the socket's old copy, still logged in. Saving that copy writes the ended session " +
      "back into the store. Check the reload's error and answer with an error instead: " +
      "`req.session.reload((err) => { if (err) return ack({ error: \"session not found\" }); ... })`.",
  },
  SOCKET_STALE_READ: {
    title: "The socket reads an old copy of the session.",
    meaning:
      "A change made over HTTP is in the store, but the socket handler answered from the copy it loaded " +
      "earlier. Refresh it before reading: `req.session.reload(callback)`, and read `req.session` inside the " +
      "callback (or reload before every event with `socket.use()`).",
  },
  SOCKET_ACK_MISSING: {
    title: "The socket never acknowledged an event.",
    meaning:
      "The check emitted an event with an acknowledgement callback and no answer came back in time. Every " +
      "path through the handler must call the ack, also when `reload()` or `save()` report an error.",
  },

  // Lesson 10: looking a session up from its cookie, securely
  COOKIE_LOOKUP_FAILED: {
    title: "The app's own cookie lookup does not find the session.",
    meaning:
      "This app looks sessions up itself instead of running express-session on the socket. The handshake " +
      "carried a cookie that express-session accepts over HTTP, yet the lookup found no session, or threw. " +
      "Check each step: the header holds the value URL-encoded (`s%3A…`), so decode it; strip `s:` and " +
      "verify the signature with `unsign()` and the app's own secrets; call `get` on the app's own store " +
      "with `this` still bound (`promisify(store.get)` loses it; `.bind(store)` keeps it).",
  },
  TAMPERED_COOKIE_ACCEPTED: {
    title: "A cookie with a forged signature was accepted as the user.",
    meaning:
      "The check sent the user's real session id with a signature made with another secret, and the app " +
      "treated it as that user. Without the signature check, anyone who learns a session id (from a log, a " +
      "URL, a screenshot) becomes that user. Verify with `unsign(value, secret)` for each configured secret " +
      "and treat a value that none verifies as no session, as express-session does.",
  },
  UNSIGNED_COOKIE_ACCEPTED: {
    title: "A cookie without a signature was accepted as the user.",
    meaning:
      "The check sent the session id without a valid signature (the bare id, or `s:<id>` alone) and the app " +
      "treated it as that user. express-session only accepts `s:<id>.<signature>` with a signature that " +
      "verifies; a hand-written lookup must refuse everything else.",
  },
  PREVIOUS_SECRET_REFUSED: {
    title: "A cookie signed with the previous secret works over HTTP, but not in the app's own lookup.",
    meaning:
      "After a secret rotation, express-session (`secret: SESSION_SECRETS`) still accepts cookies signed with the " +
      "old secret; a lookup that tries only the first secret logs every such user out of the socket. Try each " +
      "secret in turn: `SESSION_SECRETS.map((secret) => unsign(value, secret)).find((id) => id !== false)`.",
  },
  CLIENT_SESSION_ID_TRUSTED: {
    title: "The server took a session id chosen by the client.",
    meaning:
      "The check connected without a cookie, with the user's session id in the handshake's `auth` payload, " +
      "and became that user. `socket.handshake.auth` (like the query string) holds whatever the client puts " +
      "there. Only the signed, HttpOnly cookie proves which session a connection belongs to.",
  },
  UNKNOWN_SESSION_MISHANDLED: {
    title: "A signed cookie for a session that does not exist was mishandled.",
    meaning:
      "The check sent a correctly signed cookie for a session id that is not in the store (as after logout " +
      "or expiry). The server must treat it as no session (anonymous) or refuse the connection, and answer " +
      "promptly. `store.get` calls back with no session for an unknown id: handle that, and store errors.",
  },
  ADMIN_LOOKUP_FAILED: {
    title: "The admin lookup does not find the session of a real cookie.",
    meaning:
      "POST /admin/lookup was given the browser's own connect.sid value, exactly as it appears in a Cookie " +
      "header (URL-encoded: `s%3A…`), and did not answer with that session and user. The socket side works, " +
      "so look at what differs: the route hands the helper the raw value, so the helper itself must decode it.",
  },
  // Lessons 6 and 7
  SOCKET_STORE_MISMATCH: {
    title: "The socket's session middleware does not find the session login saved.",
    meaning:
      "The handshake carried the very cookie HTTP accepts, yet the socket side started a new, empty session " +
      "with another id. express-session does that when its store has no session with the cookie's id, and " +
      "every `session()` call without a `store` option creates its own MemoryStore: two calls, two stores, " +
      "even with identical options. Create the middleware once and give that same instance to `app.use()` " +
      "and `io.engine.use()`. (From the outside, a socket side with another secret or another cookie `name` looks the same: " +
      "the verifier names the store because this app gives both `session()` calls one secret. If you changed " +
      "a secret, check that too.)",
  },
  SOCKET_NOT_RECONNECTED: {
    title: "The socket was refused before login and never tried again.",
    meaning:
      "The server refuses sockets that are not logged in, so the one the page opened before login got " +
      "`connect_error`. socket.io-client does not retry after a refusal from an `io.use()` middleware, and " +
      "nothing connected after the login. Connect once login succeeded: `io(url, { autoConnect: false })`, " +
      "then `socket.connect()` after login.",
  },
  PUSH_NOT_DELIVERED: {
    title: "A notification pushed to the logged-in user never reached the page.",
    meaning:
      "The page asked the server (POST /notify) to push a notification to its user, and no " +
      "`42[\"notification\", …]` packet arrived on any of the page's socket connections. The server sends it " +
      "to the room `user:<name>`, which a socket joins when it connects with a logged-in session. A socket " +
      "that connected before login joined no room, and it keeps that state until it connects again.",
  },
  ANONYMOUS_SOCKET_ACCEPTED: {
    title: "The server accepts sockets that are not logged in.",
    meaning:
      "A Socket.IO client whose handshake carries no logged-in session still connected. Such a socket is in the " +
      "app as nobody (if only until a connection handler ends it), and stays nobody even after its user logs in " +
      "over HTTP. Refuse it at the handshake, before any handler runs: " +
      "`io.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new " +
      "Error(\"unauthorized\")))`. A session object alone proves nothing: express-session gives every request " +
      "one, logged in or not.",
  },
  PUSH_REACHED_OTHERS: {
    title: "A notification for one user reached another user's socket.",
    meaning:
      "`io.emit()` sends to every connected socket. Address the user's own sockets: join each socket to a room " +
      "named after its user on connection (`socket.join(`user:${user}`)`) and send with " +
      "`io.to(`user:${user}`).emit(...)`.",
  },
  CLIENT_IDENTITY_TRUSTED: {
    title: "The server took the user's name from what the client sent.",
    meaning:
      "Anything in the handshake's `auth` payload (or its query) is chosen by the client: a socket that sends " +
      "`{ user: \"alice\" }` becomes alice. Take the user from the session the cookie names: " +
      "`(socket.request as express.Request).session.user`.",
  },
  SOCKET_OUTLIVES_LOGOUT: {
    title: "After logout, the session's other sockets still act as the user.",
    meaning:
      "POST /logout ended the session (HTTP knows nobody now), but each socket keeps the copy of the session its " +
      "handshake loaded (`socket.request.session`), and nothing told them. Another tab stays logged in over its " +
      "socket: it keeps receiving the user's events and acting as the user. Join each socket to a room named " +
      "after its session (`socket.join(req.session.id)` on connection) and, in the logout route, " +
      "`io.in(sessionId).disconnectSockets()` with the id read before `destroy()`. Or reload the session before " +
      "each event (`socket.use`) and disconnect when it is gone; that also covers a session that expires.",
  },
  LOGOUT_DISCONNECTED_OTHERS: {
    title: "One user's logout disconnected another user's socket.",
    meaning:
      "`io.disconnectSockets()` on its own (or closing every Engine.IO connection) ends every socket on the " +
      "server, everybody's. Address only the " +
      "sockets of the session that logged out: `io.in(sessionId).disconnectSockets()`, with each socket in a room " +
      "named after its session.",
  },
  LOGOUT_FAILED: {
    title: "Logging out does not end the session.",
    meaning:
      "POST /logout failed, never answered, or answered while GET /me with the same cookie still names the " +
      "user. The route calls `req.session.destroy()`, so the usual cause here is that the session middleware " +
      "never reaches it: it only runs for routes registered after `app.use(sessionMiddleware)`, middleware " +
      "added route by route (`app.post(\"/login\", sessionMiddleware, ...)`) is easy to miss on one, and a " +
      "second `session()` has a store of its own. Register one session middleware once, before every route " +
      "that uses the session.",
  },
  LOGOUT_KEEPS_SESSION: {
    title: "After logout, HTTP still sees the user.",
    meaning:
      "POST /logout answered, yet `GET /me` with the same cookie still names the user: the logout route must " +
      "destroy the session (`req.session.destroy(callback)`), not only answer.",
  },
  LOGOUT_UNDONE: {
    title: "After logout, the session came back.",
    meaning:
      "POST /logout destroyed the session, and a long-polling request that was open at that moment put it back. " +
      "`io.engine.use(sessionMiddleware)` runs the session middleware on every Engine.IO request, so each poll " +
      "loads its own copy of the session, and while a client long-polls one is always open. With `resave: true`, " +
      "express-session saves that copy back to the store when the request ends, changed or not: the old cookie " +
      "is logged in again. Set `resave: false` (a session is then saved only by a request that changed it). " +
      "Running the session middleware for the handshake only (the Socket.IO guide's `onlyForHandshake`) also " +
      "spares the store a read per poll. If `resave` is false already, look for other code that writes an old " +
      "copy back: a `save()` of `socket.request.session` (the handshake's copy), or a store whose `touch()` " +
      "saves the whole session.",
  },
  LOGIN_UNDONE: {
    title: "Right after the login, the session had lost its user.",
    meaning:
      "POST /login answered and the cookie names the session it logged in, yet GET /me finds that session " +
      "without a user: a request that loaded the session before the login and ended after it saved its older " +
      "copy back. With `resave: true`, express-session saves every session at the end of every request, changed " +
      "or not, and `io.engine.use(sessionMiddleware)` runs on every long-poll, one of which is always open. " +
      "(With `saveUninitialized: true` the socket's handshake already gave the page a session, and its polls " +
      "carry it.) Set `resave: false`: a session is then saved only by a request that changed it.",
  },
  REDIS_DROP_CRASHED_SERVER: {
    title: "The server died when Redis closed its connection.",
    meaning:
      "node-redis reports a lost connection (`SocketClosedUnexpectedlyError`) with an `'error'` event on the " +
      "client. A Node EventEmitter throws an `'error'` event that has no listener, so the whole process exits: " +
      "every user's socket drops and nobody can log in until someone restarts the server. Redis closes idle " +
      "connections (its `timeout` setting), restarts and fails over, so this happens in production. " +
      "`redis.connect().catch(...)` only handles the first connect. Listen for the event: " +
      "`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`, before `connect()`; node-redis then " +
      "connects again by itself. A listener that calls `process.exit()` does the same harm.",
  },
  REDIS_DROP_DISCONNECTED_SOCKETS: {
    title: "Users' sockets were disconnected when Redis closed its connection.",
    meaning:
      "The server lived through the drop, but a socket that was connected before it was disconnected. A connected " +
      "socket needs nothing from Redis: it holds the copy of the session its handshake loaded. Dropping sockets " +
      "makes every user reconnect at once, each handshake a read from a Redis that is just coming back, and loses " +
      "what was in flight. (A process manager or cluster that restarts a crashed server looks the same from " +
      "outside: the crash again.) Log the error and let node-redis reconnect; leave the sockets alone.",
  },
  REDIS_NOT_RECONNECTED: {
    title: "The server stayed up, but never connected to Redis again.",
    meaning:
      "While node-redis is offline it queues every command, so every request that needs the session now waits " +
      "for ever. A catch-all `process.on(\"uncaughtException\")` keeps the process alive, but the unhandled " +
      "`'error'` event was thrown from inside node-redis and stopped its reconnection half-way; " +
      "`reconnectStrategy: false` turns reconnecting off. Remove those and listen for the client's own event: " +
      "`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`.",
  },
  REDIS_SESSION_LOST_AFTER_DROP: {
    title: "After Redis came back, the app no longer knew the session.",
    meaning:
      "The app connected to Redis again and the session is still stored there, but HTTP or a new socket does not " +
      "find it. A dropped connection loses no data: do not end sessions, create new clients or switch stores " +
      "when Redis reports an error. Log the error and let node-redis connect again.",
  },
  REDIS_ERROR_NOT_LOGGED: {
    title: "The app said nothing when its Redis connection dropped.",
    meaning:
      "It lived through the drop and connected again, but it left no trace in its log: an `'error'` listener " +
      "that does nothing hides every Redis problem, from a flapping network to a wrong password or a full " +
      "memory, until users report them (and one added with `once()` hears only the first). Log what it receives: " +
      "`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`.",
  },
  SOCKET_OUTLIVES_EXPIRY: {
    title: "After the session expired, its socket still acts as the user.",
    meaning:
      "The session's time ran out and the store dropped it, so HTTP knows nobody. The socket still holds the copy " +
      "of the session its handshake loaded (`socket.request.session`) and never asks the store again: a check at " +
      "connection time (`io.use`) ran once, hours ago. Nothing tells the app when a session expires, so ask before " +
      "each event: `socket.use((_packet, next) => req.session.reload((err) => (err ? socket.disconnect() : next())))` " +
      "in `io.on(\"connection\")`. `reload()` fails when the store no longer has the session; then end the socket " +
      "(refusing the one event with `next(err)` leaves it connected).",
  },
  EXPIRY_DISCONNECTED_OTHERS: {
    title: "One session's expiry disconnected other users' sockets.",
    meaning:
      "When a socket's session is gone, end that socket: `socket.disconnect()` on the socket whose `reload()` " +
      "failed. `io.disconnectSockets()` ends every socket on the server, and every user's session expires some time.",
  },
  SESSION_NOT_IN_REDIS: {
    title: "The session is not kept in Redis.",
    meaning:
      "This app keeps its sessions in Redis (`store: new RedisStore({ client: redis })`), where every instance " +
      "finds them, where they expire with their TTL, and where they outlive a restart. The verifier looked for " +
      "the browser's session at REDIS_URL and found no key for it: express-session keeps it somewhere else, most " +
      "likely in the MemoryStore it uses when `session()` has no `store`, inside one server process and out of " +
      "every other's reach. Keep the Redis store.",
  },
  NON_BROWSER_CLIENT_REFUSED: {
    title: "A client that is not a browser was refused.",
    meaning:
      "Browsers put an `Origin` header on every cross-origin handshake; Node clients, mobile apps and tests send " +
      "none, and an attacker's page cannot leave it out. Refuse a handshake whose Origin is there and not yours, " +
      "and let one without an Origin through: " +
      "`allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN)`.",
  },
  OWN_PAGE_WEBSOCKET_REFUSED: {
    title: "The app's own page can no longer use WebSocket.",
    meaning:
      "A connection from the app's own origin, with the user's cookie, over WebSocket was refused or never answered. " +
      "Refuse other origins, not WebSocket: with `transports: [\"polling\"]` every user is left on long-polling, an " +
      "HTTP request for every message, slower and heavier, and the realtime app is gone. `allowRequest` sees WebSocket " +
      "handshakes too: check the `Origin` there and keep both transports.",
  },
  SECURE_COOKIE_WITHHELD: {
    title: "The server withholds its Secure session cookie: it does not know the request came over HTTPS.",
    meaning:
      "With `cookie: { secure: true }`, express-session sets the cookie only on a secure request. HTTPS ends at the " +
      "proxy in front of the server, so Node sees plain HTTP, and Express believes the proxy's X-Forwarded-Proto " +
      "header only when told to trust it. Login answers 200 and nothing is stored in the browser. Trust the proxy: " +
      "`app.set(\"trust proxy\", 1)` (one proxy hop), or `session({ proxy: true, ... })`. Keep `secure: true`.",
  },
  PLAIN_HTTP_TREATED_AS_SECURE: {
    title: "The app treats a request that came over plain HTTP as HTTPS.",
    meaning:
      "The proxy said the request came over plain HTTP (`X-Forwarded-Proto: http`), and the app still answered " +
      "with its Secure session cookie: something forces `req.secure` (or the header) instead of trusting what the " +
      "proxy says. Let Express read the protocol from the proxy: `app.set(\"trust proxy\", 1)`.",
  },
  SESSION_COOKIE_NOT_SECURE: {
    title: "The session cookie lost its Secure flag.",
    meaning:
      "The browser would send this cookie over plain HTTP too, where anyone on the network can read it and take " +
      "over the session. `secure: false` (or `\"auto\"` without a trusted proxy) makes the login work by giving " +
      "that up. Keep `secure: true` and let the server see that the request was secure: `app.set(\"trust proxy\", 1)`.",
  },
  SESSION_FIXATION: {
    title: "Login keeps the session id it was given before login (session fixation).",
    meaning:
      "A session id that existed before login (one an attacker planted in the victim's browser, or one left on a " +
      "shared computer) becomes a logged-in session, and whoever holds it is logged in as the user. Give the session " +
      "a new id when the user logs in: `req.session.regenerate(callback)`, and set the user inside the callback " +
      "(regenerate is asynchronous: code after the call still sees the old session).",
  },
  ANSWERED_BEFORE_REGENERATE: {
    title: "The login answered before `regenerate()` finished, so no cookie names the new session.",
    meaning:
      "`req.session.regenerate(callback)` is asynchronous: the new session, and the cookie that names it, exist " +
      "only once the callback runs. Set the user and send the answer inside the callback.",
  },
  CART_LOST_AT_LOGIN: {
    title: "What the visitor had in the session was lost at login.",
    meaning:
      "`regenerate()` starts an empty session. Read what must survive (here the cart) before the call and put it " +
      "back in the callback: `const cart = req.session.cart; req.session.regenerate(() => { req.session.cart = cart; … })`.",
  },
  SESSION_NOT_SHARED_BETWEEN_INSTANCES: {
    title: "Each instance of the server keeps sessions of its own.",
    meaning:
      "Without a `store`, express-session keeps sessions in a MemoryStore inside the Node process. Run the server " +
      "twice behind a load balancer and a session made by one instance does not exist on the other: every request " +
      "and socket that lands there is logged out (and a restart logs everybody out). Give `session()` a store every " +
      "instance shares: `store: new RedisStore({ client: redis })` from connect-redis, with the Redis client the app " +
      "already connects.",
  },
  SOCKET_ACCEPTS_OTHER_ORIGINS: {
    title: "A page of another origin can use the user's session over Socket.IO (cross-site WebSocket hijacking).",
    meaning:
      "CORS only decides which pages may read HTTP answers (here: long-polling). A WebSocket handshake is never " +
      "subject to it, and the browser sends the API's cookies with it from any page of the same site (another port, a " +
      "sibling subdomain), or of any site for cookies with `SameSite=None`. Check the `Origin` header of every " +
      "handshake in the Server options: `allowRequest: (req, callback) => callback(null, !req.headers.origin || " +
      "req.headers.origin === CLIENT_ORIGIN)` (Node clients send no Origin; a page of another origin always does).",
  },

  NO_DECISION: {
    title: "The check could not finish.",
    meaning:
      "The verifier had to stop before it could judge the app: the last line above is what stopped it (an " +
      "answer it could not use, or none in time). That is still a failure: fix what that line shows, then " +
      "check again.",
  },
} as const satisfies Record<string, FaultInfo>;

export type FaultCode = keyof typeof FAULTS;

export function isFaultCode(code: string): code is FaultCode {
  return Object.hasOwn(FAULTS, code);
}
