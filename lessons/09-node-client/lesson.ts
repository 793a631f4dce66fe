// Lesson 9's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Session cookies from a Node.js client",
    "zh-CN": "Node.js 客户端的会话 cookie",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "the page works; the Node bot is refused",
    "zh-CN": "页面正常；Node 机器人被拒绝",
  },
  teaches: {
    en: "Node has no cookie jar: `extraHeaders`, `getSetCookie()`",
    "zh-CN": "Node 没有 cookie jar：`extraHeaders`、`getSetCookie()`",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "NODE_CLIENT_COOKIE_MISSING",
  passed: {
    en: "The Node.js client sends the session cookie from its login with the socket's handshake.",
    "zh-CN": "Node.js 客户端在 socket 的握手请求中发送了它登录时得到的会话 cookie。",
  },
  hints: [
    {
      en: "The page works; bot.ts does not. It logs in with fetch and then connects: which request would carry the cookie to the socket?",
      "zh-CN": "页面正常，bot.ts 却不行。它先用 fetch 登录，然后连接：哪个请求会把 cookie 带给 socket？",
    },
    {
      en: "A browser keeps cookies for you. In Node, the Set-Cookie header of the login response is just data in that response.",
      "zh-CN": "浏览器会替你保存 cookie。在 Node 中，登录响应的 Set-Cookie 头只是那个响应里的数据。",
    },
    {
      en: "Read the cookie with `res.headers.getSetCookie()`, keep the `name=value` parts, and pass them as `io(API_URL, { extraHeaders: { cookie } })`.",
      "zh-CN": "用 `res.headers.getSetCookie()` 读取 cookie，保留其中的 `name=value` 部分，然后这样传入：`io(API_URL, { extraHeaders: { cookie } })`。",
    },
  ],
  // Only logged-in users may open a socket (the server says so).
  features: { refusesVisitorSockets: true },
  // Faults only this lesson's check reports.
  faults: {
    NODE_CLIENT_COOKIE_MISSING: {
      en: {
        title: "The Node client's handshake did not carry the session cookie.",
        meaning: "Node has no cookie jar: the cookie that `fetch` received at login stays in that response. Pass it to the socket yourself: `io(API_URL, { extraHeaders: { cookie } })`, with `cookie` built from `res.headers.getSetCookie()` (name=value parts only). `withCredentials` does not help here: it only keeps cookies the socket's own requests received, and `auth` is not a Cookie header.",
      },
      "zh-CN": {
        title: "Node 客户端的握手没有带上会话 cookie。",
        meaning: "Node 没有 cookie jar：`fetch` 在登录时收到的 cookie 只留在那个响应里。你要自己把它交给 socket：`io(API_URL, { extraHeaders: { cookie } })`，其中的 `cookie` 由 `res.headers.getSetCookie()` 构造（只取 name=value 部分）。`withCredentials` 在这里帮不上忙：它只会保留 socket 自己的请求收到的 cookie；而 `auth` 也不是 Cookie 头。",
      },
    },
    NODE_CLIENT_FAILED: {
      en: {
        title: "The Node client did not get through.",
        meaning: "The client script stopped before it logged in, connected and got its whoami answer; its output is above.",
      },
      "zh-CN": {
        title: "Node 客户端没能走通。",
        meaning: "客户端脚本在登录、连接并拿到 whoami 的应答之前就停止了；它的输出在上面。",
      },
    },
  },
} satisfies LessonMeta;
