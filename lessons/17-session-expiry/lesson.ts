// Lesson 17's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "End the socket when the session expires",
    "zh-CN": "会话过期时结束 socket",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "HTTP says the session expired; the open socket still acts as the user",
    "zh-CN": "HTTP 说 session 已过期；打开着的 socket 仍然以用户身份行事",
  },
  teaches: {
    en: "a socket holds a copy of the session: `socket.use()` + `reload()`, disconnect when it is gone",
    "zh-CN": "socket 持有 session 的副本：`socket.use()` + `reload()`，session 没了就断开",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_OUTLIVES_EXPIRY",
  passed: {
    en: "When the session expired in Redis, its open socket stopped acting as the user at its next event.",
    "zh-CN": "会话在 Redis 中过期后，它那个仍然打开的 socket 在下一个事件时就不再以该用户的身份行事。",
  },
  hints: [
    {
      en: "Sessions last 30 minutes. To watch one end sooner, set `maxAge: 10_000`, log in, leave the page alone for ten seconds, then press Refresh. Which column still shows your name?",
      "zh-CN": "会话的有效期是 30 分钟。想早点看到它结束，可以设置 `maxAge: 10_000`，登录，十秒钟内不要动页面，然后点 Refresh。哪一栏仍然显示你的名字？",
    },
    {
      en: "The handshake loaded the session once into `socket.request.session`, and `io.use` checked it once. When the TTL runs out, Redis drops the session and nothing tells the socket. `req.session.reload(callback)` asks the store again, and fails when the session is gone.",
      "zh-CN": "握手时会话被加载了一次，放进 `socket.request.session`，`io.use` 也只检查了一次。TTL 到期时，Redis 删除了会话，却没有任何东西通知 socket。`req.session.reload(callback)` 会重新询问存储，会话已经不在时它会失败。",
    },
    {
      en: "In `io.on(\"connection\")`, before the handlers: `socket.use((_packet, next) => { req.session.reload((err) => (err ? socket.disconnect() : next())); });`.",
      "zh-CN": "在 `io.on(\"connection\")` 中、事件处理函数之前：`socket.use((_packet, next) => { req.session.reload((err) => (err ? socket.disconnect() : next())); });`。",
    },
  ],
  // A Redis of its own: the battery restarts it.
  needs: { redis: "own" },
  // An io.use() middleware refuses anonymous handshakes (the README says so).
  features: { refusesVisitorSockets: true },
  // Faults only this lesson's check reports.
  faults: {
    SESSION_LIFETIME_WRONG: {
      en: {
        title: "Sessions do not last the 30 minutes the app promises.",
        meaning: "A session ends after 30 minutes without a request: `cookie: { maxAge: 30 * 60 * 1000 }` gives the cookie that lifetime, and connect-redis gives the Redis key the same TTL, renewed by each request. Without `maxAge`, connect-redis keeps sessions for a day; a shorter one logs users out while they work.",
      },
      "zh-CN": {
        title: "会话的存活时间不是应用承诺的 30 分钟。",
        meaning: "会话在 30 分钟没有请求之后结束：`cookie: { maxAge: 30 * 60 * 1000 }` 给 cookie 这个寿命，connect-redis 也给 Redis 的键同样的 TTL，每个请求都会续期。没有 `maxAge` 时，connect-redis 会把会话保留一天；更短的寿命则会让用户在工作时被登出。",
      },
    },
    SOCKET_OUTLIVES_EXPIRY: {
      en: {
        title: "After the session expired, its socket still acts as the user.",
        meaning: "The session's time ran out and the store dropped it, so HTTP knows nobody. The socket still holds the copy of the session its handshake loaded (`socket.request.session`) and never asks the store again: a check at connection time (`io.use`) ran once, hours ago. Nothing tells the app when a session expires, so ask before each event: `socket.use((_packet, next) => req.session.reload((err) => (err ? socket.disconnect() : next())))` in `io.on(\"connection\")`. `reload()` fails when the store no longer has the session; then end the socket (refusing the one event with `next(err)` leaves it connected).",
      },
      "zh-CN": {
        title: "会话过期之后，它的 socket 仍然以该用户的身份行事。",
        meaning: "会话的时间到了，存储删除了它，所以 HTTP 不认识任何用户。socket 仍然持有它握手时加载的那份会话副本（`socket.request.session`），并且再也不会去问存储：连接时的检查（`io.use`）只在几小时前运行过一次。会话过期时没有任何东西会通知应用，所以要在每个事件之前询问：在 `io.on(\"connection\")` 里写 `socket.use((_packet, next) => req.session.reload((err) => (err ? socket.disconnect() : next())))`。存储中已经没有这个会话时，`reload()` 会失败；这时要结束这个 socket（用 `next(err)` 只拒绝这一个事件，socket 仍然连着）。",
      },
    },
    EXPIRY_DISCONNECTED_OTHERS: {
      en: {
        title: "One session's expiry disconnected other users' sockets.",
        meaning: "When a socket's session is gone, end that socket: `socket.disconnect()` on the socket whose `reload()` failed. `io.disconnectSockets()` ends every socket on the server, and every user's session expires some time.",
      },
      "zh-CN": {
        title: "一个会话过期，却断开了其他用户的 socket。",
        meaning: "某个 socket 的会话没了，就结束那个 socket：对 `reload()` 失败的那个 socket 调用 `socket.disconnect()`。`io.disconnectSockets()` 会结束服务器上的每一个 socket，而每个用户的会话迟早都会过期。",
      },
    },
  },
} satisfies LessonMeta;
