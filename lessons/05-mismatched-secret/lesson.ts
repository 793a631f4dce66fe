// Lesson 5's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "One secret for the cookie and the socket",
    "zh-CN": "cookie 和 socket 使用同一个密钥",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "works on your machine; with a production secret the socket is anonymous",
    "zh-CN": "在你的机器上没问题；换成生产环境的 secret，socket 就是匿名的",
  },
  teaches: {
    en: "the `s:<id>.<signature>` cookie, `unsign()`, the app's store",
    "zh-CN": "`s:<id>.<signature>` cookie、`unsign()`、应用自己的 store",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_SECRET_MISMATCH",
  passed: {
    en: "The socket verifies the cookie with the server's real secret and finds the HTTP session.",
    "zh-CN": "socket 用服务器真正的密钥校验 cookie，并找到了 HTTP 的会话。",
  },
  hints: [
    {
      en: "The socket side checks the cookie's signature itself. Which secret does `unsign()` use, and which does `session()` use?",
      "zh-CN": "socket 一侧自己校验 cookie 的签名。`unsign()` 用的是哪个密钥？`session()` 用的又是哪个？",
    },
    {
      en: "The workshop runs the server with a random SESSION_SECRET, as production does. A default that only matches on your machine is not enough.",
      "zh-CN": "workshop 像生产环境一样，用随机的 SESSION_SECRET 运行服务器。只在你本机上才匹配的默认值是不够的。",
    },
    {
      en: "Sign and verify with the same value: keep one `SESSION_SECRET` constant and use it in both `session({ secret })` and `unsign()`.",
      "zh-CN": "签名和校验要用同一个值：只保留一个 `SESSION_SECRET` 常量，在 `session({ secret })` 和 `unsign()` 里都用它。",
    },
  ],
  // Faults only this lesson's check reports.
  faults: {
    SOCKET_SECRET_MISMATCH: {
      en: {
        title: "The socket side checks the cookie with a different secret than express-session.",
        meaning: "This app verifies `connect.sid` itself on the socket side. The handshake carried a cookie that the HTTP side accepted, yet the socket side found no session: its check of the `s:<id>.<signature>` value fails, usually because `unsign()` uses another secret (or the value is never unsigned at all). Use the very secret given to `session({ secret })` (with several secrets for rotation, try each one, as express-session does).",
      },
      "zh-CN": {
        title: "socket 一侧校验 cookie 所用的密钥和 express-session 不同。",
        meaning: "这个应用在 socket 一侧自己校验 `connect.sid`。握手带的 cookie 已被 HTTP 一侧接受，socket 一侧却找不到会话：它对 `s:<id>.<signature>` 值的校验失败了，通常是因为 `unsign()` 用的是另一个密钥（或者根本没有对这个值做 unsign）。要使用交给 `session({ secret })` 的那个密钥（如果为了轮换配置了多个密钥，就像 express-session 那样逐一尝试）。",
      },
    },
  },
} satisfies LessonMeta;
