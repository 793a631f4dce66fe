// The lessons' titles, pass sentences and hints of manifest.ts in Simplified Chinese, for
// WORKSHOP_LANG=zh-CN; each title is the one of the lesson's README.zh-CN.md.
import type { LessonInfo } from "./manifest.ts";

export const LESSONS_ZH_CN: Record<number, Pick<LessonInfo, "title" | "passed" | "hints">> = {
  1: {
    title: "会话中间件要放在路由之前",
    passed: "每个路由都能拿到 req.session，HTTP 和 socket 共用同一个会话。",
    hints: [
      "在页面上登录，然后看服务器输出：错误信息里提到了 `req.session`。是什么为 undefined？为什么？",
      "Express 严格按照注册顺序执行 `app.use()` 中间件和路由。",
      "把 `app.use(sessionMiddleware)` 移到读写 `req.session` 的那些路由之前。",
    ],
  },
  2: {
    title: "让 Socket.IO 共用会话中间件",
    passed: "socket 的握手会经过会话中间件：socket 认得的会话和用户与 HTTP 相同。",
    hints: [
      "HTTP 能看到你的用户，握手请求也带着 cookie，可 socket 仍然没有 `session`。对于 Socket.IO 的请求，有哪段代码会去读取这个 cookie？",
      "Socket.IO 在 Express 看到自己的请求之前就已经应答了，所以 `app.use()` 对这些请求从不执行。",
      "把同一个中间件实例交给 Socket.IO：`io.engine.use(sessionMiddleware);`。",
    ],
  },
  3: {
    title: "客户端和服务器使用相同的 Socket.IO path",
    passed: "客户端和服务器使用相同的 Socket.IO path，socket 与 HTTP 共用同一个会话。",
    hints: [
      "打开浏览器的 Network 面板：socket 请求的是哪个 URL？返回了什么状态码？",
      "服务器在创建时传入了自定义的 `path` 选项。客户端也有这个选项，默认值是 `/socket.io/`。",
      "把服务器的 path 传给客户端：`io(API_URL, { withCredentials: true, path: \"/api/socket.io\" })`。",
    ],
  },
  4: {
    title: "跨域 socket 的凭据",
    passed: "跨域的握手请求带上了会话 cookie，并且服务器允许这样做。",
    hints: [
      "页面运行在 8080 端口，API 在 3000 端口：两者是不同的源。socket 的握手请求带上 connect.sid cookie 了吗？",
      "跨域的 socket.io-client 只有在设置了 `withCredentials: true` 时才发送 cookie，而这时浏览器会坚持要求服务器也允许携带凭据。",
      "客户端：`io(API_URL, { withCredentials: true })`。服务器：`new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } })`。",
    ],
  },
  5: {
    title: "cookie 和 socket 使用同一个密钥",
    passed: "socket 用服务器真正的密钥校验 cookie，并找到了 HTTP 的会话。",
    hints: [
      "socket 一侧自己校验 cookie 的签名。`unsign()` 用的是哪个密钥？`session()` 用的又是哪个？",
      "workshop 像生产环境一样，用随机的 SESSION_SECRET 运行服务器。只在你本机上才匹配的默认值是不够的。",
      "签名和校验要用同一个值：只保留一个 `SESSION_SECRET` 常量，在 `session({ secret })` 和 `unsign()` 里都用它。",
    ],
  },
  6: {
    title: "一个会话中间件，一个 store",
    passed: "HTTP 和 socket 通过同一个中间件读取同一个 store：两边是同一个 session id。",
    hints: [
      "socket 的握手请求带着你的 connect.sid，两次 session() 调用的密钥也相同，socket 显示的却是另一个 session id。express-session 到哪里去查找 session id？登录又把你的会话存到了哪里？",
      "每次不带 `store` 选项调用 `session()`，都会创建它自己的 MemoryStore。当它的 store 里没有某个 cookie 对应的会话时，express-session 不会报告“不存在”，而是悄悄生成一个带新 id 的新会话。",
      "只创建一次中间件，`const sessionMiddleware = session(sessionOptions);`，再把这同一个实例交给 `app.use()` 和 `io.engine.use()`。",
    ],
  },
  7: {
    title: "登录之后再连接 socket",
    passed: "socket 在登录之后才连接，认得用户，也能收到推送给该用户的内容；匿名的 socket 会被拒绝。",
    hints: [
      "登录，然后点 Refresh：HTTP 显示你的用户，socket 却没有。socket 的握手是什么时候发生的？它带的是哪个 cookie？",
      "socket 的会话就是它的握手请求带来的那个。这个页面在加载时就连接，之后从不重新加载，所以 socket 一直是匿名的，也从未加入 POST /notify 推送消息的房间 `user:<name>`。而且服务器还放行了这种匿名 socket。",
      "客户端：`io(API_URL, { withCredentials: true, autoConnect: false })` 和 `afterLogin: () => void socket.connect()`。服务器：`io.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new Error(\"unauthorized\")))`。",
    ],
  },
  8: {
    title: "保存 socket 对会话所做的修改",
    passed: "socket 写入会话的内容会被保存，两边都不会丢失或漏看对方的修改。",
    hints: [
      "添加一个 sticker：socket 的应答里有它，GET /cart 却没有。哪段代码会把 socket 的 `req.session` 写入存储？在什么时候？",
      "`socket.request.session` 是一份副本，只在握手时加载一次。express-session 只在 HTTP 响应结束时保存；socket 必须自己 `save()`，并且先 `reload()`，否则它的旧副本会覆盖 HTTP 在此期间做的修改（读到的也会是过时的数据）。",
      "在 cart:add 中：`req.session.reload((err) => { …push into req.session.cart…; req.session.save(() => ack({ cart: req.session.cart })) })`；在 cart:get 中，在 `req.session.reload(...)` 里面读取。reload 之后要使用 `req.session`，绝不要用 reload 之前保存下来的变量。",
    ],
  },
  9: {
    title: "Node.js 客户端的会话 cookie",
    passed: "Node.js 客户端在 socket 的握手请求中发送了它登录时得到的会话 cookie。",
    hints: [
      "页面正常，bot.ts 却不行。它先用 fetch 登录，然后连接：哪个请求会把 cookie 带给 socket？",
      "浏览器会替你保存 cookie。在 Node 中，登录响应的 Set-Cookie 头只是那个响应里的数据。",
      "用 `res.headers.getSetCookie()` 读取 cookie，保留其中的 `name=value` 部分，然后这样传入：`io(API_URL, { extraHeaders: { cookie } })`。",
    ],
  },
  10: {
    title: "安全地根据 cookie 查找会话",
    passed: "查找能根据真实的 cookie 找到会话，并拒绝被篡改的、未签名的以及由客户端提供的 id。",
    hints: [
      "对比 Network 面板里握手请求的 `Cookie` 头（`connect.sid=s%3A…`）和 `sessionFromCookie` 首先检查的内容。之后每修好一处都看一下终端：这个辅助函数的问题不止一个。",
      "这个辅助函数会出三次错：请求头里的值是 URL 编码的；`promisify(store.get)` 调用 `get` 时，`this` 不是它的 store；`split(\".\")[0]` 不加校验就把签名扔掉了，所以伪造的 cookie 也能通过。没有任何密钥能校验通过的值不算会话，而客户端发来的 session id（`socket.handshake.auth`）什么也证明不了。",
      "`const raw = value && decodeURIComponent(value)`；`promisify(store.get).bind(store)`；`SESSION_SECRETS.map((secret) => unsign(raw.slice(2), secret)).find((id) => id !== false)`，什么都没找到时返回 null。",
    ],
  },
  11: {
    title: "登出时结束这个会话的所有 socket",
    passed: "登出会结束这个会话的每一个 socket，无论它在哪个标签页，而其他用户的 socket 不受影响。",
    hints: [
      "在两个标签页中打开页面并登录。在其中一个标签页登出，然后在另一个里点 Refresh：哪一栏仍然显示你的名字？又有哪段代码会把登出这件事告诉那个 socket？",
      "`socket.request.session` 是 socket 握手时加载的副本。`req.session.destroy()` 删除的是存储中的会话，而不是打开的 socket 所持有的副本，所以服务器必须找到这个会话的 socket 并结束它们。",
      "在 `io.on(\"connection\")` 中：`socket.join(req.session.id)`。在 `/logout` 中：在 `destroy()` 之前先 `const sessionId = req.session.id;`，然后在它的回调里 `io.in(sessionId).disconnectSockets();`。",
    ],
  },
  12: {
    title: "在终止 HTTPS 的代理后面使用 Secure cookie",
    passed: "在 HTTPS 代理后面，Secure cookie 能发送出去，HTTP 和 socket 共用同一个会话。",
    hints: [
      "登录，然后在 Network 面板里查看 `POST /login` 的响应：200，但没有 `Set-Cookie` 头。哪个会话选项决定 express-session 何时发送它的 cookie？",
      "`cookie: { secure: true }` 只在通过 HTTPS 到达的请求上发送 cookie。这里 HTTPS 在代理处就终止了，代理通过 `X-Forwarded-Proto: https` 说明了这一点，但在你声明这个代理可信之前，Express 会忽略这个头。",
      "加上 `app.set(\"trust proxy\", 1);`（前面有一个代理），或者给 `session()` 传 `proxy: true`。保留 `secure: true`。",
    ],
  },
  13: {
    title: "登录时换一个新的 session id",
    passed: "登录时会话得到一个新的 id，购物车仍然保留，socket 也认得这个新会话。",
    hints: [
      "登录之前先往购物车里放点东西，然后比较登录前后的 `connect.sid` cookie（DevTools、Application、Cookies）。还有谁可能持有这个值？",
      "登录前就已存在的 id 不能变成已登录的会话。express-session 可以把会话换成一个带新 id 的新会话：`req.session.regenerate(callback)`。新会话是空的，而且这个调用是异步的。",
      "在 `/login` 中：先 `const cart = req.session.cart;`，然后 `req.session.regenerate((err) => { if (err) return next(err); req.session.cart = cart; req.session.user = username; res.json({ user: username }); });`。",
    ],
  },
  14: {
    title: "所有实例共用一个会话存储",
    passed: "共用 Redis 的第二个实例认得同一个会话，HTTP 和 socket 都是如此，两个方向都成立。",
    hints: [
      "登录，什么都不改、保存一下 `server.ts`（服务器会重启），然后点 Refresh：你已经退出登录了，尽管 cookie 还是同一个。你的会话存放在哪里？",
      "没有 `store` 选项时，express-session 把会话放在进程内存中的 MemoryStore 里：每个实例各有一份，重启就清空。各实例已经共用一个 Redis 服务器（server.ts 里的 `redis`），而 connect-redis 就是一个把会话存放在那里的会话存储。",
      "`import { RedisStore } from \"connect-redis\";`，并在 `session({ ... })` 中加上：`store: new RedisStore({ client: redis }),`。",
    ],
  },
  15: {
    title: "检查每一次 socket 握手的 Origin",
    passed: "其他源上的页面再也无法带着用户的 cookie 打开 socket，而应用自己的页面仍然可以。",
    hints: [
      "CORS 配置正确，所以别的网站读不到你的 API 的响应。但 CORS 对 WebSocket 起作用吗？在另一个端口上的页面的控制台里试试 `new WebSocket(\"ws://localhost:3000/socket.io/?EIO=4&transport=websocket\")`。",
      "从同一站点的任何页面发起 WebSocket 握手时，浏览器都会带上 API 的 cookie，而 CORS 从不检查它。服务器能检查的是浏览器在每次握手上都会加上的 `Origin` 头。Socket.IO 的 `allowRequest` 选项让你可以接受或拒绝每一次握手。",
      "在 `new Server(httpServer, { ... })` 中：`allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN),`。",
    ],
  },
  16: {
    title: "让 cookie 的 Path 覆盖 socket",
    passed: "握手请求落在 cookie 的 Path 之内，带上了 cookie，socket 与 HTTP 共用同一个会话。",
    hints: [
      "登录，然后在 Network 面板里比较两个请求：`GET /api/me` 和 socket 的 `GET /socket.io/?EIO=4…`。哪一个带着 `connect.sid` cookie？在 DevTools 的 Application、Cookies 里能看到 cookie 的 Path。",
      "浏览器只把 cookie 发给其 `Path` 之内的 URL，而 express-session 会跳过 `cookie.path` 之外的所有请求。Socket.IO 的握手也是一个 HTTP 请求，默认发往 `/socket.io/`。",
      "让 cookie 保持在 `/api`，把 Socket.IO 移到它里面：在 `new Server(httpServer, { ... })` 和 `io(API_URL, { ... })` 中都设置 `path: \"/api/socket.io\"`。（或者去掉 `cookie: { path: \"/api\" }`：默认的 Path 是 `/`。）",
    ],
  },
  17: {
    title: "会话过期时结束 socket",
    passed: "会话在 Redis 中过期后，它那个仍然打开的 socket 在下一个事件时就不再以该用户的身份行事。",
    hints: [
      "会话的有效期是 30 分钟。想早点看到它结束，可以设置 `maxAge: 10_000`，登录，十秒钟内不要动页面，然后点 Refresh。哪一栏仍然显示你的名字？",
      "握手时会话被加载了一次，放进 `socket.request.session`，`io.use` 也只检查了一次。TTL 到期时，Redis 删除了会话，却没有任何东西通知 socket。`req.session.reload(callback)` 会重新询问存储，会话已经不在时它会失败。",
      "在 `io.on(\"connection\")` 中、事件处理函数之前：`socket.use((_packet, next) => { req.session.reload((err) => (err ? socket.disconnect() : next())); });`。",
    ],
  },
  18: {
    title: "登出不能被一个开着的长轮询撤销",
    passed: "登出时开着的长轮询在登出之后才结束，会话依然不在了。",
    hints: [
      "登录，再登出：页面重新加载后你又登录了，会话 id 也没变。现在观察服务器的会话存储：`DEBUG=express-session npm run lesson 18`。socket 的 `GET /socket.io/?…&transport=polling` 请求结束时，express-session 做了什么？",
      "`io.engine.use(sessionMiddleware)` 会在每个长轮询请求上运行会话中间件，而总有一个这样的请求开着，持有它加载的那份会话副本。设置了 `resave: true` 时，请求结束时 express-session 会把这份副本存回去，不管它有没有改动；登出时断开 socket 的那一步恰好在 `destroy()` 之后结束了它。",
      "在 `session({ ... })` 中：`resave: false,`。这样只有改动了会话的请求才会保存它。",
    ],
  },
  19: {
    title: "Redis 连接断开时活下来",
    passed: "Redis 关掉了应用的连接；服务器挺了过来，记下了日志，重新连上，并且仍然认得这个会话。",
    hints: [
      "看验证器输出里服务器的最后几行：是哪个对象发出了这个错误？为什么 Redis 客户端里的一个错误会让整个进程退出？`redis.connect().catch(console.error)` 只处理一件事：第一次连接的那个 promise。",
      "node-redis 客户端是一个 EventEmitter，连接断开时它发出一个 `'error'` 事件。Node 会把没有监听器的 `'error'` 事件抛出来，于是进程退出。有了监听器，node-redis 自己不打印任何东西，只是重新连接。",
      "在 `redis.connect()` 之前：`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message));`。",
    ],
  },
};
