// The lessons, in order: the one place that says which lessons exist, what they are called,
// how they fail when untouched, and their hints. The CLI, the verifier and the tests all read it.
import type { FaultCode } from "../verify/faults.ts";

export interface LessonInfo {
  number: number;
  /** Folder name under lessons/ and solutions/. */
  slug: string;
  title: string;
  /** The fault the verifier must report for the untouched lesson. */
  fault: FaultCode;
  /** What a pass proved, in one sentence: the learner's "so that's what I fixed". */
  passed: string;
  /** Layered hints: each `npm run hint N` reveals the next one. */
  hints: string[];
  /**
   * Runs the server as in production behind a proxy that terminates TLS: the page and the checks
   * talk to the proxy on the API's port, which forwards plain HTTP with `X-Forwarded-Proto: https`
   * to the server on a port of its own.
   */
  behindTlsProxy?: boolean;
  /**
   * The app may keep sessions in Redis: the harness starts a Redis server and passes REDIS_URL.
   * "own": a Redis server for this app alone, because its check disrupts Redis (lesson 19).
   */
  redis?: true | "own";
}

export const LESSONS: LessonInfo[] = [
  {
    number: 1,
    slug: "01-middleware-order",
    title: "Session middleware before the routes",
    fault: "HTTP_SESSION_MISSING",
    passed: "Every route sees req.session, and HTTP and the socket share one session.",
    hints: [
      "Log in on the page and watch the server output: the error names `req.session`. What is undefined, and why?",
      "Express runs `app.use()` middleware and routes strictly in the order they were registered.",
      "Move `app.use(sessionMiddleware)` above the routes that read or write `req.session`.",
    ],
  },
  {
    number: 2,
    slug: "02-share-with-socket",
    title: "Share the session middleware with Socket.IO",
    fault: "SOCKET_SESSION_MISSING",
    passed: "The socket's handshake runs the session middleware: the socket knows the same session and user as HTTP.",
    hints: [
      "HTTP sees your user and the handshake carries the cookie; the socket still has no `session`. Which code ever reads that cookie for Socket.IO requests?",
      "Socket.IO answers its own requests before Express sees them, so `app.use()` never runs for them.",
      "Give Socket.IO the same middleware instance: `io.engine.use(sessionMiddleware);`.",
    ],
  },
  {
    number: 3,
    slug: "03-wrong-path",
    title: "Client and server on the same Socket.IO path",
    fault: "SOCKET_PATH_MISMATCH",
    passed: "Client and server agree on the Socket.IO path, and the socket shares the HTTP session.",
    hints: [
      "Open the browser's network tab: which URL does the socket request, and what status comes back?",
      "The server was created with a custom `path` option. The client has one too, and its default is `/socket.io/`.",
      "Pass the server's path to the client: `io(API_URL, { withCredentials: true, path: \"/api/socket.io\" })`.",
    ],
  },
  {
    number: 4,
    slug: "04-missing-credentials",
    title: "Credentials on a cross-origin socket",
    fault: "SOCKET_CREDENTIALS_MISSING",
    passed: "The cross-origin handshake carries the session cookie, and the server allows it.",
    hints: [
      "The page runs on port 8080 and the API on 3000: different origins. Does the socket's handshake carry the connect.sid cookie?",
      "A cross-origin socket.io-client sends cookies only with `withCredentials: true`, and the browser then insists that the server allows credentials too.",
      "Client: `io(API_URL, { withCredentials: true })`. Server: `new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } })`.",
    ],
  },
  {
    number: 5,
    slug: "05-mismatched-secret",
    title: "One secret for the cookie and the socket",
    fault: "SOCKET_SECRET_MISMATCH",
    passed: "The socket verifies the cookie with the server's real secret and finds the HTTP session.",
    hints: [
      "The socket side checks the cookie's signature itself. Which secret does `unsign()` use, and which does `session()` use?",
      "The workshop runs the server with a random SESSION_SECRET, as production does. A default that only matches on your machine is not enough.",
      "Sign and verify with the same value: keep one `SESSION_SECRET` constant and use it in both `session({ secret })` and `unsign()`.",
    ],
  },
  {
    number: 6,
    slug: "06-two-stores",
    title: "One session middleware, one store",
    fault: "SOCKET_STORE_MISMATCH",
    passed: "HTTP and the socket read one store through one middleware: one session id on both sides.",
    hints: [
      "The socket's handshake carries your connect.sid, and both session() calls have the same secret, yet the socket shows another session id. Where does express-session look a session id up, and where did login save yours?",
      "Every `session()` call without a `store` option creates its own MemoryStore. When its store has no session for a cookie, express-session does not report \"missing\": it quietly generates a new session with a new id.",
      "Create the middleware once, `const sessionMiddleware = session(sessionOptions);`, and pass that same instance to `app.use()` and `io.engine.use()`.",
    ],
  },
  {
    number: 7,
    slug: "07-login-after-connect",
    title: "Connect the socket after login",
    fault: "SOCKET_OPENED_BEFORE_LOGIN",
    passed: "The socket connects after login, knows the user and gets what is pushed to them; anonymous sockets are refused.",
    hints: [
      "Log in, then press Refresh: HTTP shows your user, the socket does not. When did the socket's handshake happen, and which cookie did it carry?",
      "A socket's session is what its handshake carried. This page connects at load and never reloads, so the socket stays anonymous, and it never joins the room `user:<name>` that POST /notify pushes to. The server also lets such anonymous sockets in.",
      "Client: `io(API_URL, { withCredentials: true, autoConnect: false })` and `afterLogin: () => void socket.connect()`. Server: `io.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new Error(\"unauthorized\")))`.",
    ],
  },
  {
    number: 8,
    slug: "08-socket-writes",
    title: "Save what the socket changes in the session",
    fault: "SOCKET_WRITE_NOT_SAVED",
    passed: "What the socket writes to the session is saved, and neither side loses or misses the other's changes.",
    hints: [
      "Add a sticker: the socket's answer lists it, GET /cart does not. Which code writes the socket's `req.session` to the store, and when?",
      "`socket.request.session` is a copy loaded once, at the handshake. express-session saves only when an HTTP response ends; the socket must `save()` itself, and `reload()` first, or its old copy overwrites what HTTP changed since (and reads stay stale).",
      "In cart:add: `req.session.reload((err) => { …push into req.session.cart…; req.session.save(() => ack({ cart: req.session.cart })) })`; in cart:get, read inside `req.session.reload(...)`. After a reload use `req.session`, never a variable saved before it.",
    ],
  },
  {
    number: 9,
    slug: "09-node-client",
    title: "Session cookies from a Node.js client",
    fault: "NODE_CLIENT_COOKIE_MISSING",
    passed: "The Node.js client sends the session cookie from its login with the socket's handshake.",
    hints: [
      "The page works; bot.ts does not. It logs in with fetch and then connects: which request would carry the cookie to the socket?",
      "A browser keeps cookies for you. In Node, the Set-Cookie header of the login response is just data in that response.",
      "Read the cookie with `res.headers.getSetCookie()`, keep the `name=value` parts, and pass them as `io(API_URL, { extraHeaders: { cookie } })`.",
    ],
  },
  {
    number: 10,
    slug: "10-session-from-id",
    title: "Look a session up from its cookie, safely",
    fault: "COOKIE_LOOKUP_FAILED",
    passed: "The lookup finds the session from the real cookie and refuses tampered, unsigned and client-supplied ids.",
    hints: [
      "Compare the handshake's `Cookie` header in the Network tab (`connect.sid=s%3A…`) with what `sessionFromCookie` checks first. Then read the terminal after each fix: this helper has more than one problem.",
      "The helper trips three times: the header value is URL-encoded; `promisify(store.get)` calls `get` without its store as `this`; and `split(\".\")[0]` throws the signature away unchecked, so a forged cookie would pass too. A value that no secret verifies is no session, and a session id the client sends (`socket.handshake.auth`) proves nothing.",
      "`const raw = value && decodeURIComponent(value)`; `promisify(store.get).bind(store)`; `SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false)`, and return null when that finds nothing.",
    ],
  },
  {
    number: 11,
    slug: "11-logout-sockets",
    title: "Log out every socket of the session",
    fault: "SOCKET_OUTLIVES_LOGOUT",
    passed: "Logging out ends every socket of that session, in every tab, and leaves other users' sockets alone.",
    hints: [
      "Open the page in two tabs and log in. Log out in one, then press Refresh in the other: which column still shows your name, and which code would ever tell that socket about the logout?",
      "`socket.request.session` is the copy its handshake loaded. `req.session.destroy()` deletes the stored session, not the copies open sockets hold, so the server has to find this session's sockets and end them.",
      "In `io.on(\"connection\")`: `socket.join(req.session.id)`. In `/logout`: `const sessionId = req.session.id;` before `destroy()`, then in its callback `io.in(sessionId).disconnectSockets();`.",
    ],
  },
  {
    number: 12,
    slug: "12-secure-cookie-proxy",
    title: "Secure cookies behind a proxy that terminates HTTPS",
    fault: "SECURE_COOKIE_WITHHELD",
    passed: "Behind the HTTPS proxy the secure cookie is sent, and HTTP and the socket share one session.",
    behindTlsProxy: true,
    hints: [
      "Log in and look at the answer of `POST /login` in the Network tab: 200, and no `Set-Cookie` header. Which session option decides when express-session sends its cookie?",
      "`cookie: { secure: true }` sends the cookie only on a request that arrived over HTTPS. Here HTTPS ends at the proxy, and the proxy says so in `X-Forwarded-Proto: https`, but Express ignores that header until you say the proxy is to be trusted.",
      "Add `app.set(\"trust proxy\", 1);` (one proxy in front), or pass `proxy: true` to `session()`. Keep `secure: true`.",
    ],
  },
  {
    number: 13,
    slug: "13-regenerate-on-login",
    title: "A new session id at login",
    fault: "SESSION_FIXATION",
    passed: "Login gives the session a new id and keeps the cart, and the socket knows the new session.",
    hints: [
      "Put something in the cart before you log in, and compare the `connect.sid` cookie before and after the login (DevTools, Application, Cookies). Who else could hold that value?",
      "An id that existed before login must not become a logged-in session. express-session can swap the session for a new one with a new id: `req.session.regenerate(callback)`. It starts empty, and it is asynchronous.",
      "In `/login`: `const cart = req.session.cart;` then `req.session.regenerate((err) => { if (err) return next(err); req.session.cart = cart; req.session.user = username; res.json({ user: username }); });`.",
    ],
  },
  {
    number: 14,
    slug: "14-redis-store",
    title: "One session store for every instance",
    fault: "SESSION_NOT_SHARED_BETWEEN_INSTANCES",
    passed: "A second instance sharing Redis knows the same session, over HTTP and the socket, both ways.",
    redis: true,
    hints: [
      "Log in, save `server.ts` without changing it (the server restarts) and press Refresh: you are logged out, though the cookie is the same. Where was your session kept?",
      "Without a `store` option, express-session keeps sessions in a MemoryStore in the process's memory: each instance has its own, and a restart empties it. The instances already share a Redis server (`redis` in server.ts), and connect-redis is a session store that keeps sessions there.",
      "`import { RedisStore } from \"connect-redis\";` and in `session({ ... })`: `store: new RedisStore({ client: redis }),`.",
    ],
  },
  {
    number: 15,
    slug: "15-websocket-origin",
    title: "Check the Origin of every socket handshake",
    fault: "SOCKET_ACCEPTS_OTHER_ORIGINS",
    passed: "A page on another origin can no longer open a socket with the user's cookie; the app's own page still can.",
    hints: [
      "CORS is set up right, so another site cannot read your API's answers. Does CORS apply to a WebSocket at all? Try `new WebSocket(\"ws://localhost:3000/socket.io/?EIO=4&transport=websocket\")` in the console of a page on another port.",
      "A browser sends the API's cookies with a WebSocket handshake from any page of the same site, and CORS never looks at it. What the server can look at is the `Origin` header the browser puts on every handshake. Socket.IO lets you accept or refuse each handshake with the `allowRequest` option.",
      "In `new Server(httpServer, { ... })`: `allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN),`.",
    ],
  },
  {
    number: 16,
    slug: "16-cookie-path",
    title: "A cookie path that covers the socket",
    fault: "COOKIE_PATH_EXCLUDES_SOCKET",
    passed: "The handshake lies inside the cookie's Path, carries the cookie, and the socket shares the HTTP session.",
    hints: [
      "Log in, then compare two requests in the Network tab: `GET /api/me` and the socket's `GET /socket.io/?EIO=4…`. Which one carries the `connect.sid` cookie? DevTools, Application, Cookies shows the cookie's Path.",
      "A browser sends a cookie only to URLs inside its `Path`, and express-session skips every request outside `cookie.path`. The Socket.IO handshake is an HTTP request too, to `/socket.io/` by default.",
      "Keep the cookie on `/api` and move Socket.IO inside it: `path: \"/api/socket.io\"` in `new Server(httpServer, { ... })` and in `io(API_URL, { ... })`. (Or remove `cookie: { path: \"/api\" }`: the default Path is `/`.)",
    ],
  },
  {
    number: 17,
    slug: "17-session-expiry",
    title: "End the socket when the session expires",
    fault: "SOCKET_OUTLIVES_EXPIRY",
    passed: "When the session expired in Redis, its open socket stopped acting as the user at its next event.",
    redis: true,
    hints: [
      "Sessions last 30 minutes. To watch one end sooner, set `maxAge: 10_000`, log in, leave the page alone for ten seconds, then press Refresh. Which column still shows your name?",
      "The handshake loaded the session once into `socket.request.session`, and `io.use` checked it once. When the TTL runs out, Redis drops the session and nothing tells the socket. `req.session.reload(callback)` asks the store again, and fails when the session is gone.",
      "In `io.on(\"connection\")`, before the handlers: `socket.use((_packet, next) => { req.session.reload((err) => (err ? socket.disconnect() : next())); });`.",
    ],
  },
  {
    number: 18,
    slug: "18-resave-while-polling",
    title: "A logout that an open long-poll cannot undo",
    fault: "LOGOUT_UNDONE",
    passed: "A long-poll that was open during the logout ended after it, and the session stayed gone.",
    hints: [
      "Log in, then log out: the page reloads and you are logged in again, with the same session id. Now watch the server's session store: `DEBUG=express-session npm run lesson 18`. What does express-session do at the end of the socket's `GET /socket.io/?…&transport=polling` requests?",
      "`io.engine.use(sessionMiddleware)` runs the session middleware on every long-polling request, and one is always open, holding the copy of the session it loaded. With `resave: true`, express-session saves that copy back when the request ends, changed or not; the logout's own disconnect ends it right after `destroy()`.",
      "In `session({ ... })`: `resave: false,`. It then saves a session only when the request changed it.",
    ],
  },
  {
    number: 19,
    slug: "19-redis-connection-drop",
    title: "Survive a dropped Redis connection",
    fault: "REDIS_DROP_CRASHED_SERVER",
    passed: "Redis closed the app's connection; the server lived through it, logged it, connected again and still knew the session.",
    hints: [
      "Read the server's last words in the verifier's output: which object emitted the error, and why did an error in a Redis client end the whole process? `redis.connect().catch(console.error)` handles one thing only: the promise of the first connect.",
      "A node-redis client is an EventEmitter, and it reports a lost connection with an `'error'` event. Node throws an `'error'` event that has no listener, which ends the process. With a listener, node-redis logs nothing itself and simply connects again.",
      "Before `redis.connect()`: `redis.on(\"error\", (err) => console.error(\"Redis:\", err.message));`.",
    ],
    redis: "own",
  },
];
