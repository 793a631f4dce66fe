// Lesson 10's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Look a session up from its cookie, safely",
    "zh-CN": "安全地根据 cookie 查找会话",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "the socket and the admin lookup find nobody",
    "zh-CN": "socket 和管理员查询都找不到任何人",
  },
  teaches: {
    en: "verify the signature with every secret, use the app's store, never trust a client-sent id",
    "zh-CN": "用每一个 secret 验证签名、使用应用的 store、永远不信任客户端发来的 id",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "COOKIE_LOOKUP_FAILED",
  passed: {
    en: "The lookup finds the session from the real cookie and refuses tampered, unsigned and client-supplied ids.",
    "zh-CN": "查找能根据真实的 cookie 找到会话，并拒绝被篡改的、未签名的以及由客户端提供的 id。",
  },
  hints: [
    {
      en: "Compare the handshake's `Cookie` header in the Network tab (`connect.sid=s%3A…`) with what `sessionFromCookie` checks first. Then read the terminal after each fix: this helper has more than one problem.",
      "zh-CN": "对比 Network 面板里握手请求的 `Cookie` 头（`connect.sid=s%3A…`）和 `sessionFromCookie` 首先检查的内容。之后每修好一处都看一下终端：这个辅助函数的问题不止一个。",
    },
    {
      en: "The helper trips three times: the header value is URL-encoded; `promisify(store.get)` calls `get` without its store as `this`; and `split(\".\")[0]` throws the signature away unchecked, so a forged cookie would pass too. A value that no secret verifies is no session, and a session id the client sends (`socket.handshake.auth`) proves nothing.",
      "zh-CN": "这个辅助函数会出三次错：请求头里的值是 URL 编码的；`promisify(store.get)` 调用 `get` 时，`this` 不是它的 store；`split(\".\")[0]` 不加校验就把签名扔掉了，所以伪造的 cookie 也能通过。没有任何密钥能校验通过的值不算会话，而客户端发来的 session id（`socket.handshake.auth`）什么也证明不了。",
    },
    {
      en: "`const raw = value && decodeURIComponent(value)`; `promisify(store.get).bind(store)`; `SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false)`, and return null when that finds nothing.",
      "zh-CN": "`const raw = value && decodeURIComponent(value)`；`promisify(store.get).bind(store)`；`SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false)`，什么都没找到时返回 null。",
    },
  ],
  // Faults only this lesson's check reports.
  faults: {
    COOKIE_LOOKUP_FAILED: {
      en: {
        title: "The app's own cookie lookup does not find the session.",
        meaning: "This app looks sessions up itself instead of running express-session on the socket. The handshake carried a cookie that express-session accepts over HTTP, yet the lookup found no session, or threw. Check each step: the header holds the value URL-encoded (`s%3A…`), so decode it; strip `s:` and verify the signature with `unsign()` and the app's own secrets; call `get` on the app's own store with `this` still bound (`promisify(store.get)` loses it; `.bind(store)` keeps it).",
      },
      "zh-CN": {
        title: "应用自己根据 cookie 查找会话，却找不到。",
        meaning: "这个应用没有在 socket 上运行 express-session，而是自己查找会话。握手带的 cookie 在 HTTP 上被 express-session 接受，但查找没有找到会话，或者抛出了错误。逐一检查每一步：请求头里的值是 URL 编码的（`s%3A…`），所以要先解码；去掉 `s:`，并用 `unsign()` 和应用自己的密钥校验签名；在应用自己的存储上调用 `get`，并让 `this` 保持绑定（`promisify(store.get)` 会丢掉它；`.bind(store)` 能保住它）。",
      },
    },
    PREVIOUS_SECRET_REFUSED: {
      en: {
        title: "A cookie signed with the previous secret works over HTTP, but not in the app's own lookup.",
        meaning: "After a secret rotation, express-session (`secret: SESSION_SECRETS`) still accepts cookies signed with the old secret; a lookup that tries only the first secret logs every such user out of the socket. Try each secret in turn: `SESSION_SECRETS.map((secret) => unsign(value, secret)).find((id) => id !== false)`.",
      },
      "zh-CN": {
        title: "用上一个密钥签名的 cookie 在 HTTP 上有效，在应用自己的查找中却无效。",
        meaning: "密钥轮换之后，express-session（`secret: SESSION_SECRETS`）仍然接受用旧密钥签名的 cookie；只尝试第一个密钥的查找会让所有这样的用户在 socket 上被登出。依次尝试每个密钥：`SESSION_SECRETS.map((secret) => unsign(value, secret)).find((id) => id !== false)`。",
      },
    },
    UNKNOWN_SESSION_MISHANDLED: {
      en: {
        title: "A signed cookie for a session that does not exist was mishandled.",
        meaning: "The check sent a correctly signed cookie for a session id that is not in the store (as after logout or expiry). The server must treat it as no session (anonymous) or refuse the connection, and answer promptly. `store.get` calls back with no session for an unknown id: handle that, and store errors.",
      },
      "zh-CN": {
        title: "对一个指向不存在的会话、但签名正确的 cookie 处理不当。",
        meaning: "本次检查发送了一个签名正确的 cookie，它的 session id 不在存储中（就像登出或过期之后那样）。服务器必须把它当作没有会话（匿名），或者拒绝连接，并且及时作答。对于未知的 id，`store.get` 回调时不带会话：要处理这种情况，也要处理存储的错误。",
      },
    },
    ADMIN_LOOKUP_FAILED: {
      en: {
        title: "The admin lookup does not find the session of a real cookie.",
        meaning: "POST /admin/lookup was given the browser's own connect.sid value, exactly as it appears in a Cookie header (URL-encoded: `s%3A…`), and did not answer with that session and user. The socket side works, so look at what differs: the route hands the helper the raw value, so the helper itself must decode it.",
      },
      "zh-CN": {
        title: "管理查询找不到一个真实 cookie 对应的会话。",
        meaning: "POST /admin/lookup 拿到的是浏览器自己的 connect.sid 值，和它在 Cookie 头里的样子完全一样（URL 编码：`s%3A…`），却没有返回那个会话和用户。socket 一侧是正常的，所以看看有什么不同：路由把原始值交给辅助函数，所以辅助函数自己必须解码。",
      },
    },
    MALFORMED_COOKIE_MISHANDLED: {
      en: {
        title: "A cookie value that is not valid URL encoding left the socket without a proper answer.",
        meaning: "The check connected with a connect.sid cut short in the middle of a %-escape (`s%3Aabc%2`), so `decodeURIComponent()` throws. The socket must come out anonymous or refused with a reason, at once: the handshake middleware's `catch` must call `next(new Error(\"session lookup failed\"))` (a message the client can show), not only log the error and leave the handshake waiting, and not refuse with an empty message.",
      },
      "zh-CN": {
        title: "一个不是合法 URL 编码的 cookie 值，让 socket 没有得到应有的答复。",
        meaning: "本次检查用一个在 %-转义中间被截断的 connect.sid（`s%3Aabc%2`）连接，于是 `decodeURIComponent()` 会抛出错误。这个 socket 必须立即得到结果：要么是匿名的，要么被拒绝并说明原因。握手中间件的 `catch` 必须调用 `next(new Error(\"session lookup failed\"))`（一条客户端能显示的消息），而不是只记下错误、让握手一直等着，也不能用空消息拒绝。",
      },
    },
    ADMIN_WITHOUT_LOGIN: {
      en: {
        title: "A visitor who is not logged in can use the admin tools.",
        meaning: "GET /admin/online or POST /admin/lookup answered a request with no session cookie: anyone could list who is online, or find out whose session a cookie value is. The admin routes sit behind `requireLogin`, which must check the user, `if (req.session.user) next()`, not only that a session exists (express-session gives every request one), and refuse the others with `res.status(401).json({ error: \"log in first\" })`.",
      },
      "zh-CN": {
        title: "没有登录的访客也能使用管理工具。",
        meaning: "GET /admin/online 或 POST /admin/lookup 回应了一个不带会话 cookie 的请求：任何人都能列出谁在线，或者查出一个 cookie 值是谁的会话。管理路由挡在 `requireLogin` 后面，它必须检查用户，`if (req.session.user) next()`，而不只是检查会话是否存在（express-session 给每个请求都配一个会话），并用 `res.status(401).json({ error: \"log in first\" })` 拒绝其他请求。",
      },
    },
    ONLINE_LIST_WRONG: {
      en: {
        title: "GET /admin/online does not list each online user once.",
        meaning: "The check had a user online in two tabs and two visitors' sockets (no session) beside the browser's, then asked GET /admin/online. It must answer 200 `{ \"online\": [...] }` with the name of every user who has a socket connected, each once, and nothing for a visitor: `[...new Set(sockets.map((s) => s.data.user).filter((user) => user !== null))]`.",
      },
      "zh-CN": {
        title: "GET /admin/online 没有把每个在线用户列出且只列一次。",
        meaning: "本次检查在浏览器之外，让一个用户在两个标签页里在线，再加上两个访客的 socket（没有会话），然后请求 GET /admin/online。它必须应答 200 `{ \"online\": [...] }`，列出每一个有 socket 连接着的用户的名字，每人一次，访客则不列：`[...new Set(sockets.map((s) => s.data.user).filter((user) => user !== null))]`。",
      },
    },
    ADMIN_PAGE_WRONG: {
      en: {
        title: "The page's Admin box does not show what the admin API answers.",
        meaning: "The check used the Admin box as a user would. When its socket connects, a logged-in page must ask GET /admin/online again and show the names, `Online now: alice, bob`; a visitor's page shows `(log in to see)` and does not ask. The lookup form sends the value without the spaces around it (`.value.trim()`) as JSON, with the browser's cookie (`credentials: \"include\"`), and shows the status and the answer, `200 {\"sessionId\":…,\"user\":…}` or `404 {\"error\":…}`, whatever the answer is. The API answered right, so look at `client.ts`.",
      },
      "zh-CN": {
        title: "页面上的 Admin 区域没有显示管理 API 的应答。",
        meaning: "本次检查像用户那样使用了 Admin 区域。已登录的页面在它的 socket 连接时，必须再请求一次 GET /admin/online 并显示名字，`Online now: alice, bob`；访客的页面显示 `(log in to see)`，而且不去请求。查询表单发送去掉首尾空格的值（`.value.trim()`），以 JSON 形式、带着浏览器的 cookie（`credentials: \"include\"`），并显示状态码和应答，`200 {\"sessionId\":…,\"user\":…}` 或 `404 {\"error\":…}`，无论应答是什么。API 的应答是对的，所以去看 `client.ts`。",
      },
    },
  },
} satisfies LessonMeta;
