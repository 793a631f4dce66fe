// Lesson 11's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Log out every socket of the session",
    "zh-CN": "登出时结束这个会话的所有 socket",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "after logout in one tab, the other tab's socket still answers as you",
    "zh-CN": "在一个标签页登出后，另一个标签页的 socket 仍然以你的身份应答",
  },
  teaches: {
    en: "a room per session, `disconnectSockets()` on logout, only for that session",
    "zh-CN": "每个 session 一个房间、登出时 `disconnectSockets()`、只针对这个 session",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_OUTLIVES_LOGOUT",
  passed: {
    en: "Logging out ends every socket of that session, in every tab, and leaves other users' sockets alone.",
    "zh-CN": "登出会结束这个会话的每一个 socket，无论它在哪个标签页，而其他用户的 socket 不受影响。",
  },
  hints: [
    {
      en: "Open the page in two tabs and log in. Log out in one, then press Refresh in the other: which column still shows your name, and which code would ever tell that socket about the logout?",
      "zh-CN": "在两个标签页中打开页面并登录。在其中一个标签页登出，然后在另一个里点 Refresh：哪一栏仍然显示你的名字？又有哪段代码会把登出这件事告诉那个 socket？",
    },
    {
      en: "`socket.request.session` is the copy its handshake loaded. `req.session.destroy()` deletes the stored session, not the copies open sockets hold, so the server has to find this session's sockets and end them.",
      "zh-CN": "`socket.request.session` 是 socket 握手时加载的副本。`req.session.destroy()` 删除的是存储中的会话，而不是打开的 socket 所持有的副本，所以服务器必须找到这个会话的 socket 并结束它们。",
    },
    {
      en: "In `io.on(\"connection\")`: `socket.join(req.session.id)`. In `/logout`: `const sessionId = req.session.id;` before `destroy()`, then in its callback `io.in(sessionId).disconnectSockets();`.",
      "zh-CN": "在 `io.on(\"connection\")` 中：`socket.join(req.session.id)`。在 `/logout` 中：在 `destroy()` 之前先 `const sessionId = req.session.id;`，然后在它的回调里 `io.in(sessionId).disconnectSockets();`。",
    },
  ],
} satisfies LessonMeta;
