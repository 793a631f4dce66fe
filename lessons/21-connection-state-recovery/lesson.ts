// Lesson 21's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Connection state recovery and logged-out users",
    "zh-CN": "连接状态恢复与已登出的用户",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "a tab whose network blinked during the logout comes back still logged in, with the user's notifications",
    "zh-CN": "登出时网络恰好断了一下的标签页，重连回来后仍然是登录状态，还收到用户的通知",
  },
  teaches: {
    en: "recovery skips `io.use` and replays missed events first: decide in the adapter's `restoreSession()`",
    "zh-CN": "恢复会跳过 `io.use`，并且先重放错过的事件：在适配器的 `restoreSession()` 里做决定",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "RECOVERED_AFTER_LOGOUT",
  passed: {
    en: "A tab that drops its connection gets back what it missed while its user is logged in, and nothing of the user once they logged out.",
    "zh-CN": "断线的标签页在用户仍登录时能拿回错过的内容；用户登出之后，它拿不回用户的任何东西。",
  },
  hints: [
    {
      en: "Log in, open a second tab, and press \"Drop the connection for 10 s\" in it. Within those ten seconds, press Notify me in the first tab, then Log out there. When the second tab comes back, what do its console, its Notifications list and its Refresh say? Which of the server's code ran for that socket, and which did not?",
      "zh-CN": "登录，打开第二个标签页，在里面点 “Drop the connection for 10 s”。在这十秒之内，先在第一个标签页点 Notify me，再在那里登出。第二个标签页回来之后，它的控制台、Notifications 列表和 Refresh 各显示什么？服务器的哪些代码为这个 socket 运行了，哪些没有？",
    },
    {
      en: "A recovered socket (`socket.recovered`) gets its id, rooms and `socket.data` back, and by default (`skipMiddlewares: true`) skips every `io.use()`. `skipMiddlewares: false` is not enough: Socket.IO replays the missed events to the socket before the middlewares run, and checks in `io.on(\"connection\")` come later still. Decide where the restore is decided: the adapter's `restoreSession(pid, offset)`, whose answer holds the `data` the socket had.",
      "zh-CN": "被恢复的 socket（`socket.recovered`）会拿回它的 id、房间和 `socket.data`，而且默认（`skipMiddlewares: true`）跳过所有 `io.use()`。`skipMiddlewares: false` 也不够：Socket.IO 在中间件运行之前就把错过的事件重放给 socket，而 `io.on(\"connection\")` 里的检查更晚。要在决定恢复的地方做决定：适配器的 `restoreSession(pid, offset)`，它的返回值里有 socket 原来的 `data`。",
    },
    {
      en: "After `store`: `const adapter = io.of(\"/\").adapter; const restoreSession = adapter.restoreSession.bind(adapter);` then `adapter.restoreSession = async (pid, offset) => { const state = await restoreSession(pid, offset); … return state; }`. In between, look `state.data.sessionId` up with `store.get()`, and `throw` (the socket then connects anew, through `io.use`) when the stored session's `user` is not `state.data.user`.",
      "zh-CN": "在 `store` 之后：`const adapter = io.of(\"/\").adapter; const restoreSession = adapter.restoreSession.bind(adapter);`，然后 `adapter.restoreSession = async (pid, offset) => { const state = await restoreSession(pid, offset); … return state; }`。在中间用 `store.get()` 查 `state.data.sessionId`，当存储里那个会话的 `user` 不是 `state.data.user` 时就 `throw`（这个 socket 随后会作为新 socket 连接，经过 `io.use`）。",
    },
  ],
  // Notify me pushes a private event to the user's every tab: the battery tries it with other users around;
  // and an io.use() middleware refuses sockets that are not logged in (the README says so).
  features: { push: { path: "/notify", event: "notification" }, refusesVisitorSockets: true },
  // Faults only this lesson's check reports.
  faults: {
    RECOVERED_AFTER_LOGOUT: {
      en: {
        title: "A socket that was down during the logout came back recovered, still acting as the user.",
        meaning: "With `connectionStateRecovery`, a socket that drops and comes back within `maxDisconnectionDuration` gets its id, its rooms and `socket.data` back, and by default (`skipMiddlewares: true`) without running any `io.use()` middleware. The logout ended the sockets that were connected; this one was not, so nothing asked the session when it came back: it answers as the user from `socket.data` and stays in the user's room. Check the session before a socket is restored: override the adapter's `restoreSession()` so that it restores only a socket whose session (`store.get(data.sessionId)`) still has its user.",
      },
      "zh-CN": {
        title: "登出时处于断线状态的 socket 被恢复回来，仍然以该用户的身份行事。",
        meaning: "启用 `connectionStateRecovery` 后，断线并在 `maxDisconnectionDuration` 之内回来的 socket 会拿回它的 id、房间和 `socket.data`，而且默认（`skipMiddlewares: true`）不会运行任何 `io.use()` 中间件。登出结束了当时连着的 socket；这个 socket 当时不在线，所以它回来时没有任何代码去查会话：它用 `socket.data` 以用户身份应答，并且仍然在用户的房间里。要在 socket 被恢复之前检查会话：覆盖适配器的 `restoreSession()`，只恢复会话（`store.get(data.sessionId)`）里仍然是这个用户的 socket。",
      },
    },
    MISSED_EVENTS_REPLAYED_AFTER_LOGOUT: {
      en: {
        title: "A socket that came back after its user logged out was sent the notifications it had missed.",
        meaning: "The server did not let the socket act as the user, but before it refused (or disconnected) it, Socket.IO had already replayed the events the socket missed while it was down: the user's private notifications reached a logged-out browser. Socket.IO restores a socket, missed events included, before any middleware runs: `skipMiddlewares: false` and checks in `io.on(\"connection\")` both come after the replay. Decide before the restore, in the adapter's `restoreSession()`: a socket whose session has ended is not restored, connects anew, and your `io.use()` refuses it.",
      },
      "zh-CN": {
        title: "用户登出后回来的 socket 收到了它错过的通知。",
        meaning: "服务器没有让这个 socket 以用户身份行事，但在拒绝（或断开）它之前，Socket.IO 已经把它断线期间错过的事件重放给它了：用户的私有通知到了一个已经登出的浏览器。Socket.IO 在运行任何中间件之前就恢复 socket，包括错过的事件：`skipMiddlewares: false` 和 `io.on(\"connection\")` 里的检查都发生在重放之后。要在恢复之前做决定，在适配器的 `restoreSession()` 里：会话已经结束的 socket 不予恢复，它会作为新 socket 连接，再由你的 `io.use()` 拒绝。",
      },
    },
    PAGE_NOTIFICATIONS_BROKEN: {
      en: {
        title: "The page's own notifications do not work for its user.",
        meaning: "Pressing \"Notify me\" on the page must send `POST /notify` with the browser's cookie, and the notification the server pushes must show in the page's list (a `notification` event, drawn as a list item with its text). Look at client.ts: the button's click handler, and the `notification` listener; and at server.ts: `/notify` pushes `{ text, at }` to the user's room.",
      },
      "zh-CN": {
        title: "页面自己的通知对它的用户不起作用。",
        meaning: "在页面上按下 \"Notify me\" 必须带着浏览器的 cookie 发出 `POST /notify`，服务器推送的通知必须显示在页面的列表里（一个 `notification` 事件，画成带文字的列表项）。看看 client.ts：按钮的点击处理和 `notification` 的监听器；再看 server.ts：`/notify` 把 `{ text, at }` 推送到用户的房间。",
      },
    },
    RELOAD_LEAVES_SOCKET_CLOSED: {
      en: {
        title: "Reloaded while logged in, the page never connects its socket.",
        meaning: "The socket is not connected at page load (`autoConnect: false`), so that its handshake happens after login. But a page opened while the user is already logged in (a reload, a second tab) has no login to wait for: it must ask `GET /me` and connect at once when somebody is logged in, or the user gets no notifications until they log in again.",
      },
      "zh-CN": {
        title: "已登录时重新加载，页面再也不连接它的 socket。",
        meaning: "socket 在页面加载时不连接（`autoConnect: false`），好让握手发生在登录之后。但用户已经登录时打开的页面（刷新、第二个标签页）没有登录可等：它必须询问 `GET /me`，有人登录时立即连接，否则用户在重新登录之前收不到任何通知。",
      },
    },
    BLIP_NOT_RECOVERED: {
      en: {
        title: "After a short drop, a logged-in user's tab did not get back what it missed.",
        meaning: "The app promises users on flaky networks that they miss nothing: a tab whose connection drops for a moment must come back as the user and receive the notifications pushed while it was down. That is what `connectionStateRecovery` does, as long as the user is still logged in. Keep it enabled (a `maxDisconnectionDuration` of minutes, not 0), and refuse a recovery only when the socket's session has ended.",
      },
      "zh-CN": {
        title: "短暂断线之后，已登录用户的标签页没有拿回它错过的内容。",
        meaning: "应用向网络不稳定的用户承诺不会错过任何东西：连接断了一下的标签页必须以用户身份回来，并收到断线期间推送的通知。只要用户仍然登录，`connectionStateRecovery` 做的正是这件事。保持它启用（`maxDisconnectionDuration` 以分钟计，不是 0），只在 socket 的会话已经结束时才拒绝恢复。",
      },
    },
    NOTIFICATION_MISSED: {
      en: {
        title: "A notification pushed to the logged-in user never reached their connected socket.",
        meaning: "POST /notify pushes `notification` to the room `user:<name>`, which every socket of a logged-in user joins as it connects. A connected tab of the user received nothing: look at the rooms the socket joins and at the room /notify emits to.",
      },
      "zh-CN": {
        title: "推送给已登录用户的通知始终没有到达他已连接的 socket。",
        meaning: "POST /notify 把 `notification` 推送到房间 `user:<name>`，已登录用户的每个 socket 连接时都会加入这个房间。用户一个已连接的标签页什么都没收到：检查 socket 加入的房间，以及 /notify 发往的房间。",
      },
    },
  },
} satisfies LessonMeta;
