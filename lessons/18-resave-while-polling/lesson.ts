// Lesson 18's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "A logout that an open long-poll cannot undo",
    "zh-CN": "登出不能被一个开着的长轮询撤销",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "for users on long-polling, logging out does not log out",
    "zh-CN": "对用长轮询的用户来说，登出并没有登出",
  },
  teaches: {
    en: "`io.engine.use` runs on every poll; `resave: false`; session middleware for the handshake only",
    "zh-CN": "`io.engine.use` 在每次轮询时都运行；`resave: false`；只在握手时运行 session 中间件",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "LOGOUT_UNDONE",
  passed: {
    en: "A long-poll that was open during the logout ended after it, and the session stayed gone.",
    "zh-CN": "登出时开着的长轮询在登出之后才结束，会话依然不在了。",
  },
  hints: [
    {
      en: "Log in, then log out: the page reloads and you are logged in again, with the same session id. Now watch the server's session store: `DEBUG=express-session npm run lesson 18`. What does express-session do at the end of the socket's `GET /socket.io/?…&transport=polling` requests?",
      "zh-CN": "登录，再登出：页面重新加载后你又登录了，会话 id 也没变。现在观察服务器的会话存储：`DEBUG=express-session npm run lesson 18`。socket 的 `GET /socket.io/?…&transport=polling` 请求结束时，express-session 做了什么？",
    },
    {
      en: "`io.engine.use(sessionMiddleware)` runs the session middleware on every long-polling request, and one is always open, holding the copy of the session it loaded. With `resave: true`, express-session saves that copy back when the request ends, changed or not; the logout's own disconnect ends it right after `destroy()`.",
      "zh-CN": "`io.engine.use(sessionMiddleware)` 会在每个长轮询请求上运行会话中间件，而总有一个这样的请求开着，持有它加载的那份会话副本。设置了 `resave: true` 时，请求结束时 express-session 会把这份副本存回去，不管它有没有改动；登出时断开 socket 的那一步恰好在 `destroy()` 之后结束了它。",
    },
    {
      en: "In `session({ ... })`: `resave: false,`. It then saves a session only when the request changed it.",
      "zh-CN": "在 `session({ ... })` 中：`resave: false,`。这样只有改动了会话的请求才会保存它。",
    },
  ],
  // Faults only this lesson's check reports.
  faults: {
    LOGIN_UNDONE: {
      en: {
        title: "Right after the login, the session had lost its user.",
        meaning: "POST /login answered and the cookie names the session it logged in, yet GET /me finds that session without a user: a request that loaded the session before the login and ended after it saved its older copy back. With `resave: true`, express-session saves every session at the end of every request, changed or not, and `io.engine.use(sessionMiddleware)` runs on every long-poll, one of which is always open. (With `saveUninitialized: true` the socket's handshake already gave the page a session, and its polls carry it.) Set `resave: false`: a session is then saved only by a request that changed it.",
      },
      "zh-CN": {
        title: "刚登录完，会话就丢了它的用户。",
        meaning: "POST /login 作了应答，cookie 也指向它登录的那个会话，可 GET /me 发现这个会话里没有用户：一个在登录之前加载了会话、在登录之后才结束的请求，把更旧的副本存了回去。设置了 `resave: true` 时，express-session 会在每个请求结束时保存会话，不管有没有改动；而 `io.engine.use(sessionMiddleware)` 在每个长轮询上都会运行，总有一个这样的请求开着。（设置了 `saveUninitialized: true` 时，socket 的握手已经给了页面一个会话，它的轮询也都带着这个会话。）请设置 `resave: false`：这样只有改动了会话的请求才会保存它。",
      },
    },
  },
} satisfies LessonMeta;
