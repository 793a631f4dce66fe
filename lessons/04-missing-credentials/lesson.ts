// Lesson 4's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Credentials on a cross-origin socket",
    "zh-CN": "跨域 socket 的凭据",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "the socket gets a new, empty session on every connection",
    "zh-CN": "socket 每次连接都得到一个新的空 session",
  },
  teaches: {
    en: "cross-origin cookies, Socket.IO's own `cors` option",
    "zh-CN": "跨域 cookie，Socket.IO 自己的 `cors` 选项",
  },
  // The learner writes the app's origin checks here: the battery also tries them with a production-style origin.
  features: { originChecks: true },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_CREDENTIALS_MISSING",
  passed: {
    en: "The cross-origin handshake carries the session cookie, and the server allows it.",
    "zh-CN": "跨域的握手请求带上了会话 cookie，并且服务器允许这样做。",
  },
  hints: [
    {
      en: "The page runs on port 8080 and the API on 3000: different origins. Does the socket's handshake carry the connect.sid cookie?",
      "zh-CN": "页面运行在 8080 端口，API 在 3000 端口：两者是不同的源。socket 的握手请求带上 connect.sid cookie 了吗？",
    },
    {
      en: "A cross-origin socket.io-client sends cookies only with `withCredentials: true`, and the browser then insists that the server allows credentials too.",
      "zh-CN": "跨域的 socket.io-client 只有在设置了 `withCredentials: true` 时才发送 cookie，而这时浏览器会坚持要求服务器也允许携带凭据。",
    },
    {
      en: "Client: `io(API_URL, { withCredentials: true })`. Server: `new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } })`.",
      "zh-CN": "客户端：`io(API_URL, { withCredentials: true })`。服务器：`new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } })`。",
    },
  ],
} satisfies LessonMeta;
