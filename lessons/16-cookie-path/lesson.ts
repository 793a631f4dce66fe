// Lesson 16's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "A cookie path that covers the socket",
    "zh-CN": "让 cookie 的 Path 覆盖 socket",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "HTTP under `/api` knows you; the socket is connected and anonymous",
    "zh-CN": "`/api` 下的 HTTP 认得你；socket 已连接但是匿名的",
  },
  teaches: {
    en: "a cookie's `Path`, the Socket.IO `path`, and what a browser sends where",
    "zh-CN": "cookie 的 `Path`、Socket.IO 的 `path`，以及浏览器把什么发到哪里",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "COOKIE_PATH_EXCLUDES_SOCKET",
  passed: {
    en: "The handshake lies inside the cookie's Path, carries the cookie, and the socket shares the HTTP session.",
    "zh-CN": "握手请求落在 cookie 的 Path 之内，带上了 cookie，socket 与 HTTP 共用同一个会话。",
  },
  hints: [
    {
      en: "Log in, then compare two requests in the Network tab: `GET /api/me` and the socket's `GET /socket.io/?EIO=4…`. Which one carries the `connect.sid` cookie? DevTools, Application, Cookies shows the cookie's Path.",
      "zh-CN": "登录，然后在 Network 面板里比较两个请求：`GET /api/me` 和 socket 的 `GET /socket.io/?EIO=4…`。哪一个带着 `connect.sid` cookie？在 DevTools 的 Application、Cookies 里能看到 cookie 的 Path。",
    },
    {
      en: "A browser sends a cookie only to URLs inside its `Path`, and express-session skips every request outside `cookie.path`. The Socket.IO handshake is an HTTP request too, to `/socket.io/` by default.",
      "zh-CN": "浏览器只把 cookie 发给其 `Path` 之内的 URL，而 express-session 会跳过 `cookie.path` 之外的所有请求。Socket.IO 的握手也是一个 HTTP 请求，默认发往 `/socket.io/`。",
    },
    {
      en: "Keep the cookie on `/api` and move Socket.IO inside it: `path: \"/api/socket.io\"` in `new Server(httpServer, { ... })` and in `io(API_URL, { ... })`. The cookie stays on `/api`: the server's comment says why.",
      "zh-CN": "让 cookie 保持在 `/api`，把 Socket.IO 移到它里面：在 `new Server(httpServer, { ... })` 和 `io(API_URL, { ... })` 中都设置 `path: \"/api/socket.io\"`。cookie 要留在 `/api` 上：服务器代码里的注释说明了原因。",
    },
  ],
  // Faults only this lesson's check reports.
  faults: {
    COOKIE_SENT_BEYOND_API: {
      en: {
        title: "The session cookie goes to more than the API.",
        meaning: "Only the API needs the session (the server's comment says so): `cookie: { path: \"/api\" }` keeps it off the health check, static files and anything else on the host. A Path of `/` makes the browser send the session with every one of those requests, to code that has no business with it. Keep the cookie's Path on `/api`, and bring the socket inside it instead.",
      },
      "zh-CN": {
        title: "会话 cookie 发给了 API 以外的地方。",
        meaning: "只有 API 需要会话（服务器代码的注释就是这么说的）：`cookie: { path: \"/api\" }` 让健康检查、静态文件和这个主机上的其他一切都收不到它。Path 为 `/` 时，浏览器会把会话随这些请求一起发出去，发给与它毫不相干的代码。让 cookie 的 Path 保持为 `/api`，改为把 socket 移到它里面。",
      },
    },
    HEALTH_CHECK_BROKEN: {
      en: {
        title: "GET /health no longer answers as it did.",
        meaning: "The public health check answers 200 `{ \"ok\": true }`, for the load balancer and the monitoring that call it; it stays outside `/api`, without the session.",
      },
      "zh-CN": {
        title: "GET /health 的应答和原来不一样了。",
        meaning: "公开的健康检查应答 200 `{ \"ok\": true }`，供调用它的负载均衡器和监控使用；它留在 `/api` 之外，不带会话。",
      },
    },
    API_ROUTES_MOVED: {
      en: {
        title: "The app's API is no longer under /api.",
        meaning: "In this app everything under `/api` is the API, and the rest of the site belongs to other services behind the same host. Keep the routes there (`app.use(\"/api\", api)`, the page calling `${API_URL}/api`), and make the cookie's Path and the Socket.IO path fit around them.",
      },
      "zh-CN": {
        title: "应用的 API 不再位于 /api 之下。",
        meaning: "在这个应用里，`/api` 之下的一切都是 API，站点的其余部分属于同一主机后面的其他服务。把路由留在那里（`app.use(\"/api\", api)`，页面调用 `${API_URL}/api`），让 cookie 的 Path 和 Socket.IO 的 path 去适应它们。",
      },
    },
  },
} satisfies LessonMeta;
