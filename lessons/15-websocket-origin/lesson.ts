// Lesson 15's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Check the Origin of every socket handshake",
    "zh-CN": "检查每一次 socket 握手的 Origin",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "nothing looks wrong: another origin's page can use your session over a WebSocket",
    "zh-CN": "看起来一切正常：另一个源的页面可以通过 WebSocket 使用你的 session",
  },
  teaches: {
    en: "CORS does not cover WebSockets; `allowRequest` and the `Origin` header",
    "zh-CN": "CORS 管不到 WebSocket；`allowRequest` 和 `Origin` 头",
  },
  // The learner writes the app's origin checks here: the battery also tries them with a production-style origin.
  features: { originChecks: true },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_ACCEPTS_OTHER_ORIGINS",
  passed: {
    en: "A page on another origin can no longer open a socket with the user's cookie; the app's own page still can.",
    "zh-CN": "其他源上的页面再也无法带着用户的 cookie 打开 socket，而应用自己的页面仍然可以。",
  },
  hints: [
    {
      en: "CORS is set up right, so another site cannot read your API's answers. Does CORS apply to a WebSocket at all? Try `new WebSocket(\"ws://localhost:3000/socket.io/?EIO=4&transport=websocket\")` in the console of a page on another port.",
      "zh-CN": "CORS 配置正确，所以别的网站读不到你的 API 的响应。但 CORS 对 WebSocket 起作用吗？在另一个端口上的页面的控制台里试试 `new WebSocket(\"ws://localhost:3000/socket.io/?EIO=4&transport=websocket\")`。",
    },
    {
      en: "A browser sends the API's cookies with a WebSocket handshake from any page of the same site, and CORS never looks at it. What the server can look at is the `Origin` header the browser puts on every handshake. Socket.IO lets you accept or refuse each handshake with the `allowRequest` option.",
      "zh-CN": "从同一站点的任何页面发起 WebSocket 握手时，浏览器都会带上 API 的 cookie，而 CORS 从不检查它。服务器能检查的是浏览器在每次握手上都会加上的 `Origin` 头。Socket.IO 的 `allowRequest` 选项让你可以接受或拒绝每一次握手。",
    },
    {
      en: "In `new Server(httpServer, { ... })`: `allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN),`.",
      "zh-CN": "在 `new Server(httpServer, { ... })` 中：`allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN),`。",
    },
  ],
} satisfies LessonMeta;
