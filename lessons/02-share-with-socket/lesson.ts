// Lesson 2's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Share the session middleware with Socket.IO",
    "zh-CN": "让 Socket.IO 共用会话中间件",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "HTTP knows you; the socket has no session at all",
    "zh-CN": "HTTP 认得你；socket 根本没有 session",
  },
  teaches: {
    en: "`io.engine.use(sessionMiddleware)`, one instance for both",
    "zh-CN": "`io.engine.use(sessionMiddleware)`，两边共用一个实例",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_SESSION_MISSING",
  passed: {
    en: "The socket's handshake runs the session middleware: the socket knows the same session and user as HTTP.",
    "zh-CN": "socket 的握手会经过会话中间件：socket 认得的会话和用户与 HTTP 相同。",
  },
  hints: [
    {
      en: "HTTP sees your user and the handshake carries the cookie; the socket still has no `session`. Which code ever reads that cookie for Socket.IO requests?",
      "zh-CN": "HTTP 能看到你的用户，握手请求也带着 cookie，可 socket 仍然没有 `session`。对于 Socket.IO 的请求，有哪段代码会去读取这个 cookie？",
    },
    {
      en: "Socket.IO answers its own requests before Express sees them, so `app.use()` never runs for them.",
      "zh-CN": "Socket.IO 在 Express 看到自己的请求之前就已经应答了，所以 `app.use()` 对这些请求从不执行。",
    },
    {
      en: "Give Socket.IO the same middleware instance: `io.engine.use(sessionMiddleware);`.",
      "zh-CN": "把同一个中间件实例交给 Socket.IO：`io.engine.use(sessionMiddleware);`。",
    },
  ],
  // Faults only this lesson's check reports.
  faults: {
    SOCKET_SESSION_LATE: {
      en: {
        title: "Socket.IO gets the session middleware only after a first connection.",
        meaning: "On a freshly started server, the first socket, whose handshake carried a logged-in cookie, found no session. `io.engine.use(sessionMiddleware)` must run once, when the server starts: inside `io.on(\"connection\")` it comes too late for the handshake that triggered it, and every connection adds one more copy of the middleware.",
      },
      "zh-CN": {
        title: "Socket.IO 要等到第一个连接之后才拿到会话中间件。",
        meaning: "在一个刚启动的服务器上，第一个 socket 的握手带着已登录的 cookie，却找不到会话。`io.engine.use(sessionMiddleware)` 必须在服务器启动时运行一次：放在 `io.on(\"connection\")` 里就太晚了，赶不上触发它的那次握手，而且每个连接都会再添加一份中间件。",
      },
    },
  },
} satisfies LessonMeta;
