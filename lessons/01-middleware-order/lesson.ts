// Lesson 1's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Session middleware before the routes",
    "zh-CN": "会话中间件要放在路由之前",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "logging in answers 500",
    "zh-CN": "登录返回 500",
  },
  teaches: {
    en: "Express runs middleware in registration order",
    "zh-CN": "Express 按注册顺序运行中间件",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "HTTP_SESSION_MISSING",
  passed: {
    en: "Every route sees req.session, and HTTP and the socket share one session.",
    "zh-CN": "每个路由都能拿到 req.session，HTTP 和 socket 共用同一个会话。",
  },
  hints: [
    {
      en: "Log in on the page and watch the server output: the error names `req.session`. What is undefined, and why?",
      "zh-CN": "在页面上登录，然后看服务器输出：错误信息里提到了 `req.session`。是什么为 undefined？为什么？",
    },
    {
      en: "Express runs `app.use()` middleware and routes strictly in the order they were registered.",
      "zh-CN": "Express 严格按照注册顺序执行 `app.use()` 中间件和路由。",
    },
    {
      en: "Move `app.use(sessionMiddleware)` above the routes that read or write `req.session`.",
      "zh-CN": "把 `app.use(sessionMiddleware)` 移到读写 `req.session` 的那些路由之前。",
    },
  ],
} satisfies LessonMeta;
