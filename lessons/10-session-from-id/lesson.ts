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
  },
} satisfies LessonMeta;
