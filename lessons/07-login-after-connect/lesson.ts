// Lesson 7's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Connect the socket after login",
    "zh-CN": "登录之后再连接 socket",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "after login the socket stays anonymous and pushes never arrive",
    "zh-CN": "登录后 socket 仍然是匿名的，推送永远收不到",
  },
  teaches: {
    en: "connect after login, refuse anonymous handshakes, push to a user's room",
    "zh-CN": "登录后再连接、拒绝匿名握手、推送到用户的房间",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_OPENED_BEFORE_LOGIN",
  passed: {
    en: "The socket connects after login, knows the user and gets what is pushed to them; anonymous sockets are refused.",
    "zh-CN": "socket 在登录之后才连接，认得用户，也能收到推送给该用户的内容；匿名的 socket 会被拒绝。",
  },
  hints: [
    {
      en: "Log in, then press Refresh: HTTP shows your user, the socket does not. When did the socket's handshake happen, and which cookie did it carry?",
      "zh-CN": "登录，然后点 Refresh：HTTP 显示你的用户，socket 却没有。socket 的握手是什么时候发生的？它带的是哪个 cookie？",
    },
    {
      en: "A socket's session is what its handshake carried. This page connects at load and never reloads, so the socket stays anonymous, and it never joins the room `user:<name>` that POST /notify pushes to. The server also lets such anonymous sockets in.",
      "zh-CN": "socket 的会话就是它的握手请求带来的那个。这个页面在加载时就连接，之后从不重新加载，所以 socket 一直是匿名的，也从未加入 POST /notify 推送消息的房间 `user:<name>`。而且服务器还放行了这种匿名 socket。",
    },
    {
      en: "Client: `io(API_URL, { withCredentials: true, autoConnect: false })` and `afterLogin: () => void socket.connect()`. Server: `io.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new Error(\"unauthorized\")))`.",
      "zh-CN": "客户端：`io(API_URL, { withCredentials: true, autoConnect: false })` 和 `afterLogin: () => void socket.connect()`。服务器：`io.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new Error(\"unauthorized\")))`。",
    },
  ],
  // The app pushes a private event to the user who asks, in every tab: the battery tries it with other users around.
  // and, from this lesson's fix on, it refuses sockets that are not logged in.
  features: { push: { path: "/notify", event: "notification" }, refusesVisitorSockets: true },
  // Faults only this lesson's check reports.
  faults: {
    PAGE_RELOADED_AFTER_LOGIN: {
      en: {
        title: "The page reloads after login, and this app is a single-page app.",
        meaning: "A reload opens a new socket with the new cookie: that hides the socket opened before login instead of fixing it, and loses the page's state. Keep the page where it is (`afterLogin` must not reload) and connect the socket once the login answered: `autoConnect: false` and `socket.connect()` in `afterLogin`.",
      },
      "zh-CN": {
        title: "登录之后页面重新加载了，而这个应用是单页应用。",
        meaning: "重新加载会用新的 cookie 打开一个新的 socket：这只是把登录之前打开的那个 socket 掩盖了，并没有修复它，而且页面的状态也丢了。让页面留在原处（`afterLogin` 不能重新加载页面），在登录返回之后再连接 socket：`autoConnect: false`，并在 `afterLogin` 里调用 `socket.connect()`。",
      },
    },
    SOCKET_NOT_RECONNECTED: {
      en: {
        title: "The socket was refused before login and never tried again.",
        meaning: "The server refuses sockets that are not logged in, so the one the page opened before login got `connect_error`. socket.io-client does not retry after a refusal from an `io.use()` middleware, and nothing connected after the login. Connect once login succeeded: `io(url, { autoConnect: false })`, then `socket.connect()` after login.",
      },
      "zh-CN": {
        title: "socket 在登录之前被拒绝，之后再也没有重试。",
        meaning: "服务器拒绝没有登录的 socket，所以页面在登录之前打开的那个 socket 收到了 `connect_error`。被 `io.use()` 中间件拒绝之后，socket.io-client 不会重试，而登录之后也没有任何东西发起连接。登录成功后再连接：`io(url, { autoConnect: false })`，登录之后再调用 `socket.connect()`。",
      },
    },
    PUSH_NOT_DELIVERED: {
      en: {
        title: "A notification pushed to the logged-in user never reached the page.",
        meaning: "The page asked the server (POST /notify) to push a notification to its user, and no `42[\"notification\", …]` packet arrived on any of the page's socket connections. The server sends it to the room `user:<name>`, which a socket joins when it connects with a logged-in session. A socket that connected before login joined no room, and it keeps that state until it connects again.",
      },
      "zh-CN": {
        title: "推送给已登录用户的通知始终没有到达页面。",
        meaning: "页面请服务器（POST /notify）向它的用户推送一条通知，但页面的所有 socket 连接上都没有收到 `42[\"notification\", …]` 数据包。服务器把它发往房间 `user:<name>`，socket 在带着已登录的会话连接时会加入这个房间。登录之前连接的 socket 没有加入任何房间，并且在重新连接之前一直保持这个状态。",
      },
    },
    NOTIFICATION_NOT_SHOWN: {
      en: {
        title: "The notification reached the page, and the page does not show it.",
        meaning: "Notify me must list the greeting in the page's Notifications section: the server pushes `{ text: \"Hello, <name>!\", at }` to the user's room, and the page's `socket.on(\"notification\", …)` appends `at` and `text` to the list. The packet arrived; look at what it carries and at the page's handler.",
      },
      "zh-CN": {
        title: "通知到达了页面，但页面没有显示它。",
        meaning: "Notify me 必须在页面的 Notifications 区域列出问候语：服务器向用户的房间推送 `{ text: \"Hello, <name>!\", at }`，页面的 `socket.on(\"notification\", …)` 把 `at` 和 `text` 追加到列表里。数据包已经到了；看看它带的内容，以及页面的处理函数。",
      },
    },
    SOCKET_OPENED_FOR_A_VISITOR: {
      en: {
        title: "The page opens its socket before anyone has logged in.",
        meaning: "The server refuses sockets that are not logged in, so a socket opened at page load by a visitor is refused (and the panel shows the error): the handshake is the socket's only look at the session, so open it once there is one. Keep `autoConnect: false` and connect after login, or at load only when `GET /me` names a user.",
      },
      "zh-CN": {
        title: "还没有人登录，页面就打开了 socket。",
        meaning: "服务器拒绝没有登录的 socket，所以访客在页面加载时打开的 socket 会被拒绝（面板会显示这个错误）：握手是 socket 唯一一次查看会话的机会，所以要等有了会话再打开它。保持 `autoConnect: false`，登录之后再连接，或者只在 `GET /me` 显示有用户时才在加载时连接。",
      },
    },
  },
} satisfies LessonMeta;
