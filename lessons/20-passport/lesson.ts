// Lesson 20's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Passport's user on the socket too",
    "zh-CN": "让 socket 也拿到 Passport 的用户",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "HTTP knows you; your socket, with the same cookie, is refused as `unauthorized`",
    "zh-CN": "HTTP 认得你；带着同一个 cookie 的 socket 却以 `unauthorized` 被拒绝",
  },
  teaches: {
    en: "`passport.session()` on the engine too, after the session middleware, for the handshake only; `req.user`, not the session's id",
    "zh-CN": "`passport.session()` 也交给 engine，放在会话中间件之后，只用于握手；用 `req.user`，而不是会话里的 id",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "PASSPORT_USER_NOT_ON_SOCKET",
  passed: {
    en: "A logged-in socket is the Passport user, others are refused, and a logout ends only its own session's sockets.",
    "zh-CN": "已登录的 socket 就是 Passport 的用户，其他 socket 被拒绝，而一次登出只结束它自己那个会话的 socket。",
  },
  hints: [
    {
      en: "Log in and look at the panel: HTTP names you, the socket says `unauthorized`. The refusal in `io.use()` checks `req.user`. Over HTTP, which middleware sets `req.user`, and does a Socket.IO handshake ever go through it?",
      "zh-CN": "登录后看看面板：HTTP 显示你的名字，socket 却显示 `unauthorized`。`io.use()` 里的拒绝检查的是 `req.user`。在 HTTP 这一边，是哪个中间件设置了 `req.user`？Socket.IO 的握手经过它吗？",
    },
    {
      en: "`app.use()` never sees Socket.IO's requests: the engine has a middleware chain of its own, `io.engine.use()`. The session middleware is there, so the socket has the session, with the user's id Passport put in it. `passport.session()` is what turns that id into `req.user` (it calls `deserializeUser`), and the engine does not run it.",
      "zh-CN": "`app.use()` 从来看不到 Socket.IO 的请求：engine 有它自己的中间件链 `io.engine.use()`。会话中间件已经在那里了，所以 socket 有会话，里面有 Passport 存的用户 id。把这个 id 变成 `req.user` 的是 `passport.session()`（它会调用 `deserializeUser`），而 engine 没有运行它。",
    },
    {
      en: "Right after `io.engine.use(onlyForHandshake(sessionMiddleware));`, add `io.engine.use(onlyForHandshake(passport.session()));`. After the session middleware: it reads `req.session`. Keep the refusal and `req.user` as they are.",
      "zh-CN": "紧接在 `io.engine.use(onlyForHandshake(sessionMiddleware));` 之后，加上 `io.engine.use(onlyForHandshake(passport.session()));`。要放在会话中间件之后：它读取的是 `req.session`。拒绝和 `req.user` 保持原样。",
    },
  ],
  // An io.use() middleware refuses sockets without a logged-in user (the README says so).
  features: { refusesVisitorSockets: true },
  // Faults only this lesson's check reports.
  faults: {
    WRONG_PASSWORD_ACCEPTED: {
      en: {
        title: "A login with a wrong password is not refused as it should be.",
        meaning: "POST /login must authenticate: `passport.authenticate(\"local\", …)` runs the LocalStrategy, which answers `done(null, false)` for a wrong password, and only then `req.logIn(user)`. Calling `req.logIn()` with the name from the body skips the strategy: anybody can log in as anybody. A refusal is a 4xx with JSON `{ error }`, not a crash (5xx).",
      },
      "zh-CN": {
        title: "用错误的密码登录时，没有被正确地拒绝。",
        meaning: "POST /login 必须做身份验证：`passport.authenticate(\"local\", …)` 运行 LocalStrategy，密码错误时它回答 `done(null, false)`，之后才 `req.logIn(user)`。直接用请求体里的名字调用 `req.logIn()` 就跳过了策略：任何人都能以任何人的身份登录。拒绝应该是 4xx 加上 JSON `{ error }`，而不是崩溃（5xx）。",
      },
    },
    PASSPORT_USER_NOT_ON_SOCKET: {
      en: {
        title: "The socket has the session, but not the Passport user.",
        meaning: "The handshake carried the cookie of a logged-in session, and the socket was refused, or answered as somebody else. Passport keeps only what `serializeUser` returned (the user's id) in the session, under `req.session.passport.user`; `passport.session()` reads it, calls `deserializeUser` and sets `req.user`. `app.use(passport.session())` runs for Express's routes only: give it to the engine too, after the session middleware it reads from, for the handshake only: `io.engine.use(onlyForHandshake(sessionMiddleware)); io.engine.use(onlyForHandshake(passport.session()));`. Then read the user from `socket.request.user`. Reading `socket.request.session.passport.user` by hand gives the stored id, not the user, and skips `deserializeUser` (a deleted user would still get in); `socket.handshake.session` does not exist.",
      },
      "zh-CN": {
        title: "socket 有会话，却没有 Passport 的用户。",
        meaning: "握手带着一个已登录会话的 cookie，socket 却被拒绝了，或者以别的身份应答。Passport 在会话里只保存 `serializeUser` 返回的东西（用户的 id），放在 `req.session.passport.user`；`passport.session()` 读取它，调用 `deserializeUser`，再设置 `req.user`。`app.use(passport.session())` 只作用于 Express 的路由：还要把它交给 engine，放在它所依赖的会话中间件之后，并且只用于握手：`io.engine.use(onlyForHandshake(sessionMiddleware)); io.engine.use(onlyForHandshake(passport.session()));`。然后从 `socket.request.user` 读取用户。自己去读 `socket.request.session.passport.user` 得到的是存下的 id，而不是用户，还绕过了 `deserializeUser`（已删除的用户照样能进来）；`socket.handshake.session` 根本不存在。",
      },
    },
    GUARD_REFUSES_LATER_REQUESTS: {
      en: {
        title: "The socket's handshake gets through; the requests that follow it on the same connection are refused.",
        meaning: "A middleware given to `io.engine.use()` runs on every HTTP request of a connection: its handshake, each long-polling request after it, and its WebSocket upgrade. `onlyForHandshake(passport.session())` sets `req.user` on the handshake only, so a guard that refuses requests without `req.user` lets the handshake in and refuses all the rest: the Socket.IO connection never completes, for anybody. Run the guard for the handshake only too, `io.engine.use(onlyForHandshake((req, res, next) => ...))`, as Socket.IO's how-to does, or refuse in `io.use()`, which runs once per socket.",
      },
      "zh-CN": {
        title: "socket 的握手通过了；同一个连接上随后的请求却都被拒绝。",
        meaning: "交给 `io.engine.use()` 的中间件会作用于一个连接的每一个 HTTP 请求：它的握手、之后的每一个长轮询请求，以及它的 WebSocket 升级。`onlyForHandshake(passport.session())` 只在握手时设置 `req.user`，所以一个拒绝没有 `req.user` 的请求的守卫，会放行握手、拒绝其余所有请求：Socket.IO 连接永远建立不起来，对谁都是如此。让守卫也只用于握手：`io.engine.use(onlyForHandshake((req, res, next) => ...))`，就像 Socket.IO 的 how-to 那样；或者在每个 socket 只运行一次的 `io.use()` 里拒绝。",
      },
    },
    LOGOUT_ENDED_OTHER_SESSIONS: {
      en: {
        title: "A logout in one browser ended the user's sockets in another browser, still logged in.",
        meaning: "The same user logged in twice (two browsers, two devices) has two sessions. A logout ends one of them: the other browser is still logged in over HTTP, and its sockets must go on working. A room per user (`user:${req.user.id}`) is for reaching all of a user's tabs with an event; the logout must end the sockets of its own session: `socket.join(req.session.id)` on connection, and `io.in(sessionId).disconnectSockets()` in the logout route, with the id read before `req.logout()` replaces the session.",
      },
      "zh-CN": {
        title: "在一个浏览器里登出，结束了同一用户在另一个仍然登录的浏览器里的 socket。",
        meaning: "同一个用户登录两次（两个浏览器、两台设备）就有两个会话。一次登出只结束其中一个：另一个浏览器通过 HTTP 仍然是登录状态，它的 socket 也必须继续工作。每个用户一个房间（`user:${req.user.id}`）是用来把事件发到该用户所有标签页的；登出要结束的是它自己那个会话的 socket：连接时 `socket.join(req.session.id)`，并在登出路由里 `io.in(sessionId).disconnectSockets()`，其中的 id 要在 `req.logout()` 替换会话之前读取。",
      },
    },
  },
} satisfies LessonMeta;
