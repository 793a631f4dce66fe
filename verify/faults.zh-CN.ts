// The fault explanations of faults.ts in Simplified Chinese, for WORKSHOP_LANG=zh-CN: the same codes,
// the same facts and the same code, in the words of the lessons' README.zh-CN.md.
import type { FaultCode, FaultInfo } from "./faults.ts";

export const FAULTS_ZH_CN: Record<FaultCode, FaultInfo> = {
  // The app does not run at all
  SYNTAX_ERROR: {
    title: "代码无法解析。",
    meaning: "修复上面指出的文件和行中的语法错误；代码能够解析之前，服务器无法启动。",
  },
  TYPE_ERROR: {
    title: "代码没有通过类型检查。",
    meaning:
      "TypeScript 发现了上面的错误（每行给出文件和行号），常见错误的含义也列在上面。应用也许照样能运行，" +
      "但这是一个 TypeScript 工作坊：课程只有在通过类型检查后才算通过，就像 CI 构建会要求的那样。",
  },
  IMPORT_ERROR: {
    title: "代码导入了模块并没有导出的名字。",
    meaning:
      "对照这个包自己的文档检查 import：默认导入（`import X from`）需要模块有默认导出，具名导入" +
      "（`import { X } from`）需要具名导出。例如 connect-redis 以具名方式导出 `RedisStore`：" +
      "`import { RedisStore } from \"connect-redis\"`。",
  },
  SERVER_CRASHED: {
    title: "课程服务器崩溃了。",
    meaning: "检查运行期间，服务器进程退出了。错误以及它出自哪一行都在上面。",
  },
  SERVER_NEVER_LISTENED: {
    title: "课程服务器始终没有开始监听。",
    meaning: "server.ts 必须监听工作坊通过 PORT 给它的端口（默认 3000）。",
  },
  SERVER_WRONG_PORT: {
    title: "课程服务器监听的端口不对。",
    meaning: "工作坊让每一课运行在一个空闲端口上，并通过 PORT 传给它；写死的端口永远不会被访问到。",
  },
  CLIENT_BUNDLE_ERROR: {
    title: "浏览器客户端无法打包。",
    meaning: "client.ts（或它导入的某个文件）有上面的错误，所以页面没有可运行的脚本。",
  },
  PAGE_DID_NOT_LOAD: {
    title: "课程页面没有加载出来。",
    meaning: "浏览器无法打开客户端页面。这很少是课程代码的问题：再运行一次。",
  },
  CLIENT_RUNTIME_ERROR: {
    title: "页面的脚本在显示课程面板之前就停止了。",
    meaning: "client.ts 在浏览器中抛出了错误（见上面），没能执行到 mountPanel()。",
  },

  // HTTP side
  HTTP_SESSION_MISSING: {
    title: "Express 路由运行时没有会话。",
    meaning:
      "路由里的 `req.session` 是 undefined，所以登录无处写入用户。Express 按注册的顺序运行中间件：" +
      "`app.use(sessionMiddleware)` 必须放在每一个使用 `req.session` 的路由（以及 router）之前。",
  },
  LOGIN_FAILED: {
    title: "通过 HTTP 登录失败。",
    meaning: "POST /login 没有返回 2xx 状态码。响应和服务器输出都在上面。",
  },
  LOGIN_BLOCKED: {
    title: "浏览器无法完成 POST /login。",
    meaning:
      "请求在页面看到应答之前就在浏览器中失败了：服务器拒绝了连接，" +
      "或者它的 CORS 头不允许这个页面的源携带凭据访问。",
  },
  SESSION_COOKIE_MISSING: {
    title: "登录之后，浏览器里没有留下会话 cookie。",
    meaning:
      "登录成功之后，浏览器里没有 API 的 `connect.sid` cookie，所以没有任何东西能再找到这个会话。" +
      "检查登录响应是否带有 Set-Cookie，以及页面的 fetch 是否使用了 " +
      "`credentials: \"include\"`（并且 API 的 CORS 允许凭据）。",
  },
  SESSION_SECRET_NOT_USED: {
    title: "会话 cookie 不是用 SESSION_SECRET 签名的。",
    meaning:
      "工作坊用一个随机的 SESSION_SECRET 启动服务器，就像生产环境那样。cookie 的签名用它校验不通过，" +
      "说明服务器是用别的密钥签名的：在 `session({ secret })` 中使用 " +
      "`process.env.SESSION_SECRET`。",
  },
  SOCKET_REPLACED_COOKIE: {
    title: "一个 Socket.IO 响应替换掉了登录时的会话 cookie。",
    meaning:
      "为 Socket.IO 运行的会话中间件找不到登录时的会话（另一个 `session()` 实例，有自己的存储，或者用了另一个" +
      "密钥），于是新建了一个会话，并且在 `saveUninitialized: true` 时发出了自己的 cookie，替换掉了浏览器里的那个。" +
      "从那以后，每个请求带的都是一个没有登录的会话。让 Express 和 Socket.IO 使用同一个中间件实例。",
  },
  HTTP_SESSION_MISMATCH: {
    title: "HTTP 看不到它自己的 cookie 所指的会话。",
    meaning: "登录之后，GET /me 应当报告 connect.sid cookie 里的那个会话，以及登录的那个用户。",
  },

  // Socket side
  SOCKET_NEVER_CONNECTED: {
    title: "页面从未向 API 打开 Socket.IO 连接。",
    meaning:
      "没有任何 Socket.IO 握手请求到达 API 的源。检查传给 `io(...)` 的 URL，以及它的 `path` 选项：path 必须以 `/` " +
      "开头（`api/socket.io` 会直接拼接到主机和端口后面）。",
  },
  SOCKET_URL_UNREACHABLE: {
    title: "socket 试图连接一个没有任何应答的地址。",
    meaning: "握手请求在网络层就被拒绝了。传给 `io(...)` 的 URL 必须是 API 的 URL。",
  },
  SOCKET_PATH_MISMATCH: {
    title: "socket 连接的路径不是服务器提供服务的路径。",
    meaning:
      "Socket.IO 的客户端和服务器必须使用相同的 `path` 选项（默认 `/socket.io/`）。用 " +
      "`new Server(httpServer, { path: \"/api/socket.io\" })` 创建的服务器，需要客户端里的 " +
      "`io(url, { path: \"/api/socket.io\" })`。path 不是 URL 的一部分：" +
      "`io(\"http://host/api/socket.io\")` 表示命名空间 `/api/socket.io`，而不是 path。",
  },
  SOCKET_HANDSHAKE_FAILED: {
    title: "Socket.IO 握手被拒绝了。",
    meaning:
      "服务器以错误状态码应答了握手。400 且 code 为 3 表示交给 `io.engine.use()` 的某个中间件失败了；" +
      "403 且 code 为 4 表示 `allowRequest` 拒绝了它；400 且 code 为 0（`Transport unknown`）表示服务器不接受" +
      "客户端使用的传输方式：客户端和服务器的 `transports` 选项必须有一个共同的值。",
  },
  SOCKET_CREDENTIALS_MISSING: {
    title: "socket 的握手没有带上会话 cookie。",
    meaning:
      "页面和 API 是不同的源，而从 socket.io-client v3 起，跨域的客户端除非你要求，否则不发送 cookie：" +
      "`io(API_URL, { withCredentials: true })`。没有 cookie，服务器会为每个连接开始一个新的空会话。" +
      "（如果 socket 的 URL 使用的主机和页面的 API 调用不同，例如用 127.0.0.1 而不是 localhost，" +
      "cookie 也同样不会被发送。）",
  },
  COOKIE_PATH_EXCLUDES_SOCKET: {
    title: "会话 cookie 的 Path 没有覆盖 socket 的握手。",
    meaning:
      "浏览器只把 cookie 发给位于它的 `Path` 之内的 URL，express-session 也同样会跳过 `cookie.path` " +
      "之外的请求。Socket.IO 的握手和其他请求一样，是一个普通的请求，除非你另行指定，否则发往 `/socket.io/`：" +
      "cookie 限定在 `/api` 时，握手请求发出时不带 cookie，socket 就得不到会话。把 Socket.IO 放到 cookie 的" +
      "路径里面（`new Server()` 和 `io()` 都设 `path: \"/api/socket.io\"`），或者去掉 cookie 的 " +
      "`path` 选项（默认值是 `/`）。空的 `path` 对浏览器来说等于没有这个属性：浏览器会把 cookie 限定在设置它的那个 URL " +
      "所在的目录（`/api`）。",
  },
  API_ROUTES_MOVED: {
    title: "应用的 API 不再位于 /api 之下。",
    meaning:
      "在这个应用里，`/api` 之下的一切都是 API，站点的其余部分属于同一主机后面的其他服务。把路由留在那里" +
      "（`app.use(\"/api\", api)`，页面调用 `${API_URL}/api`），让 cookie 的 Path 和 Socket.IO 的 path 去适应它们。",
  },
  CORS_CREDENTIALS_MISSING: {
    title: "服务器的 Socket.IO CORS 设置不允许凭据。",
    meaning:
      "握手带上了 cookie，但它的响应缺少 `Access-Control-Allow-Credentials: true`，所以浏览器丢弃了" +
      "这个应答（“xhr poll error”）。Express 的 `app.use(cors())` 永远看不到 Socket.IO 的请求：请配置 " +
      "`new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } })`。",
  },
  CORS_ANY_ORIGIN: {
    title: "服务器的 Socket.IO CORS 允许任何源带着用户的 cookie 读取它的应答。",
    meaning:
      "`origin: true`（或者一个总是同意的函数）会原样反射请求带来的任何 Origin。加上 `credentials: true`，" +
      "用户访问的任何网站上的页面都能以该用户的会话读取 Socket.IO 长轮询的应答。写明页面的源：" +
      "`cors: { origin: CLIENT_ORIGIN, credentials: true }`。",
  },
  CORS_ORIGIN_REJECTED: {
    title: "服务器的 Socket.IO CORS 设置不允许页面的源。",
    meaning:
      "握手响应的 `Access-Control-Allow-Origin` 指明的不是页面的源，所以浏览器拒绝了这个应答。" +
      "Socket.IO 有它自己的 CORS 选项：" +
      "`new Server(httpServer, { cors: { origin, credentials: true } })`。",
  },
  CORS_WILDCARD_WITH_CREDENTIALS: {
    title: "服务器对带 cookie 的请求应答了 `Access-Control-Allow-Origin: *`。",
    meaning: "带有凭据时，浏览器会拒绝 `*`。在 Socket.IO 的 `cors.origin` 选项里明确列出允许的源。",
  },
  SOCKET_REJECTED: {
    title: "服务器拒绝了 socket 连接。",
    meaning: "某个 `io.use()` 中间件对这个连接调用了 `next(new Error(...))`；它的消息在上面。",
  },
  SOCKET_INVALID_NAMESPACE: {
    title: "socket 请求了一个服务器上不存在的命名空间。",
    meaning:
      "传给 `io(...)` 的 URL 里的路径表示的是 Socket.IO 的命名空间，而不是 HTTP 路径：" +
      "`io(\"http://host/api\")` 连接的是命名空间 `/api`，除非服务器有 `io.of(\"/api\")`，否则会被拒绝。" +
      "只把服务器的源传给 `io(...)`，HTTP 路径放在 `path` 选项里。",
  },
  SOCKET_SESSION_LATE: {
    title: "Socket.IO 要等到第一个连接之后才拿到会话中间件。",
    meaning:
      "在一个刚启动的服务器上，第一个 socket 的握手带着已登录的 cookie，却找不到会话。" +
      "`io.engine.use(sessionMiddleware)` 必须在服务器启动时运行一次：放在 " +
      "`io.on(\"connection\")` 里就太晚了，赶不上触发它的那次握手，而且每个连接都会再添加一份中间件。",
  },
  PAGE_RELOADED_AFTER_LOGIN: {
    title: "登录之后页面重新加载了，而这个应用是单页应用。",
    meaning:
      "重新加载会用新的 cookie 打开一个新的 socket：这只是把登录之前打开的那个 socket 掩盖了，并没有修复它，" +
      "而且页面的状态也丢了。让页面留在原处（`afterLogin` 不能重新加载页面），在登录返回之后再连接 socket：" +
      "`autoConnect: false`，并在 `afterLogin` 里调用 `socket.connect()`。",
  },
  SOCKET_NO_ANSWER: {
    title: "socket 始终没有回答 whoami。",
    meaning:
      "页面通过 socket 询问自己是谁，却没有收到任何确认。服务器必须在每个连接上用 " +
      "`socket.on(\"whoami\", (ack) => ack({ sessionId, user }))` 作答。",
  },
  SOCKET_SESSION_MISSING: {
    title: "socket 根本没有会话。",
    meaning:
      "`socket.request.session` 是 undefined：Socket.IO 的请求从不经过 Express 的 `app.use()`，" +
      "所以还必须把会话中间件交给 Socket.IO：`io.engine.use(sessionMiddleware)`" +
      "（就是 Express 所用的那同一个实例）。如果已经有了，就要从 `socket.request.session` 读取会话：" +
      "`socket.handshake` 上没有会话。",
  },
  SOCKET_SECRET_MISMATCH: {
    title: "socket 一侧校验 cookie 所用的密钥和 express-session 不同。",
    meaning:
      "这个应用在 socket 一侧自己校验 `connect.sid`。握手带的 cookie 已被 HTTP 一侧接受，socket 一侧" +
      "却找不到会话：它对 `s:<id>.<signature>` 值的校验失败了，通常是因为 `unsign()` 用的是另一个密钥（或者根本没有" +
      "对这个值做 unsign）。要使用交给 `session({ secret })` 的那个密钥" +
      "（如果为了轮换配置了多个密钥，就像 express-session 那样逐一尝试）。",
  },
  SOCKET_OPENED_BEFORE_LOGIN: {
    title: "socket 仍然持有它在登录之前的会话。",
    meaning:
      "socket 的会话是在它握手时拍下的快照，而那次握手发生在登录之前。登录之后再连接，" +
      "或者在登录成功后重新连接（`socket.disconnect().connect()`）。",
  },
  SOCKET_SESSION_MISMATCH: {
    title: "socket 看到的会话和 HTTP 不同。",
    meaning:
      "握手带上了会话 cookie，socket 一侧却开始了一个新会话。当 cookie 的签名校验不通过（另一个密钥），" +
      "或者会话不在它的存储里（另一个存储：每次不带 `store` 调用 `session()`，都会创建它自己的 " +
      "MemoryStore）时，express-session 就会这样做。只创建一次会话中间件，并把这同一个实例交给 Express " +
      "和 `io.engine.use()`。",
  },
  SOCKET_DATA_MISSING: {
    title: "socket 拿到了正确的 session id，却没有它的数据。",
    meaning:
      "两边对 session id 的看法一致，但登录时写入的用户在 socket 上不见了：socket 一侧读的是另一个存储，" +
      "或者是会话的一份旧副本。要到应用自己的存储里查找会话。",
  },
  NODE_CLIENT_COOKIE_MISSING: {
    title: "Node 客户端的握手没有带上会话 cookie。",
    meaning:
      "Node 没有 cookie jar：`fetch` 在登录时收到的 cookie 只留在那个响应里。你要自己把它交给 socket：" +
      "`io(API_URL, { extraHeaders: { cookie } })`，其中的 `cookie` 由 " +
      "`res.headers.getSetCookie()` 构造（只取 name=value 部分）。`withCredentials` 在这里帮不上忙：" +
      "它只会保留 socket 自己的请求收到的 cookie；而 `auth` 也不是 Cookie 头。",
  },
  NODE_CLIENT_FAILED: {
    title: "Node 客户端没能走通。",
    meaning: "客户端脚本在登录、连接并拿到 whoami 的应答之前就停止了；它的输出在上面。",
  },
  // Lesson 8: changing the session from a socket handler
  SOCKET_WRITE_NOT_SAVED: {
    title: "通过 socket 做的修改始终到不了 HTTP。",
    meaning:
      "socket 事件处理函数修改了 `req.session`，但那个对象是在握手时加载一次的副本。express-session " +
      "只在 HTTP 响应结束时保存会话，而握手的响应早就结束了，所以没有任何东西会把这个修改写入存储。" +
      "修改之后调用 `req.session.save(callback)`（修改要在 `reload()` 之后进行：见 SOCKET_LOST_UPDATE），" +
      "并在回调里发送确认。",
  },
  SOCKET_LOST_UPDATE: {
    title: "通过 socket 的一次保存抹掉了通过 HTTP 做的修改。",
    meaning:
      "`save()` 用 socket 手里的整份会话副本覆盖存储中的那份。这份副本来自握手时（或上一次 `reload()`），" +
      "所以 HTTP 在那之后做的任何修改都会丢失。先 reload，再修改，然后 save：" +
      "`req.session.reload((err) => { …change req.session…; req.session.save(() => ack(…)) })`。" +
      "`reload()` 会在 `req.session` 上放一个全新的对象：保存了旧对象的变量" +
      "（`const session = req.session`）在那之后就过时了。",
  },
  SOCKET_WRITE_REVIVES_SESSION: {
    title: "登出之后，socket 的一次写入让会话又回来了。",
    meaning:
      "当存储中已经没有这个会话（已登出、已过期）时，`reload()` 会失败，并让 `req.session` 保持原样：" +
      "也就是 socket 手里那份旧副本，仍然是已登录的。保存这份副本就会把已经结束的会话写回存储。检查 reload 的错误，" +
      "改为返回一个错误：`req.session.reload((err) => { if (err) return ack({ error: \"session not found\" }); ... })`。",
  },
  SOCKET_STALE_READ: {
    title: "socket 读到的是会话的旧副本。",
    meaning:
      "通过 HTTP 做的修改已经在存储里了，但 socket 事件处理函数是用它之前加载的副本作答的。读取之前先刷新它：" +
      "`req.session.reload(callback)`，并在回调里读取 `req.session`" +
      "（或者用 `socket.use()` 在每个事件之前 reload）。",
  },
  SOCKET_ACK_MISSING: {
    title: "socket 始终没有确认某个事件。",
    meaning:
      "本次检查发出了一个带确认回调的事件，但没有及时收到应答。事件处理函数的每一条路径都必须调用 ack，" +
      "包括 `reload()` 或 `save()` 报告错误的时候。",
  },

  // Lesson 10: looking a session up from its cookie, securely
  COOKIE_LOOKUP_FAILED: {
    title: "应用自己根据 cookie 查找会话，却找不到。",
    meaning:
      "这个应用没有在 socket 上运行 express-session，而是自己查找会话。握手带的 cookie 在 HTTP 上被 " +
      "express-session 接受，但查找没有找到会话，或者抛出了错误。逐一检查每一步：请求头里的值是 URL 编码的" +
      "（`s%3A…`），所以要先解码；去掉 `s:`，并用 `unsign()` 和应用自己的密钥校验签名；在应用自己的存储上" +
      "调用 `get`，并让 `this` 保持绑定（`promisify(store.get)` 会丢掉它；`.bind(store)` 能保住它）。",
  },
  TAMPERED_COOKIE_ACCEPTED: {
    title: "一个签名被伪造的 cookie 被当成了该用户。",
    meaning:
      "本次检查发送了用户真实的 session id，配上用另一个密钥算出的签名，而应用把它当成了那个用户。" +
      "没有签名校验，任何得知某个 session id 的人（从日志、URL、截图里）都会变成那个用户。对配置的每个密钥" +
      "用 `unsign(value, secret)` 校验，所有密钥都校验不通过的值就当作没有会话，就像 express-session 那样。",
  },
  UNSIGNED_COOKIE_ACCEPTED: {
    title: "一个没有签名的 cookie 被当成了该用户。",
    meaning:
      "本次检查发送了不带有效签名的 session id（只有 id 本身，或者只有 `s:<id>`），而应用把它当成了那个用户。" +
      "express-session 只接受签名能校验通过的 `s:<id>.<signature>`；手写的查找必须拒绝其他一切。",
  },
  PREVIOUS_SECRET_REFUSED: {
    title: "用上一个密钥签名的 cookie 在 HTTP 上有效，在应用自己的查找中却无效。",
    meaning:
      "密钥轮换之后，express-session（`secret: SESSION_SECRETS`）仍然接受用旧密钥签名的 cookie；" +
      "只尝试第一个密钥的查找会让所有这样的用户在 socket 上被登出。依次尝试每个密钥：" +
      "`SESSION_SECRETS.map((secret) => unsign(value, secret)).find((id) => id !== false)`。",
  },
  CLIENT_SESSION_ID_TRUSTED: {
    title: "服务器采用了客户端选定的 session id。",
    meaning:
      "本次检查不带 cookie 连接，而是把用户的 session id 放在握手的 `auth` 数据里，结果成了那个用户。" +
      "`socket.handshake.auth`（和查询字符串一样）里是客户端想放什么就放什么。" +
      "只有经过签名的 HttpOnly cookie 才能证明一个连接属于哪个会话。",
  },
  UNKNOWN_SESSION_MISHANDLED: {
    title: "对一个指向不存在的会话、但签名正确的 cookie 处理不当。",
    meaning:
      "本次检查发送了一个签名正确的 cookie，它的 session id 不在存储中（就像登出或过期之后那样）。" +
      "服务器必须把它当作没有会话（匿名），或者拒绝连接，并且及时作答。对于未知的 id，`store.get` " +
      "回调时不带会话：要处理这种情况，也要处理存储的错误。",
  },
  ADMIN_LOOKUP_FAILED: {
    title: "管理查询找不到一个真实 cookie 对应的会话。",
    meaning:
      "POST /admin/lookup 拿到的是浏览器自己的 connect.sid 值，和它在 Cookie 头里的样子完全一样" +
      "（URL 编码：`s%3A…`），却没有返回那个会话和用户。socket 一侧是正常的，所以看看有什么不同：" +
      "路由把原始值交给辅助函数，所以辅助函数自己必须解码。",
  },
  // Lessons 6 and 7
  SOCKET_STORE_MISMATCH: {
    title: "socket 的会话中间件找不到登录时保存的会话。",
    meaning:
      "握手带的正是 HTTP 接受的那个 cookie，socket 一侧却开始了一个带另一个 id 的新的空会话。当 express-session " +
      "的存储里没有 cookie 中那个 id 的会话时，它就会这样做；而每次不带 `store` 选项调用 `session()`，都会创建" +
      "它自己的 MemoryStore：调用两次就有两个存储，哪怕选项完全相同。只创建一次中间件，并把这同一个实例交给 " +
      "`app.use()` 和 `io.engine.use()`。（从外部看，socket 一侧用了另一个密钥或另一个 cookie `name` 的情况看起来完全一样：" +
      "验证器之所以指出存储，是因为这个应用给两次 `session()` 调用的是同一个密钥。如果你改过密钥，" +
      "也要检查一下它。）",
  },
  SOCKET_NOT_RECONNECTED: {
    title: "socket 在登录之前被拒绝，之后再也没有重试。",
    meaning:
      "服务器拒绝没有登录的 socket，所以页面在登录之前打开的那个 socket 收到了 `connect_error`。被 `io.use()` " +
      "中间件拒绝之后，socket.io-client 不会重试，而登录之后也没有任何东西发起连接。登录成功后再连接：" +
      "`io(url, { autoConnect: false })`，登录之后再调用 `socket.connect()`。",
  },
  PUSH_NOT_DELIVERED: {
    title: "推送给已登录用户的通知始终没有到达页面。",
    meaning:
      "页面请服务器（POST /notify）向它的用户推送一条通知，但页面的所有 socket 连接上都没有收到 " +
      "`42[\"notification\", …]` 数据包。服务器把它发往房间 `user:<name>`，socket 在带着已登录的会话" +
      "连接时会加入这个房间。登录之前连接的 socket 没有加入任何房间，并且在重新连接之前一直保持这个状态。",
  },
  ANONYMOUS_SOCKET_ACCEPTED: {
    title: "服务器接受没有登录的 socket。",
    meaning:
      "一个握手时不带已登录会话的 Socket.IO 客户端仍然连上了。这样的 socket 在应用里谁也不是（哪怕只到某个连接处理函数" +
      "结束它为止），而且即使它的用户之后通过 HTTP 登录，它也仍然谁也不是。在握手时、任何处理函数运行之前就拒绝它：" +
      "`io.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new " +
      "Error(\"unauthorized\")))`。只有一个会话对象什么也证明不了：express-session 给每个请求都配一个，" +
      "无论是否登录。",
  },
  PUSH_REACHED_OTHERS: {
    title: "发给一个用户的通知到达了另一个用户的 socket。",
    meaning:
      "`io.emit()` 会发给每一个已连接的 socket。只发给该用户自己的 socket：连接时让每个 socket 加入一个以它的用户" +
      "命名的房间（`socket.join(`user:${user}`)`），再用 `io.to(`user:${user}`).emit(...)` 发送。",
  },
  CLIENT_IDENTITY_TRUSTED: {
    title: "服务器从客户端发来的内容里取用户名。",
    meaning:
      "握手的 `auth` 数据（或它的 query）里的任何东西都由客户端决定：一个发送 " +
      "`{ user: \"alice\" }` 的 socket 就成了 alice。要从 cookie 所指的会话里取用户：" +
      "`(socket.request as express.Request).session.user`。",
  },
  SOCKET_OUTLIVES_LOGOUT: {
    title: "登出之后，这个会话的其他 socket 仍然以该用户的身份行事。",
    meaning:
      "POST /logout 结束了会话（HTTP 现在不认识任何用户），但每个 socket 都保留着它握手时加载的那份会话副本" +
      "（`socket.request.session`），而没有任何东西通知它们。另一个标签页通过它的 socket 仍然处于登录状态：" +
      "它继续收到该用户的事件，并继续以该用户的身份行事。让每个 socket 加入一个以它的会话命名的房间" +
      "（连接时 `socket.join(req.session.id)`），并在登出路由里调用 `io.in(sessionId).disconnectSockets()`，" +
      "其中的 id 要在 `destroy()` 之前读取。或者在每个事件之前重新加载会话（`socket.use`），会话没了就断开" +
      "连接；这样也能处理会话过期的情况。",
  },
  LOGOUT_DISCONNECTED_OTHERS: {
    title: "一个用户登出，却断开了另一个用户的 socket。",
    meaning:
      "单独调用 `io.disconnectSockets()`（或关闭每一个 Engine.IO 连接）会结束服务器上的每一个 socket，所有人的都会。" +
      "只针对登出的那个会话的 " +
      "socket：`io.in(sessionId).disconnectSockets()`，并让每个 socket 都在以它的会话命名的房间里。",
  },
  LOGOUT_FAILED: {
    title: "登出并没有结束会话。",
    meaning:
      "POST /logout 失败了、没有应答，或者应答了，但带着同一个 cookie 的 GET /me 仍然显示该用户。这个路由调用了 " +
      "`req.session.destroy()`，所以这里通常的原因是会话中间件根本没有作用到它：它只作用于在 " +
      "`app.use(sessionMiddleware)` 之后注册的路由；一个个路由单独加上它（`app.post(\"/login\", sessionMiddleware, ...)`）" +
      "很容易漏掉一个；而第二个 `session()` 有它自己的存储。在所有用到会话的路由之前，注册同一个会话中间件一次。",
  },
  LOGOUT_KEEPS_SESSION: {
    title: "登出之后，HTTP 仍然能看到该用户。",
    meaning:
      "POST /logout 作了应答，但带着同一个 cookie 的 `GET /me` 仍然显示该用户：登出路由必须销毁会话" +
      "（`req.session.destroy(callback)`），而不只是作答。",
  },
  LOGOUT_UNDONE: {
    title: "登出之后，会话又回来了。",
    meaning:
      "POST /logout 销毁了会话，而当时还开着的一个长轮询请求又把它放了回去。" +
      "`io.engine.use(sessionMiddleware)` 会在每个 Engine.IO 请求上运行会话中间件，所以每次轮询都加载一份自己的" +
      "会话副本；客户端长轮询时，总有一个这样的请求开着。设置了 `resave: true` 时，请求结束时 express-session " +
      "会把这份副本存回存储，不管它有没有改动：旧的 cookie 又登录了。请设置 `resave: false`（这样只有改动了会话的" +
      "请求才会保存它）。只在握手时运行会话中间件（Socket.IO 指南中的 `onlyForHandshake`）还能让存储少被读一次" +
      "（每次轮询一次）。如果 `resave` 已经是 false，就找找其他把旧副本写回去的代码：对 `socket.request.session`" +
      "（握手时的副本）调用的 `save()`，或者一个在 `touch()` 里保存整个会话的存储。",
  },
  LOGIN_UNDONE: {
    title: "刚登录完，会话就丢了它的用户。",
    meaning:
      "POST /login 作了应答，cookie 也指向它登录的那个会话，可 GET /me 发现这个会话里没有用户：一个在登录之前" +
      "加载了会话、在登录之后才结束的请求，把更旧的副本存了回去。设置了 `resave: true` 时，express-session 会在" +
      "每个请求结束时保存会话，不管有没有改动；而 `io.engine.use(sessionMiddleware)` 在每个长轮询上都会运行，" +
      "总有一个这样的请求开着。（设置了 `saveUninitialized: true` 时，socket 的握手已经给了页面一个会话，" +
      "它的轮询也都带着这个会话。）请设置 `resave: false`：这样只有改动了会话的请求才会保存它。",
  },
  REDIS_DROP_CRASHED_SERVER: {
    title: "Redis 关掉连接时，服务器死掉了。",
    meaning:
      "node-redis 用客户端上的 `'error'` 事件报告连接丢失（`SocketClosedUnexpectedlyError`）。Node 的 " +
      "EventEmitter 会把没有监听器的 `'error'` 事件抛出来，于是整个进程退出：每个用户的 socket 都断开，" +
      "在有人重启服务器之前谁也登录不了。Redis 会关闭空闲连接（它的 `timeout` 设置），也会重启和故障切换，" +
      "所以这在生产环境里真的会发生。`redis.connect().catch(...)` 只处理第一次连接。监听这个事件：在 " +
      "`connect()` 之前写 `redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`；node-redis " +
      "随后会自己重新连接。在监听器里调用 `process.exit()` 造成的伤害一样。",
  },
  REDIS_DROP_DISCONNECTED_SOCKETS: {
    title: "Redis 关掉连接时，用户的 socket 被断开了。",
    meaning:
      "服务器挺过了断开，但一个在断开之前就连着的 socket 被断开了。连着的 socket 不需要 Redis 做任何事：它持有握手" +
      "时加载的那份会话副本。断开 socket 会让所有用户同时重连，每次握手都要去读一个刚刚恢复的 Redis，途中的消息也会" +
      "丢失。（进程管理器或 cluster 重启崩溃的服务器，从外面看也是这样：还是那次崩溃。）把错误记进日志，让 node-redis " +
      "重新连接；别去动那些 socket。",
  },
  REDIS_NOT_RECONNECTED: {
    title: "服务器还活着，但再也没有连上 Redis。",
    meaning:
      "node-redis 离线时会把每条命令排队，所以每个需要会话的请求现在都会一直等下去。一个兜底的 " +
      "`process.on(\"uncaughtException\")` 让进程活了下来，但那个没人处理的 `'error'` 事件是从 node-redis " +
      "内部抛出的，它把重连打断在了半路；`reconnectStrategy: false` 则直接关掉了重连。去掉它们，监听客户端" +
      "自己的事件：`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`。",
  },
  REDIS_SESSION_LOST_AFTER_DROP: {
    title: "Redis 恢复后，应用不再认得这个会话。",
    meaning:
      "应用已经重新连上 Redis，会话也还存在那里，但 HTTP 或新的 socket 找不到它。连接断开不会丢数据：" +
      "Redis 报错时不要结束会话、新建客户端或者换存储。把错误记进日志，让 node-redis 自己重新连接。",
  },
  REDIS_ERROR_NOT_LOGGED: {
    title: "Redis 连接断开时，应用什么也没说。",
    meaning:
      "它挺过了断开并重新连上了，却没有在日志里留下任何痕迹：一个什么也不做的 `'error'` 监听器会藏起所有 " +
      "Redis 问题，从不稳定的网络到错误的密码或写满的内存，直到用户来报告（用 `once()` 注册的监听器只听得到" +
      "第一次）。把收到的错误记下来：" +
      "`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`。",
  },
  SOCKET_OUTLIVES_EXPIRY: {
    title: "会话过期之后，它的 socket 仍然以该用户的身份行事。",
    meaning:
      "会话的时间到了，存储删除了它，所以 HTTP 不认识任何用户。socket 仍然持有它握手时加载的那份会话副本" +
      "（`socket.request.session`），并且再也不会去问存储：连接时的检查（`io.use`）只在几小时前运行过一次。" +
      "会话过期时没有任何东西会通知应用，所以要在每个事件之前询问：在 `io.on(\"connection\")` 里写 " +
      "`socket.use((_packet, next) => req.session.reload((err) => (err ? socket.disconnect() : next())))`。" +
      "存储中已经没有这个会话时，`reload()` 会失败；这时要结束这个 socket" +
      "（用 `next(err)` 只拒绝这一个事件，socket 仍然连着）。",
  },
  EXPIRY_DISCONNECTED_OTHERS: {
    title: "一个会话过期，却断开了其他用户的 socket。",
    meaning:
      "某个 socket 的会话没了，就结束那个 socket：对 `reload()` 失败的那个 socket 调用 `socket.disconnect()`。" +
      "`io.disconnectSockets()` 会结束服务器上的每一个 socket，而每个用户的会话迟早都会过期。",
  },
  SESSION_NOT_IN_REDIS: {
    title: "会话没有保存在 Redis 里。",
    meaning:
      "这个应用把会话保存在 Redis 中（`store: new RedisStore({ client: redis })`）：每个实例都能在那里找到它们，" +
      "它们在那里随 TTL 过期，重启之后也还在。验证器在 REDIS_URL 上查找浏览器的会话，却找不到它的键：" +
      "express-session 把它存在了别处，多半是 `session()` 没有 `store` 时使用的 MemoryStore，它在单个服务器" +
      "进程内部，别的进程都够不着。保留 Redis 存储。",
  },
  NON_BROWSER_CLIENT_REFUSED: {
    title: "一个不是浏览器的客户端被拒绝了。",
    meaning:
      "浏览器会在每一次跨域握手上加上 `Origin` 头；Node 客户端、移动应用和测试不会发送它，而攻击者的页面无法" +
      "省略它。拒绝带有 Origin 但不是你自己的源的握手，放行没有 Origin 的握手：" +
      "`allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN)`。",
  },
  OWN_PAGE_WEBSOCKET_REFUSED: {
    title: "应用自己的页面再也不能使用 WebSocket 了。",
    meaning:
      "一个来自应用自己的源、带着用户 cookie、走 WebSocket 的连接被拒绝了，或者一直没有应答。要拒绝的是其他源，" +
      "而不是 WebSocket：用 `transports: [\"polling\"]` 会让所有用户都停留在长轮询上，每条消息都是一个 HTTP 请求，" +
      "更慢也更重，实时应用也就没有了。`allowRequest` 也能看到 WebSocket 握手：在那里检查 `Origin`，并保留两种传输方式。",
  },
  SECURE_COOKIE_WITHHELD: {
    title: "服务器扣下了它的 Secure 会话 cookie：它不知道请求是通过 HTTPS 来的。",
    meaning:
      "设置 `cookie: { secure: true }` 时，express-session 只在安全的请求上设置 cookie。HTTPS 在服务器" +
      "前面的代理处就终止了，所以 Node 看到的是普通 HTTP；而只有在被告知要信任代理时，Express 才会相信代理的 " +
      "X-Forwarded-Proto 头。登录返回 200，浏览器里却什么也没存下。信任这个代理：" +
      "`app.set(\"trust proxy\", 1)`（一跳代理），或者 `session({ proxy: true, ... })`。保持 `secure: true`。",
  },
  PLAIN_HTTP_TREATED_AS_SECURE: {
    title: "应用把一个通过普通 HTTP 到达的请求当成了 HTTPS。",
    meaning:
      "代理说明这个请求是通过普通 HTTP 来的（`X-Forwarded-Proto: http`），应用却仍然用它的 Secure 会话 cookie 作答：" +
      "有代码强行设置了 `req.secure`（或那个请求头），而不是相信代理的说法。让 Express 从代理读取协议：" +
      "`app.set(\"trust proxy\", 1)`。",
  },
  SESSION_COOKIE_NOT_SECURE: {
    title: "会话 cookie 丢掉了它的 Secure 标志。",
    meaning:
      "浏览器也会通过普通 HTTP 发送这个 cookie，而在那里，网络上的任何人都能读到它并接管会话。" +
      "`secure: false`（或者没有受信任代理时的 `\"auto\"`）是靠放弃这一点才让登录生效的。" +
      "保持 `secure: true`，并让服务器看到请求是安全的：`app.set(\"trust proxy\", 1)`。",
  },
  SESSION_FIXATION: {
    title: "登录沿用了登录之前拿到的 session id（会话固定，session fixation）。",
    meaning:
      "一个登录之前就存在的 session id（攻击者种进受害者浏览器的，或者留在共用电脑上的）变成了已登录的会话，" +
      "持有它的人就以该用户的身份登录了。用户登录时给会话一个新的 id：`req.session.regenerate(callback)`，" +
      "并在回调里设置用户（regenerate 是异步的：调用之后的代码看到的仍然是旧会话）。",
  },
  ANSWERED_BEFORE_REGENERATE: {
    title: "登录在 `regenerate()` 完成之前就返回了，所以没有 cookie 指向新的会话。",
    meaning:
      "`req.session.regenerate(callback)` 是异步的：新的会话以及指向它的 cookie，只有在回调运行时才存在。" +
      "在回调里设置用户并发送响应。",
  },
  CART_LOST_AT_LOGIN: {
    title: "访客放在会话里的东西在登录时丢失了。",
    meaning:
      "`regenerate()` 会开始一个空会话。在调用之前读出需要保留的内容（这里是购物车），并在回调里放回去：" +
      "`const cart = req.session.cart; req.session.regenerate(() => { req.session.cart = cart; … })`。",
  },
  SESSION_NOT_SHARED_BETWEEN_INSTANCES: {
    title: "服务器的每个实例都各自保存自己的会话。",
    meaning:
      "没有 `store` 时，express-session 把会话保存在 Node 进程内的 MemoryStore 里。在负载均衡器后面把服务器" +
      "运行两份，一个实例创建的会话在另一个实例上并不存在：落到那里的每个请求和 socket 都是未登录状态" +
      "（而一次重启会让所有人退出登录）。给 `session()` 一个所有实例共享的存储：connect-redis 的 " +
      "`store: new RedisStore({ client: redis })`，使用应用已经连接好的那个 Redis 客户端。",
  },
  SOCKET_ACCEPTS_OTHER_ORIGINS: {
    title: "另一个源的页面可以通过 Socket.IO 使用用户的会话（跨站 WebSocket 劫持）。",
    meaning:
      "CORS 只决定哪些页面可以读取 HTTP 应答（这里是长轮询）。WebSocket 握手从不受它约束，而浏览器会在" +
      "同一站点的任何页面（另一个端口、兄弟子域名）发起的握手中带上 API 的 cookie；对于 `SameSite=None` " +
      "的 cookie，任何站点的页面都会。在 Server 选项里检查每次握手的 `Origin` 头：" +
      "`allowRequest: (req, callback) => callback(null, !req.headers.origin || " +
      "req.headers.origin === CLIENT_ORIGIN)`（Node 客户端不发送 Origin；另一个源的页面总是会发送）。",
  },

  NO_DECISION: {
    title: "检查没能完成。",
    meaning:
      "验证器在能够评判这个应用之前就不得不停下：上面最后一行就是让它停下的原因（一个它用不上的应答，或者在时限内" +
      "没有应答）。这仍然算失败：先修好那一行显示的问题，再检查一次。",
  },
};
