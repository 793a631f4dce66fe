// Lesson 6's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "One session middleware, one store",
    "zh-CN": "一个会话中间件，一个 store",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "the socket's session id is not the one HTTP uses",
    "zh-CN": "socket 的 session id 不是 HTTP 用的那个",
  },
  teaches: {
    en: "one middleware instance shared by Express and Socket.IO",
    "zh-CN": "Express 和 Socket.IO 共用同一个中间件实例",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_STORE_MISMATCH",
  passed: {
    en: "HTTP and the socket read one store through one middleware: one session id on both sides.",
    "zh-CN": "HTTP 和 socket 通过同一个中间件读取同一个 store：两边是同一个 session id。",
  },
  hints: [
    {
      en: "The socket's handshake carries your connect.sid, and both session() calls have the same secret, yet the socket shows another session id. Where does express-session look a session id up, and where did login save yours?",
      "zh-CN": "socket 的握手请求带着你的 connect.sid，两次 session() 调用的密钥也相同，socket 显示的却是另一个 session id。express-session 到哪里去查找 session id？登录又把你的会话存到了哪里？",
    },
    {
      en: "Every `session()` call without a `store` option creates its own MemoryStore. When its store has no session for a cookie, express-session does not report \"missing\": it quietly generates a new session with a new id.",
      "zh-CN": "每次不带 `store` 选项调用 `session()`，都会创建它自己的 MemoryStore。当它的 store 里没有某个 cookie 对应的会话时，express-session 不会报告“不存在”，而是悄悄生成一个带新 id 的新会话。",
    },
    {
      en: "Create the middleware once, `const sessionMiddleware = session(sessionOptions);`, and pass that same instance to `app.use()` and `io.engine.use()`.",
      "zh-CN": "只创建一次中间件，`const sessionMiddleware = session(sessionOptions);`，再把这同一个实例交给 `app.use()` 和 `io.engine.use()`。",
    },
  ],
  // Faults only this lesson's check reports.
  faults: {
    SOCKET_STORE_MISMATCH: {
      en: {
        title: "The socket's session middleware does not find the session login saved.",
        meaning: "The handshake carried the very cookie HTTP accepts, yet the socket side started a new, empty session with another id. express-session does that when its store has no session with the cookie's id, and every `session()` call without a `store` option creates its own MemoryStore: two calls, two stores, even with identical options. Create the middleware once and give that same instance to `app.use()` and `io.engine.use()`. (From the outside, a socket side with another secret or another cookie `name` looks the same: the verifier names the store because this app gives both `session()` calls one secret. If you changed a secret, check that too.)",
      },
      "zh-CN": {
        title: "socket 的会话中间件找不到登录时保存的会话。",
        meaning: "握手带的正是 HTTP 接受的那个 cookie，socket 一侧却开始了一个带另一个 id 的新的空会话。当 express-session 的存储里没有 cookie 中那个 id 的会话时，它就会这样做；而每次不带 `store` 选项调用 `session()`，都会创建它自己的 MemoryStore：调用两次就有两个存储，哪怕选项完全相同。只创建一次中间件，并把这同一个实例交给 `app.use()` 和 `io.engine.use()`。（从外部看，socket 一侧用了另一个密钥或另一个 cookie `name` 的情况看起来完全一样：验证器之所以指出存储，是因为这个应用给两次 `session()` 调用的是同一个密钥。如果你改过密钥，也要检查一下它。）",
      },
    },
  },
} satisfies LessonMeta;
