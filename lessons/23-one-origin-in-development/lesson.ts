// Lesson 23's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "One origin in development: the dev server's proxy",
    "zh-CN": "开发环境只用一个源：开发服务器的代理",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "login answers 200, yet nobody is logged in: the browser keeps no session cookie",
    "zh-CN": "登录应答 200，却没有人登录：浏览器没有留下会话 cookie",
  },
  teaches: {
    en: "sites vs origins, SameSite; Vite's `server.proxy` with `ws: true` so the browser sees one origin",
    "zh-CN": "站点与源、SameSite；Vite 的 `server.proxy` 加 `ws: true`，让浏览器只看到一个源",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "CROSS_SITE_COOKIE_BLOCKED",
  passed: {
    en: "The page reaches the API and its socket on its own origin, through Vite's proxy, over a WebSocket, and one session holds for both.",
    "zh-CN": "页面在它自己的源上、通过 Vite 的代理访问 API 和 socket，socket 走 WebSocket，两边是同一个会话。",
  },
  hints: [
    {
      en: "Open the page at the address `npm run lesson 23` prints and log in: `POST /login` answers 200, and the page still shows nobody. Look at the address bar, then at the address the page sends `/login` to. Are they the same site? In DevTools → Network → the login response, what does Chrome say about its Set-Cookie?",
      "zh-CN": "打开 `npm run lesson 23` 打印的地址并登录：`POST /login` 应答 200，页面却仍然显示没有人。看看地址栏，再看看页面把 `/login` 发到了哪个地址。它们是同一个站点吗？在 DevTools → Network → 登录的响应里，Chrome 对它的 Set-Cookie 说了什么？",
    },
    {
      en: "127.0.0.1 and localhost are different sites, so the API's cookie (SameSite=Lax, as browsers treat a cookie without SameSite) set by a cross-site fetch is refused. Rather than loosening the cookie, make the browser see one origin: Vite's dev server can pass requests on to the API (`server.proxy` in vite.config.ts), and the page then calls its own origin.",
      "zh-CN": "127.0.0.1 和 localhost 是不同的站点，所以跨站 fetch 收到的 API cookie（没有 SameSite 的 cookie，浏览器按 SameSite=Lax 处理）被拒绝了。与其放松 cookie，不如让浏览器只看到一个源：Vite 的开发服务器可以把请求转给 API（vite.config.ts 里的 `server.proxy`），页面就只访问它自己的源。",
    },
    {
      en: "In vite.config.ts, under `server`: `proxy: { \"^/(login|logout|me)$\": API_URL, \"/socket.io\": { target: API_URL, ws: true } },`. In client.ts: `const socket = io();` and `mountPanel({ apiUrl: \"\", socket });` (no API_URL any more).",
      "zh-CN": "在 vite.config.ts 的 `server` 下：`proxy: { \"^/(login|logout|me)$\": API_URL, \"/socket.io\": { target: API_URL, ws: true } },`。在 client.ts 中：`const socket = io();` 和 `mountPanel({ apiUrl: \"\", socket });`（不再需要 API_URL）。",
    },
  ],
  // Vite serves the page (index.html, client.ts, vite.config.ts in this folder).
  needs: { devServer: "vite" },
  // Faults only this lesson's check reports.
  faults: {
    CROSS_SITE_COOKIE_BLOCKED: {
      en: {
        title: "The browser refused the session cookie: the page and the API are different sites.",
        meaning: "The page (on one host) logs in with a fetch to the API on another site (127.0.0.1 and localhost are different sites). The login answers 200 with Set-Cookie, but a cookie without SameSite counts as SameSite=Lax, and the browser does not store a Lax cookie from a cross-site fetch, nor would it send one. So HTTP and the socket stay anonymous. In development, do not loosen the cookie: let the dev server pass the API on (Vite's `server.proxy`, with `ws: true` for `/socket.io`) and make the page call its own origin (`fetch(\"/login\")`, `io()`).",
      },
      "zh-CN": {
        title: "浏览器拒绝了会话 cookie：页面和 API 是不同的站点。",
        meaning: "页面（在一个主机上）用 fetch 向另一个站点上的 API 登录（127.0.0.1 和 localhost 是不同的站点）。登录应答 200 并带有 Set-Cookie，但没有 SameSite 的 cookie 按 SameSite=Lax 处理，浏览器既不会保存跨站 fetch 收到的 Lax cookie，也不会在跨站请求中发送它。于是 HTTP 和 socket 都是匿名的。开发环境里不要放松 cookie：让开发服务器把 API 转过去（Vite 的 `server.proxy`，`/socket.io` 要加 `ws: true`），并让页面只访问它自己的源（`fetch(\"/login\")`、`io()`）。",
      },
    },
    NOT_ONE_ORIGIN: {
      en: {
        title: "The page talks to the API on another origin than its own.",
        meaning: "The page's requests or its socket go to another origin than its own, and with it come CORS and credentials in the browser, a cookie that must be allowed cross-site (SameSite=None, exposed to cross-site requests and blocked where third-party cookies are), a setup that differs from production's. The goal is one origin: Vite's `server.proxy` passes the API's routes and `/socket.io` (with `ws: true`) on to the API, and the page calls them relative to itself: `fetch(\"/login\")`, `io()`, with no API address in client.ts.",
      },
      "zh-CN": {
        title: "页面在它自己以外的源上访问 API。",
        meaning: "页面的请求或它的 socket 发到了它自己以外的源，随之而来的是：浏览器里要处理 CORS 和凭据，cookie 必须允许跨站（SameSite=None，暴露给跨站请求，并且在第三方 cookie 被屏蔽的地方失效），开发环境也和生产环境不一样。目标是只有一个源：Vite 的 `server.proxy` 把 API 的路由和 `/socket.io`（加 `ws: true`）转给 API，页面用相对于自己的地址访问它们：`fetch(\"/login\")`、`io()`，client.ts 里不再出现 API 的地址。",
      },
    },
    SOCKET_STUCK_ON_POLLING: {
      en: {
        title: "The page's socket never moved to a WebSocket: it stays on long-polling.",
        meaning: "The socket connected over HTTP long-polling on the page's origin, and its upgrade to WebSocket did not get through. Vite's proxy passes plain HTTP for a route, but a WebSocket upgrade only where the route says `ws: true`: `\"/socket.io\": { target: API_URL, ws: true }`. (A client limited to `transports: [\"polling\"]` never tries.) Socket.IO hides all this by staying on long-polling, which costs a request per message and a held connection per tab, and breaks behind load balancers without sticky sessions.",
      },
      "zh-CN": {
        title: "页面的 socket 一直没有切换到 WebSocket：它停留在长轮询上。",
        meaning: "socket 在页面的源上用 HTTP 长轮询连上了，但升级到 WebSocket 没有成功。Vite 的代理对一个路由会转发普通 HTTP，但只有这个路由写明 `ws: true` 时才转发 WebSocket 升级：`\"/socket.io\": { target: API_URL, ws: true }`。（限定了 `transports: [\"polling\"]` 的客户端根本不会尝试。）Socket.IO 会退回长轮询把这一切掩盖掉，代价是每条消息一个请求、每个标签页一直占着一个连接，而且在没有粘性会话的负载均衡器后面会出问题。",
      },
    },
  },
} satisfies LessonMeta;
