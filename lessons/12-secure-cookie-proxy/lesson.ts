// Lesson 12's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Secure cookies behind a proxy that terminates HTTPS",
    "zh-CN": "在终止 HTTPS 的代理后面使用 Secure cookie",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "behind the production proxy, login answers 200 and no cookie is ever set",
    "zh-CN": "在生产环境的代理后面，登录返回 200，却从不设置 cookie",
  },
  teaches: {
    en: "`secure` cookies, `trust proxy`, `X-Forwarded-Proto`",
    "zh-CN": "`secure` cookie、`trust proxy` 和 `X-Forwarded-Proto` 头",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SECURE_COOKIE_WITHHELD",
  passed: {
    en: "Behind the HTTPS proxy the secure cookie is sent, and HTTP and the socket share one session.",
    "zh-CN": "在 HTTPS 代理后面，Secure cookie 能发送出去，HTTP 和 socket 共用同一个会话。",
  },
  hints: [
    {
      en: "Log in and look at the answer of `POST /login` in the Network tab: 200, and no `Set-Cookie` header. Which session option decides when express-session sends its cookie?",
      "zh-CN": "登录，然后在 Network 面板里查看 `POST /login` 的响应：200，但没有 `Set-Cookie` 头。哪个会话选项决定 express-session 何时发送它的 cookie？",
    },
    {
      en: "`cookie: { secure: true }` sends the cookie only on a request that arrived over HTTPS. Here HTTPS ends at the proxy, and the proxy says so in `X-Forwarded-Proto: https`, but Express ignores that header until you say the proxy is to be trusted.",
      "zh-CN": "`cookie: { secure: true }` 只在通过 HTTPS 到达的请求上发送 cookie。这里 HTTPS 在代理处就终止了，代理通过 `X-Forwarded-Proto: https` 说明了这一点，但在你声明这个代理可信之前，Express 会忽略这个头。",
    },
    {
      en: "Add `app.set(\"trust proxy\", 1);` (one proxy in front), or pass `proxy: true` to `session()`. Keep `secure: true`.",
      "zh-CN": "加上 `app.set(\"trust proxy\", 1);`（前面有一个代理），或者给 `session()` 传 `proxy: true`。保留 `secure: true`。",
    },
  ],
  needs: { tlsProxy: true },
  // Faults only this lesson's check reports.
  faults: {
    SECURE_COOKIE_WITHHELD: {
      en: {
        title: "The server withholds its Secure session cookie: it does not know the request came over HTTPS.",
        meaning: "With `cookie: { secure: true }`, express-session sets the cookie only on a secure request. HTTPS ends at the proxy in front of the server, so Node sees plain HTTP, and Express believes the proxy's X-Forwarded-Proto header only when told to trust it. Login answers 200 and nothing is stored in the browser. Trust the proxy: `app.set(\"trust proxy\", 1)` (one proxy hop), or `session({ proxy: true, ... })`. Keep `secure: true`.",
      },
      "zh-CN": {
        title: "服务器扣下了它的 Secure 会话 cookie：它不知道请求是通过 HTTPS 来的。",
        meaning: "设置 `cookie: { secure: true }` 时，express-session 只在安全的请求上设置 cookie。HTTPS 在服务器前面的代理处就终止了，所以 Node 看到的是普通 HTTP；而只有在被告知要信任代理时，Express 才会相信代理的 X-Forwarded-Proto 头。登录返回 200，浏览器里却什么也没存下。信任这个代理：`app.set(\"trust proxy\", 1)`（一跳代理），或者 `session({ proxy: true, ... })`。保持 `secure: true`。",
      },
    },
    PLAIN_HTTP_TREATED_AS_SECURE: {
      en: {
        title: "The app treats a request that came over plain HTTP as HTTPS.",
        meaning: "The proxy said the request came over plain HTTP (`X-Forwarded-Proto: http`), and the app still answered with its Secure session cookie: something forces `req.secure` (or the header) instead of trusting what the proxy says. Let Express read the protocol from the proxy: `app.set(\"trust proxy\", 1)`.",
      },
      "zh-CN": {
        title: "应用把一个通过普通 HTTP 到达的请求当成了 HTTPS。",
        meaning: "代理说明这个请求是通过普通 HTTP 来的（`X-Forwarded-Proto: http`），应用却仍然用它的 Secure 会话 cookie 作答：有代码强行设置了 `req.secure`（或那个请求头），而不是相信代理的说法。让 Express 从代理读取协议：`app.set(\"trust proxy\", 1)`。",
      },
    },
  },
} satisfies LessonMeta;
