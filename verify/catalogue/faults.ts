// The faults many lessons share: the engine's own verdicts (the app does not start, the standard
// check's findings) and the attacks and misuses every lesson is tried against. Each has a stable code
// and, in every language, what it usually means in a learner's words. A fault only one lesson's
// check reports lives in that lesson's lesson.ts instead. diagnose.ts decides which fault the
// evidence shows; this file only explains.
import type { FaultEntry } from "./define.ts";

export const SHARED_FAULTS = {
  // The app does not run at all
  SYNTAX_ERROR: {
    en: {
      title: "The code does not parse.",
      meaning: "Fix the syntax error at the file and line above; the server cannot start until it parses.",
    },
    "zh-CN": {
      title: "代码无法解析。",
      meaning: "修复上面指出的文件和行中的语法错误；代码能够解析之前，服务器无法启动。",
    },
  },
  TYPE_ERROR: {
    en: {
      title: "The code does not type-check.",
      meaning: "TypeScript found the errors above (each with its file and line), with what the common ones mean. The app may run anyway, but this is a TypeScript workshop: a lesson passes only once it type-checks, as a CI build would require.",
    },
    "zh-CN": {
      title: "代码没有通过类型检查。",
      meaning: "TypeScript 发现了上面的错误（每行给出文件和行号），常见错误的含义也列在上面。应用也许照样能运行，但这是一个 TypeScript 工作坊：课程只有在通过类型检查后才算通过，就像 CI 构建会要求的那样。",
    },
  },
  IMPORT_ERROR: {
    en: {
      title: "The code imports a name that the module does not export.",
      meaning: "Check the import against the package's own documentation: a default import (`import X from`) needs a default export, a named one (`import { X } from`) a named export. For example, connect-redis exports `RedisStore` by name: `import { RedisStore } from \"connect-redis\"`.",
    },
    "zh-CN": {
      title: "代码导入了模块并没有导出的名字。",
      meaning: "对照这个包自己的文档检查 import：默认导入（`import X from`）需要模块有默认导出，具名导入（`import { X } from`）需要具名导出。例如 connect-redis 以具名方式导出 `RedisStore`：`import { RedisStore } from \"connect-redis\"`。",
    },
  },
  SERVER_CRASHED: {
    en: {
      title: "The lesson server crashed.",
      meaning: "The server process exited while the check ran. The error and the line it came from are above.",
    },
    "zh-CN": {
      title: "课程服务器崩溃了。",
      meaning: "检查运行期间，服务器进程退出了。错误以及它出自哪一行都在上面。",
    },
  },
  SERVER_NEVER_LISTENED: {
    en: {
      title: "The lesson server never started listening.",
      meaning: "server.ts must listen on the port the workshop gives it in PORT (default 3000).",
    },
    "zh-CN": {
      title: "课程服务器始终没有开始监听。",
      meaning: "server.ts 必须监听工作坊通过 PORT 给它的端口（默认 3000）。",
    },
  },
  SERVER_WRONG_PORT: {
    en: {
      title: "The lesson server listens on the wrong port.",
      meaning: "The workshop runs each lesson on a free port and passes it in PORT; a hard-coded port is never reached.",
    },
    "zh-CN": {
      title: "课程服务器监听的端口不对。",
      meaning: "工作坊让每一课运行在一个空闲端口上，并通过 PORT 传给它；写死的端口永远不会被访问到。",
    },
  },
  BALANCER_CONFIG_ERROR: {
    en: {
      title: "HAProxy did not start with the lesson's haproxy.cfg.",
      meaning: "HAProxy read haproxy.cfg and refused it: the line it names above says why (an unknown keyword, a missing argument, a section in the wrong place). The workshop gives it PORT and APP1_PORT… in the environment, which the file uses as \"${PORT}\". Check a change by hand with `PORT=3000 APP1_PORT=3001 APP2_PORT=3002 APP3_PORT=3003 haproxy -c -f haproxy.cfg`.",
    },
    "zh-CN": {
      title: "HAProxy 无法用课程的 haproxy.cfg 启动。",
      meaning: "HAProxy 读取了 haproxy.cfg 并拒绝了它：上面指出的那一行说明了原因（未知的关键字、缺少参数、段落放错了位置）。工作坊通过环境变量给它 PORT 和 APP1_PORT…，文件里以 \"${PORT}\" 的形式使用。可以手动检查改动：`PORT=3000 APP1_PORT=3001 APP2_PORT=3002 APP3_PORT=3003 haproxy -c -f haproxy.cfg`。",
    },
  },
  SERVER_NOT_ON_LOOPBACK: {
    en: {
      title: "The lesson server listens beyond this machine.",
      meaning: "A server that listens on every interface (`listen(PORT)` with no host, or `\"0.0.0.0\"`) can be reached by anyone on the same network: in a classroom, by thirty other laptops, with your app's sessions. The workshop stops it at once. Listen on loopback: `httpServer.listen(PORT, \"127.0.0.1\")`.",
    },
    "zh-CN": {
      title: "课程服务器监听的范围超出了这台机器。",
      meaning: "监听所有网络接口的服务器（不带主机的 `listen(PORT)`，或 `\"0.0.0.0\"`）可以被同一网络里的任何人访问：在教室里，就是另外三十台笔记本，连同你应用的会话。工作坊会立刻停掉它。请只监听回环地址：`httpServer.listen(PORT, \"127.0.0.1\")`。",
    },
  },
  CLIENT_BUNDLE_ERROR: {
    en: {
      title: "The browser client could not be bundled.",
      meaning: "client.ts (or something it imports) has the error above, so the page has no script to run.",
    },
    "zh-CN": {
      title: "浏览器客户端无法打包。",
      meaning: "client.ts（或它导入的某个文件）有上面的错误，所以页面没有可运行的脚本。",
    },
  },
  DEV_SERVER_FAILED: {
    en: {
      title: "The page's dev server (Vite) did not start.",
      meaning: "Lessons whose page Vite serves start it with the lesson's vite.config.ts: that file (or something it imports) has the error above, so there is no page to open. Fix it and save; `npx vite` in the lesson's folder shows the same error.",
    },
    "zh-CN": {
      title: "页面的开发服务器（Vite）没有启动。",
      meaning: "由 Vite 提供页面的课程会用课程自己的 vite.config.ts 启动它：这个文件（或它导入的东西）有上面的错误，所以没有页面可以打开。改好后保存；在课程文件夹里运行 `npx vite` 会看到同样的错误。",
    },
  },
  PAGE_DID_NOT_LOAD: {
    en: {
      title: "The lesson page did not load.",
      meaning: "The browser could not open the client page. This is rarely the lesson's fault: run again.",
    },
    "zh-CN": {
      title: "课程页面没有加载出来。",
      meaning: "浏览器无法打开客户端页面。这很少是课程代码的问题：再运行一次。",
    },
  },
  CLIENT_RUNTIME_ERROR: {
    en: {
      title: "The page's script stopped before it showed the lesson panel.",
      meaning: "client.ts threw an error in the browser (shown above) before it reached mountPanel().",
    },
    "zh-CN": {
      title: "页面的脚本在显示课程面板之前就停止了。",
      meaning: "client.ts 在浏览器中抛出了错误（见上面），没能执行到 mountPanel()。",
    },
  },

  // HTTP side
  HTTP_SESSION_MISSING: {
    en: {
      title: "Express routes run without a session.",
      meaning: "`req.session` is undefined inside the routes, so login has nowhere to write the user. Express runs middleware in the order it is registered: `app.use(sessionMiddleware)` must come before every route (and router) that uses `req.session`.",
    },
    "zh-CN": {
      title: "Express 路由运行时没有会话。",
      meaning: "路由里的 `req.session` 是 undefined，所以登录无处写入用户。Express 按注册的顺序运行中间件：`app.use(sessionMiddleware)` 必须放在每一个使用 `req.session` 的路由（以及 router）之前。",
    },
  },
  LOGIN_FAILED: {
    en: {
      title: "Logging in over HTTP failed.",
      meaning: "POST /login did not answer with a 2xx status. The response and the server output are above.",
    },
    "zh-CN": {
      title: "通过 HTTP 登录失败。",
      meaning: "POST /login 没有返回 2xx 状态码。响应和服务器输出都在上面。",
    },
  },
  LOGIN_BLOCKED: {
    en: {
      title: "The browser could not complete POST /login.",
      meaning: "The request failed in the browser before the page saw an answer: the server refused the connection or its CORS headers do not allow this page's origin with credentials.",
    },
    "zh-CN": {
      title: "浏览器无法完成 POST /login。",
      meaning: "请求在页面看到应答之前就在浏览器中失败了：服务器拒绝了连接，或者它的 CORS 头不允许这个页面的源携带凭据访问。",
    },
  },
  SESSION_COOKIE_MISSING: {
    en: {
      title: "Login did not leave a session cookie in the browser.",
      meaning: "After a successful login the browser holds no `connect.sid` cookie for the API, so nothing can find the session again. Check that the login response carries Set-Cookie and that the page's fetch uses `credentials: \"include\"` (and the API's CORS allows credentials).",
    },
    "zh-CN": {
      title: "登录之后，浏览器里没有留下会话 cookie。",
      meaning: "登录成功之后，浏览器里没有 API 的 `connect.sid` cookie，所以没有任何东西能再找到这个会话。检查登录响应是否带有 Set-Cookie，以及页面的 fetch 是否使用了 `credentials: \"include\"`（并且 API 的 CORS 允许凭据）。",
    },
  },
  SAMESITE_NONE_WITHOUT_SECURE: {
    en: {
      title: "The browser refused the session cookie: SameSite=None without Secure.",
      meaning: "The login answered with `Set-Cookie: connect.sid=…; SameSite=None` and no `Secure`, and browsers drop such a cookie without a word: nothing is stored, so nothing is sent, to HTTP or to the socket. It is not a CORS problem. A cookie that must cross sites needs both: `cookie: { sameSite: \"none\", secure: true }`, over HTTPS. Between a page and an API of the same site (another port of localhost, a sibling subdomain), the default `SameSite=Lax` works: leave `sameSite` out.",
    },
    "zh-CN": {
      title: "浏览器拒绝了会话 cookie：SameSite=None 却没有 Secure。",
      meaning: "登录的应答是 `Set-Cookie: connect.sid=…; SameSite=None`，却没有 `Secure`，浏览器会一声不响地丢掉这样的 cookie：什么也没存下，所以什么也不会发送，无论是给 HTTP 还是给 socket。这不是 CORS 的问题。要跨站的 cookie 两者都需要：`cookie: { sameSite: \"none\", secure: true }`，并且走 HTTPS。如果页面和 API 属于同一个站点（localhost 的另一个端口、同级子域名），默认的 `SameSite=Lax` 就行：别设置 `sameSite`。",
    },
  },
  SESSION_SECRET_NOT_USED: {
    en: {
      title: "The session cookie is not signed with SESSION_SECRET.",
      meaning: "The workshop starts the server with a random SESSION_SECRET, as production would. The cookie's signature does not verify with it, so the server signs with some other secret: use `process.env.SESSION_SECRET` for `session({ secret })`.",
    },
    "zh-CN": {
      title: "会话 cookie 不是用 SESSION_SECRET 签名的。",
      meaning: "工作坊用一个随机的 SESSION_SECRET 启动服务器，就像生产环境那样。cookie 的签名用它校验不通过，说明服务器是用别的密钥签名的：在 `session({ secret })` 中使用 `process.env.SESSION_SECRET`。",
    },
  },
  SOCKET_REPLACED_COOKIE: {
    en: {
      title: "A Socket.IO response replaced the session cookie from login.",
      meaning: "The session middleware that runs for Socket.IO did not find the login's session (another `session()` instance with a store of its own, or another secret), started a new one and, with `saveUninitialized: true`, sent its cookie, which replaced the browser's. From then on every request carries a session that is not logged in. Give Express and Socket.IO the same middleware instance.",
    },
    "zh-CN": {
      title: "一个 Socket.IO 响应替换掉了登录时的会话 cookie。",
      meaning: "为 Socket.IO 运行的会话中间件找不到登录时的会话（另一个 `session()` 实例，有自己的存储，或者用了另一个密钥），于是新建了一个会话，并且在 `saveUninitialized: true` 时发出了自己的 cookie，替换掉了浏览器里的那个。从那以后，每个请求带的都是一个没有登录的会话。让 Express 和 Socket.IO 使用同一个中间件实例。",
    },
  },
  HTTP_SESSION_MISMATCH: {
    en: {
      title: "HTTP does not see the session its own cookie names.",
      meaning: "GET /me after login should report the session in the connect.sid cookie, with the user who logged in.",
    },
    "zh-CN": {
      title: "HTTP 看不到它自己的 cookie 所指的会话。",
      meaning: "登录之后，GET /me 应当报告 connect.sid cookie 里的那个会话，以及登录的那个用户。",
    },
  },

  // Socket side
  SOCKET_NEVER_CONNECTED: {
    en: {
      title: "The page never opened a Socket.IO connection to the API.",
      meaning: "No Socket.IO handshake request reached the API origin. Check the URL given to `io(...)`, and its `path` option: a path must start with `/` (`api/socket.io` is glued to the host and port).",
    },
    "zh-CN": {
      title: "页面从未向 API 打开 Socket.IO 连接。",
      meaning: "没有任何 Socket.IO 握手请求到达 API 的源。检查传给 `io(...)` 的 URL，以及它的 `path` 选项：path 必须以 `/` 开头（`api/socket.io` 会直接拼接到主机和端口后面）。",
    },
  },
  SOCKET_URL_UNREACHABLE: {
    en: {
      title: "The socket tried to connect to an address where nothing answers.",
      meaning: "The handshake request was refused at the network level. The URL passed to `io(...)` must be the API's URL.",
    },
    "zh-CN": {
      title: "socket 试图连接一个没有任何应答的地址。",
      meaning: "握手请求在网络层就被拒绝了。传给 `io(...)` 的 URL 必须是 API 的 URL。",
    },
  },
  SOCKET_PATH_MISMATCH: {
    en: {
      title: "The socket connects to a path the server does not serve.",
      meaning: "The Socket.IO client and server must use the same `path` option (default `/socket.io/`). A server created with `new Server(httpServer, { path: \"/api/socket.io\" })` needs `io(url, { path: \"/api/socket.io\" })` in the client. The path is not part of the URL: `io(\"http://host/api/socket.io\")` means the namespace `/api/socket.io`, not the path.",
    },
    "zh-CN": {
      title: "socket 连接的路径不是服务器提供服务的路径。",
      meaning: "Socket.IO 的客户端和服务器必须使用相同的 `path` 选项（默认 `/socket.io/`）。用 `new Server(httpServer, { path: \"/api/socket.io\" })` 创建的服务器，需要客户端里的 `io(url, { path: \"/api/socket.io\" })`。path 不是 URL 的一部分：`io(\"http://host/api/socket.io\")` 表示命名空间 `/api/socket.io`，而不是 path。",
    },
  },
  SOCKET_HANDSHAKE_FAILED: {
    en: {
      title: "The Socket.IO handshake was refused.",
      meaning: "The server answered the handshake with an error status. 400 with code 3 means a middleware given to `io.engine.use()` failed; 403 with code 4 means `allowRequest` refused it; 400 with code 0 (`Transport unknown`) means the server does not accept the client's transport: the `transports` options of the client and the server must have one in common.",
    },
    "zh-CN": {
      title: "Socket.IO 握手被拒绝了。",
      meaning: "服务器以错误状态码应答了握手。400 且 code 为 3 表示交给 `io.engine.use()` 的某个中间件失败了；403 且 code 为 4 表示 `allowRequest` 拒绝了它；400 且 code 为 0（`Transport unknown`）表示服务器不接受客户端使用的传输方式：客户端和服务器的 `transports` 选项必须有一个共同的值。",
    },
  },
  SOCKET_CREDENTIALS_MISSING: {
    en: {
      title: "The socket's handshake did not carry the session cookie.",
      meaning: "The page and the API are different origins, and since socket.io-client v3 a cross-origin client sends no cookies unless you ask: `io(API_URL, { withCredentials: true })`. Without the cookie the server starts a new, empty session for every connection. (If the socket's URL uses another host than the page's API calls, e.g. 127.0.0.1 instead of localhost, the cookie is not sent either.)",
    },
    "zh-CN": {
      title: "socket 的握手没有带上会话 cookie。",
      meaning: "页面和 API 是不同的源，而从 socket.io-client v3 起，跨域的客户端除非你要求，否则不发送 cookie：`io(API_URL, { withCredentials: true })`。没有 cookie，服务器会为每个连接开始一个新的空会话。（如果 socket 的 URL 使用的主机和页面的 API 调用不同，例如用 127.0.0.1 而不是 localhost，cookie 也同样不会被发送。）",
    },
  },
  COOKIE_PATH_EXCLUDES_SOCKET: {
    en: {
      title: "The session cookie's Path leaves the socket's handshake out.",
      meaning: "A browser sends a cookie only to URLs inside its `Path`, and express-session skips requests outside `cookie.path` as well. The Socket.IO handshake is a request like any other, to `/socket.io/` unless you say otherwise: with the cookie scoped to `/api` it leaves without the cookie and the socket gets no session. Serve Socket.IO inside the cookie's path (`path: \"/api/socket.io\"` in both `new Server()` and `io()`), or drop the cookie's `path` option (the default is `/`). An empty `path` is no option at all to the browser: it then scopes the cookie to the folder of the URL that set it (`/api`).",
    },
    "zh-CN": {
      title: "会话 cookie 的 Path 没有覆盖 socket 的握手。",
      meaning: "浏览器只把 cookie 发给位于它的 `Path` 之内的 URL，express-session 也同样会跳过 `cookie.path` 之外的请求。Socket.IO 的握手和其他请求一样，是一个普通的请求，除非你另行指定，否则发往 `/socket.io/`：cookie 限定在 `/api` 时，握手请求发出时不带 cookie，socket 就得不到会话。把 Socket.IO 放到 cookie 的路径里面（`new Server()` 和 `io()` 都设 `path: \"/api/socket.io\"`），或者去掉 cookie 的 `path` 选项（默认值是 `/`）。空的 `path` 对浏览器来说等于没有这个属性：浏览器会把 cookie 限定在设置它的那个 URL 所在的目录（`/api`）。",
    },
  },
  CORS_CREDENTIALS_MISSING: {
    en: {
      title: "The server's Socket.IO CORS settings do not allow credentials.",
      meaning: "The handshake carried the cookie, but its response lacks `Access-Control-Allow-Credentials: true`, so the browser threw the answer away (\"xhr poll error\"). Express's `app.use(cors())` never sees Socket.IO requests: configure `new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } })`.",
    },
    "zh-CN": {
      title: "服务器的 Socket.IO CORS 设置不允许凭据。",
      meaning: "握手带上了 cookie，但它的响应缺少 `Access-Control-Allow-Credentials: true`，所以浏览器丢弃了这个应答（“xhr poll error”）。Express 的 `app.use(cors())` 永远看不到 Socket.IO 的请求：请配置 `new Server(httpServer, { cors: { origin: CLIENT_ORIGIN, credentials: true } })`。",
    },
  },
  CORS_ANY_ORIGIN: {
    en: {
      title: "The server's Socket.IO CORS lets any origin read its answers with the user's cookie.",
      meaning: "`origin: true` (or a function that always says yes) reflects whatever Origin a request brings. With `credentials: true`, a page on any site the user visits can then read Socket.IO's long-polling answers in the user's session. Name the page's origin: `cors: { origin: CLIENT_ORIGIN, credentials: true }`.",
    },
    "zh-CN": {
      title: "服务器的 Socket.IO CORS 允许任何源带着用户的 cookie 读取它的应答。",
      meaning: "`origin: true`（或者一个总是同意的函数）会原样反射请求带来的任何 Origin。加上 `credentials: true`，用户访问的任何网站上的页面都能以该用户的会话读取 Socket.IO 长轮询的应答。写明页面的源：`cors: { origin: CLIENT_ORIGIN, credentials: true }`。",
    },
  },
  CORS_ORIGIN_REJECTED: {
    en: {
      title: "The server's Socket.IO CORS settings do not allow the page's origin.",
      meaning: "The handshake's `Access-Control-Allow-Origin` does not name the page's origin, so the browser refused the answer. Socket.IO has its own CORS option: `new Server(httpServer, { cors: { origin, credentials: true } })`.",
    },
    "zh-CN": {
      title: "服务器的 Socket.IO CORS 设置不允许页面的源。",
      meaning: "握手响应的 `Access-Control-Allow-Origin` 指明的不是页面的源，所以浏览器拒绝了这个应答。Socket.IO 有它自己的 CORS 选项：`new Server(httpServer, { cors: { origin, credentials: true } })`。",
    },
  },
  CORS_WILDCARD_WITH_CREDENTIALS: {
    en: {
      title: "The server answers `Access-Control-Allow-Origin: *` to a request with cookies.",
      meaning: "Browsers refuse `*` when credentials are included. List the allowed origin(s) explicitly in the Socket.IO `cors.origin` option.",
    },
    "zh-CN": {
      title: "服务器对带 cookie 的请求应答了 `Access-Control-Allow-Origin: *`。",
      meaning: "带有凭据时，浏览器会拒绝 `*`。在 Socket.IO 的 `cors.origin` 选项里明确列出允许的源。",
    },
  },
  SOCKET_REJECTED: {
    en: {
      title: "The server refused the socket connection.",
      meaning: "An `io.use()` middleware called `next(new Error(...))` for this connection; its message is above.",
    },
    "zh-CN": {
      title: "服务器拒绝了 socket 连接。",
      meaning: "某个 `io.use()` 中间件对这个连接调用了 `next(new Error(...))`；它的消息在上面。",
    },
  },
  SOCKET_INVALID_NAMESPACE: {
    en: {
      title: "The socket asked for a namespace the server does not have.",
      meaning: "The path in the URL given to `io(...)` names a Socket.IO namespace, not the HTTP path: `io(\"http://host/api\")` connects to the namespace `/api`, and the server refuses it unless it has `io.of(\"/api\")`. Give `io(...)` the server's origin alone, and the HTTP path in the `path` option.",
    },
    "zh-CN": {
      title: "socket 请求了一个服务器上不存在的命名空间。",
      meaning: "传给 `io(...)` 的 URL 里的路径表示的是 Socket.IO 的命名空间，而不是 HTTP 路径：`io(\"http://host/api\")` 连接的是命名空间 `/api`，除非服务器有 `io.of(\"/api\")`，否则会被拒绝。只把服务器的源传给 `io(...)`，HTTP 路径放在 `path` 选项里。",
    },
  },
  SOCKET_NO_ANSWER: {
    en: {
      title: "The socket never answered whoami.",
      meaning: "The page asked over the socket who it is, and no acknowledgement came back. The server must answer `socket.on(\"whoami\", (ack) => ack({ sessionId, user }))` on each connection.",
    },
    "zh-CN": {
      title: "socket 始终没有回答 whoami。",
      meaning: "页面通过 socket 询问自己是谁，却没有收到任何确认。服务器必须在每个连接上用 `socket.on(\"whoami\", (ack) => ack({ sessionId, user }))` 作答。",
    },
  },
  SOCKET_SESSION_MISSING: {
    en: {
      title: "The socket has no session at all.",
      meaning: "`socket.request.session` is undefined: Socket.IO's requests never pass through Express's `app.use()`, so the session middleware must also be given to Socket.IO: `io.engine.use(sessionMiddleware)` (the same instance Express uses). If it is there, read the session from `socket.request.session`: `socket.handshake` has none.",
    },
    "zh-CN": {
      title: "socket 根本没有会话。",
      meaning: "`socket.request.session` 是 undefined：Socket.IO 的请求从不经过 Express 的 `app.use()`，所以还必须把会话中间件交给 Socket.IO：`io.engine.use(sessionMiddleware)`（就是 Express 所用的那同一个实例）。如果已经有了，就要从 `socket.request.session` 读取会话：`socket.handshake` 上没有会话。",
    },
  },
  SOCKET_OPENED_BEFORE_LOGIN: {
    en: {
      title: "The socket still holds the session it had before login.",
      meaning: "The socket's session is a snapshot taken at its handshake, and that handshake happened before the login. Connect after login, or reconnect (`socket.disconnect().connect()`) once login succeeded.",
    },
    "zh-CN": {
      title: "socket 仍然持有它在登录之前的会话。",
      meaning: "socket 的会话是在它握手时拍下的快照，而那次握手发生在登录之前。登录之后再连接，或者在登录成功后重新连接（`socket.disconnect().connect()`）。",
    },
  },
  SOCKET_SESSION_MISMATCH: {
    en: {
      title: "The socket sees a different session than HTTP.",
      meaning: "The handshake carried the session cookie, yet the socket side started a fresh session. express-session does that when the cookie's signature does not verify (another secret) or when the session is not in its store (another store: every `session()` call without a `store` makes its own MemoryStore). Create the session middleware once and give that same instance to Express and to `io.engine.use()`.",
    },
    "zh-CN": {
      title: "socket 看到的会话和 HTTP 不同。",
      meaning: "握手带上了会话 cookie，socket 一侧却开始了一个新会话。当 cookie 的签名校验不通过（另一个密钥），或者会话不在它的存储里（另一个存储：每次不带 `store` 调用 `session()`，都会创建它自己的 MemoryStore）时，express-session 就会这样做。只创建一次会话中间件，并把这同一个实例交给 Express 和 `io.engine.use()`。",
    },
  },
  SOCKET_DATA_MISSING: {
    en: {
      title: "The socket has the right session id but not its data.",
      meaning: "Both sides agree on the session id, but the user written at login is missing over the socket: the socket side reads another store, or an old copy of the session. Look sessions up in the app's own store.",
    },
    "zh-CN": {
      title: "socket 拿到了正确的 session id，却没有它的数据。",
      meaning: "两边对 session id 的看法一致，但登录时写入的用户在 socket 上不见了：socket 一侧读的是另一个存储，或者是会话的一份旧副本。要到应用自己的存储里查找会话。",
    },
  },

  // Lesson 8: changing the session from a socket handler
  SOCKET_WRITE_REVIVES_SESSION: {
    en: {
      title: "A socket's write after logout brought the session back.",
      meaning: "`reload()` fails when the store no longer has the session (logged out, expired), and leaves `req.session` as it was: the socket's old copy, still logged in. Saving that copy writes the ended session back into the store. Check the reload's error and answer with an error instead: `req.session.reload((err) => { if (err) return ack({ error: \"session not found\" }); ... })`.",
    },
    "zh-CN": {
      title: "登出之后，socket 的一次写入让会话又回来了。",
      meaning: "当存储中已经没有这个会话（已登出、已过期）时，`reload()` 会失败，并让 `req.session` 保持原样：也就是 socket 手里那份旧副本，仍然是已登录的。保存这份副本就会把已经结束的会话写回存储。检查 reload 的错误，改为返回一个错误：`req.session.reload((err) => { if (err) return ack({ error: \"session not found\" }); ... })`。",
    },
  },

  // Lesson 10: looking a session up from its cookie, securely
  TAMPERED_COOKIE_ACCEPTED: {
    en: {
      title: "A cookie with a forged signature was accepted as the user.",
      meaning: "The check sent the user's real session id with a signature made with another secret, and the app treated it as that user. Without the signature check, anyone who learns a session id (from a log, a URL, a screenshot) becomes that user. Verify with `unsign(value, secret)` for each configured secret and treat a value that none verifies as no session, as express-session does.",
    },
    "zh-CN": {
      title: "一个签名被伪造的 cookie 被当成了该用户。",
      meaning: "本次检查发送了用户真实的 session id，配上用另一个密钥算出的签名，而应用把它当成了那个用户。没有签名校验，任何得知某个 session id 的人（从日志、URL、截图里）都会变成那个用户。对配置的每个密钥用 `unsign(value, secret)` 校验，所有密钥都校验不通过的值就当作没有会话，就像 express-session 那样。",
    },
  },
  UNSIGNED_COOKIE_ACCEPTED: {
    en: {
      title: "A cookie without a signature was accepted as the user.",
      meaning: "The check sent the session id without a valid signature (the bare id, or `s:<id>` alone) and the app treated it as that user. express-session only accepts `s:<id>.<signature>` with a signature that verifies; a hand-written lookup must refuse everything else.",
    },
    "zh-CN": {
      title: "一个没有签名的 cookie 被当成了该用户。",
      meaning: "本次检查发送了不带有效签名的 session id（只有 id 本身，或者只有 `s:<id>`），而应用把它当成了那个用户。express-session 只接受签名能校验通过的 `s:<id>.<signature>`；手写的查找必须拒绝其他一切。",
    },
  },
  CLIENT_SESSION_ID_TRUSTED: {
    en: {
      title: "The server took a session id chosen by the client.",
      meaning: "The check connected without a cookie, with the user's session id in the handshake's `auth` payload, and became that user. `socket.handshake.auth` (like the query string) holds whatever the client puts there. Only the signed, HttpOnly cookie proves which session a connection belongs to.",
    },
    "zh-CN": {
      title: "服务器采用了客户端选定的 session id。",
      meaning: "本次检查不带 cookie 连接，而是把用户的 session id 放在握手的 `auth` 数据里，结果成了那个用户。`socket.handshake.auth`（和查询字符串一样）里是客户端想放什么就放什么。只有经过签名的 HttpOnly cookie 才能证明一个连接属于哪个会话。",
    },
  },

  // Lessons 6 and 7
  ANONYMOUS_SOCKET_ACCEPTED: {
    en: {
      title: "The server accepts sockets that are not logged in.",
      meaning: "A Socket.IO client whose handshake carries no logged-in session still connected. Such a socket is in the app as nobody (if only until a connection handler ends it), and stays nobody even after its user logs in over HTTP. Refuse it at the handshake, before any handler runs: `io.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new Error(\"unauthorized\")))`. A session object alone proves nothing: express-session gives every request one, logged in or not.",
    },
    "zh-CN": {
      title: "服务器接受没有登录的 socket。",
      meaning: "一个握手时不带已登录会话的 Socket.IO 客户端仍然连上了。这样的 socket 在应用里谁也不是（哪怕只到某个连接处理函数结束它为止），而且即使它的用户之后通过 HTTP 登录，它也仍然谁也不是。在握手时、任何处理函数运行之前就拒绝它：`io.use((socket, next) => next((socket.request as express.Request).session.user ? undefined : new Error(\"unauthorized\")))`。只有一个会话对象什么也证明不了：express-session 给每个请求都配一个，无论是否登录。",
    },
  },
  PUSH_REACHED_OTHERS: {
    en: {
      title: "A notification for one user reached another user's socket.",
      meaning: "`io.emit()` sends to every connected socket. Address the user's own sockets: join each socket to a room named after its user on connection (`socket.join(`user:${user}`)`) and send with `io.to(`user:${user}`).emit(...)`.",
    },
    "zh-CN": {
      title: "发给一个用户的通知到达了另一个用户的 socket。",
      meaning: "`io.emit()` 会发给每一个已连接的 socket。只发给该用户自己的 socket：连接时让每个 socket 加入一个以它的用户命名的房间（`socket.join(`user:${user}`)`），再用 `io.to(`user:${user}`).emit(...)` 发送。",
    },
  },
  CLIENT_IDENTITY_TRUSTED: {
    en: {
      title: "The server took the user's name from what the client sent.",
      meaning: "Anything in the handshake's `auth` payload (or its query) is chosen by the client: a socket that sends `{ user: \"alice\" }` becomes alice. Take the user from the session the cookie names: `(socket.request as express.Request).session.user`.",
    },
    "zh-CN": {
      title: "服务器从客户端发来的内容里取用户名。",
      meaning: "握手的 `auth` 数据（或它的 query）里的任何东西都由客户端决定：一个发送 `{ user: \"alice\" }` 的 socket 就成了 alice。要从 cookie 所指的会话里取用户：`(socket.request as express.Request).session.user`。",
    },
  },
  SOCKET_OUTLIVES_LOGOUT: {
    en: {
      title: "After logout, the session's other sockets still act as the user.",
      meaning: "POST /logout ended the session (HTTP knows nobody now), but each socket keeps the copy of the session its handshake loaded (`socket.request.session`), and nothing told them. Another tab stays logged in over its socket: it keeps receiving the user's events and acting as the user. Join each socket to a room named after its session (`socket.join(req.session.id)` on connection) and, in the logout route, `io.in(sessionId).disconnectSockets()` with the id read before `destroy()`. Or reload the session before each event (`socket.use`) and disconnect when it is gone; that also covers a session that expires.",
    },
    "zh-CN": {
      title: "登出之后，这个会话的其他 socket 仍然以该用户的身份行事。",
      meaning: "POST /logout 结束了会话（HTTP 现在不认识任何用户），但每个 socket 都保留着它握手时加载的那份会话副本（`socket.request.session`），而没有任何东西通知它们。另一个标签页通过它的 socket 仍然处于登录状态：它继续收到该用户的事件，并继续以该用户的身份行事。让每个 socket 加入一个以它的会话命名的房间（连接时 `socket.join(req.session.id)`），并在登出路由里调用 `io.in(sessionId).disconnectSockets()`，其中的 id 要在 `destroy()` 之前读取。或者在每个事件之前重新加载会话（`socket.use`），会话没了就断开连接；这样也能处理会话过期的情况。",
    },
  },
  LOGOUT_DISCONNECTED_OTHERS: {
    en: {
      title: "One user's logout disconnected another user's socket.",
      meaning: "`io.disconnectSockets()` on its own (or closing every Engine.IO connection) ends every socket on the server, everybody's. Address only the sockets of the session that logged out: `io.in(sessionId).disconnectSockets()`, with each socket in a room named after its session.",
    },
    "zh-CN": {
      title: "一个用户登出，却断开了另一个用户的 socket。",
      meaning: "单独调用 `io.disconnectSockets()`（或关闭每一个 Engine.IO 连接）会结束服务器上的每一个 socket，所有人的都会。只针对登出的那个会话的 socket：`io.in(sessionId).disconnectSockets()`，并让每个 socket 都在以它的会话命名的房间里。",
    },
  },
  LOGOUT_FAILED: {
    en: {
      title: "Logging out does not end the session.",
      meaning: "POST /logout failed, never answered, or answered while GET /me with the same cookie still names the user. The route calls `req.session.destroy()`, so the usual cause here is that the session middleware never reaches it: it only runs for routes registered after `app.use(sessionMiddleware)`, middleware added route by route (`app.post(\"/login\", sessionMiddleware, ...)`) is easy to miss on one, and a second `session()` has a store of its own. Register one session middleware once, before every route that uses the session.",
    },
    "zh-CN": {
      title: "登出并没有结束会话。",
      meaning: "POST /logout 失败了、没有应答，或者应答了，但带着同一个 cookie 的 GET /me 仍然显示该用户。这个路由调用了 `req.session.destroy()`，所以这里通常的原因是会话中间件根本没有作用到它：它只作用于在 `app.use(sessionMiddleware)` 之后注册的路由；一个个路由单独加上它（`app.post(\"/login\", sessionMiddleware, ...)`）很容易漏掉一个；而第二个 `session()` 有它自己的存储。在所有用到会话的路由之前，注册同一个会话中间件一次。",
    },
  },
  NOTIFY_WITHOUT_LOGIN: {
    en: {
      title: "POST /notify answers a visitor who is not logged in as if it worked.",
      meaning: "A push is for the logged-in user; without one there is nobody to notify, and the client must learn that: answer 401 when `req.session.user` is missing, before emitting anything. Without the check the route pushes to a room like `user:undefined`, which a user who picks the name \"undefined\" would join.",
    },
    "zh-CN": {
      title: "对还没登录的访客，POST /notify 的应答却像是成功了。",
      meaning: "推送是发给已登录用户的；没有登录用户就没有人可通知，客户端也必须知道这一点：`req.session.user` 不存在时应答 401，什么都不要发。少了这个检查，路由会推送到 `user:undefined` 这样的房间，而取名为 \"undefined\" 的用户就会加入它。",
    },
  },
  LOGOUT_KEEPS_SESSION: {
    en: {
      title: "After logout, HTTP still sees the user.",
      meaning: "POST /logout answered, yet `GET /me` with the same cookie still names the user: the logout route must destroy the session (`req.session.destroy(callback)`), not only answer.",
    },
    "zh-CN": {
      title: "登出之后，HTTP 仍然能看到该用户。",
      meaning: "POST /logout 作了应答，但带着同一个 cookie 的 `GET /me` 仍然显示该用户：登出路由必须销毁会话（`req.session.destroy(callback)`），而不只是作答。",
    },
  },
  LOGOUT_UNDONE: {
    en: {
      title: "After logout, the session came back.",
      meaning: "POST /logout destroyed the session, and a long-polling request that was open at that moment put it back. `io.engine.use(sessionMiddleware)` runs the session middleware on every Engine.IO request, so each poll loads its own copy of the session, and while a client long-polls one is always open. With `resave: true`, express-session saves that copy back to the store when the request ends, changed or not: the old cookie is logged in again. Set `resave: false` (a session is then saved only by a request that changed it). Running the session middleware for the handshake only (the Socket.IO guide's `onlyForHandshake`) also spares the store a read per poll. If `resave` is false already, look for other code that writes an old copy back: a `save()` of `socket.request.session` (the handshake's copy), or a store whose `touch()` saves the whole session.",
    },
    "zh-CN": {
      title: "登出之后，会话又回来了。",
      meaning: "POST /logout 销毁了会话，而当时还开着的一个长轮询请求又把它放了回去。`io.engine.use(sessionMiddleware)` 会在每个 Engine.IO 请求上运行会话中间件，所以每次轮询都加载一份自己的会话副本；客户端长轮询时，总有一个这样的请求开着。设置了 `resave: true` 时，请求结束时 express-session 会把这份副本存回存储，不管它有没有改动：旧的 cookie 又登录了。请设置 `resave: false`（这样只有改动了会话的请求才会保存它）。只在握手时运行会话中间件（Socket.IO 指南中的 `onlyForHandshake`）还能让存储少被读一次（每次轮询一次）。如果 `resave` 已经是 false，就找找其他把旧副本写回去的代码：对 `socket.request.session`（握手时的副本）调用的 `save()`，或者一个在 `touch()` 里保存整个会话的存储。",
    },
  },
  SESSION_NOT_IN_REDIS: {
    en: {
      title: "The session is not kept in Redis.",
      meaning: "This app keeps its sessions in Redis (`store: new RedisStore({ client: redis })`), where every instance finds them, where they expire with their TTL, and where they outlive a restart. The verifier looked for the browser's session at REDIS_URL and found no key for it: express-session keeps it somewhere else, most likely in the MemoryStore it uses when `session()` has no `store`, inside one server process and out of every other's reach. Keep the Redis store.",
    },
    "zh-CN": {
      title: "会话没有保存在 Redis 里。",
      meaning: "这个应用把会话保存在 Redis 中（`store: new RedisStore({ client: redis })`）：每个实例都能在那里找到它们，它们在那里随 TTL 过期，重启之后也还在。验证器在 REDIS_URL 上查找浏览器的会话，却找不到它的键：express-session 把它存在了别处，多半是 `session()` 没有 `store` 时使用的 MemoryStore，它在单个服务器进程内部，别的进程都够不着。保留 Redis 存储。",
    },
  },
  NON_BROWSER_CLIENT_REFUSED: {
    en: {
      title: "A client that is not a browser was refused.",
      meaning: "Browsers put an `Origin` header on every cross-origin handshake; Node clients, mobile apps and tests send none, and an attacker's page cannot leave it out. Refuse a handshake whose Origin is there and not yours, and let one without an Origin through: `allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN)`.",
    },
    "zh-CN": {
      title: "一个不是浏览器的客户端被拒绝了。",
      meaning: "浏览器会在每一次跨域握手上加上 `Origin` 头；Node 客户端、移动应用和测试不会发送它，而攻击者的页面无法省略它。拒绝带有 Origin 但不是你自己的源的握手，放行没有 Origin 的握手：`allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN)`。",
    },
  },
  OWN_PAGE_WEBSOCKET_REFUSED: {
    en: {
      title: "The app's own page can no longer use WebSocket.",
      meaning: "A connection from the app's own origin, with the user's cookie, over WebSocket was refused or never answered. Refuse other origins, not WebSocket: with `transports: [\"polling\"]` every user is left on long-polling, an HTTP request for every message, slower and heavier, and the realtime app is gone. `allowRequest` sees WebSocket handshakes too: check the `Origin` there and keep both transports.",
    },
    "zh-CN": {
      title: "应用自己的页面再也不能使用 WebSocket 了。",
      meaning: "一个来自应用自己的源、带着用户 cookie、走 WebSocket 的连接被拒绝了，或者一直没有应答。要拒绝的是其他源，而不是 WebSocket：用 `transports: [\"polling\"]` 会让所有用户都停留在长轮询上，每条消息都是一个 HTTP 请求，更慢也更重，实时应用也就没有了。`allowRequest` 也能看到 WebSocket 握手：在那里检查 `Origin`，并保留两种传输方式。",
    },
  },
  SESSION_COOKIE_NOT_SECURE: {
    en: {
      title: "The session cookie lost its Secure flag.",
      meaning: "The browser would send this cookie over plain HTTP too, where anyone on the network can read it and take over the session. `secure: false` (or `\"auto\"` without a trusted proxy) makes the login work by giving that up. Keep `secure: true` and let the server see that the request was secure: `app.set(\"trust proxy\", 1)`.",
    },
    "zh-CN": {
      title: "会话 cookie 丢掉了它的 Secure 标志。",
      meaning: "浏览器也会通过普通 HTTP 发送这个 cookie，而在那里，网络上的任何人都能读到它并接管会话。`secure: false`（或者没有受信任代理时的 `\"auto\"`）是靠放弃这一点才让登录生效的。保持 `secure: true`，并让服务器看到请求是安全的：`app.set(\"trust proxy\", 1)`。",
    },
  },
  SOCKET_ACCEPTS_OTHER_ORIGINS: {
    en: {
      title: "A page of another origin can use the user's session over Socket.IO (cross-site WebSocket hijacking).",
      meaning: "CORS only decides which pages may read HTTP answers (here: long-polling). A WebSocket handshake is never subject to it, and the browser sends the API's cookies with it from any page of the same site (another port, a sibling subdomain), or of any site for cookies with `SameSite=None`. Check the `Origin` header of every handshake in the Server options: `allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN)` (Node clients send no Origin; a page of another origin always does).",
    },
    "zh-CN": {
      title: "另一个源的页面可以通过 Socket.IO 使用用户的会话（跨站 WebSocket 劫持）。",
      meaning: "CORS 只决定哪些页面可以读取 HTTP 应答（这里是长轮询）。WebSocket 握手从不受它约束，而浏览器会在同一站点的任何页面（另一个端口、兄弟子域名）发起的握手中带上 API 的 cookie；对于 `SameSite=None` 的 cookie，任何站点的页面都会。在 Server 选项里检查每次握手的 `Origin` 头：`allowRequest: (req, callback) => callback(null, !req.headers.origin || req.headers.origin === CLIENT_ORIGIN)`（Node 客户端不发送 Origin；另一个源的页面总是会发送）。",
    },
  },
  // Found by the battery (verify/battery/), which every lesson's app must withstand
  WELL_KNOWN_SECRET_ACCEPTED: {
    en: {
      title: "A cookie signed with a secret from the documentation opens the user's session.",
      meaning: "The server runs with a random SESSION_SECRET, yet a socket whose cookie was signed with a secret that documentation, tutorials and templates print (\"keyboard cat\" and the like) acts as the user. Anyone can sign any session id with such a secret: it proves nothing. Verify signatures with the secret the server is given, and only that one (or a list that rotation adds to, never a default): `process.env.SESSION_SECRET`, with no fallback in production.",
    },
    "zh-CN": {
      title: "用文档里的密钥签名的 cookie 打开了用户的会话。",
      meaning: "服务器用的是随机的 SESSION_SECRET，可一个 cookie 用文档、教程和模板里印出来的密钥（\"keyboard cat\" 之类）签名的 socket，却以这个用户的身份行事。任何人都能用这样的密钥给任意会话 id 签名：它什么也证明不了。只用服务器得到的那个密钥验证签名（或者轮换时加进来的一组密钥，但绝不要有默认值）：`process.env.SESSION_SECRET`，生产环境里不要有后备值。",
    },
  },
  COOKIE_AMONG_OTHERS_MISSED: {
    en: {
      title: "The session cookie is not found when the browser sends other cookies with it.",
      meaning: "Alone in the Cookie header, the session cookie is the user; with other cookies before or after it, as a browser sends them once the site sets any (analytics, a theme, consent), the socket does not find the session. The Cookie header is `name=value` pairs separated by `; `: split it with a real parser (`cookie.parse()` from the `cookie` package, which express-session uses) and look the name up, instead of taking the first pair or cutting the string by hand.",
    },
    "zh-CN": {
      title: "浏览器同时发送其他 cookie 时，找不到会话 cookie。",
      meaning: "Cookie 头里只有会话 cookie 时，它就是这个用户；一旦它前后还有别的 cookie（网站设了分析、主题、同意之类的 cookie 后，浏览器就会这样发），socket 就找不到会话了。Cookie 头是用 `; ` 分隔的 `name=value` 对：用真正的解析器拆开它（express-session 用的 `cookie` 包里的 `cookie.parse()`），再按名字查找，不要取第一对，也不要手工切字符串。",
    },
  },
  USERS_MIXED: {
    en: {
      title: "A socket answers as another user than its own.",
      meaning: "With several users connected at once, a socket's whoami named someone else, or a visitor's socket named a user. Something in the app is shared between connections that must not be: a module-level variable holding \"the current user\", a session read from the last login instead of the socket's own handshake, one object for every socket. Take the user from the socket's own session, `(socket.request as express.Request).session`, every time.",
    },
    "zh-CN": {
      title: "一个 socket 以别的用户的身份应答。",
      meaning: "多个用户同时连接时，一个 socket 的 whoami 报出了别人的名字，或者一个访客的 socket 报出了某个用户。应用里有东西被本不该共享的连接共享了：一个保存“当前用户”的模块级变量、从最近一次登录而不是从 socket 自己的握手里读出来的会话、所有 socket 共用的一个对象。每次都从 socket 自己的会话里取用户：`(socket.request as express.Request).session`。",
    },
  },
  PUSH_MISSED_A_TAB: {
    en: {
      title: "A private event reached only some of the user's tabs.",
      meaning: "The user has several tabs open, each with its own socket, and an event pushed to the user reached one of them but not another. An app that keeps one socket per user (a map from user to socket, overwritten by each new connection) loses every tab but the last. Put each of the user's sockets in a room named after the user (`socket.join(`user:${name}`)`) and emit to the room: `io.to(`user:${name}`).emit(…)`.",
    },
    "zh-CN": {
      title: "私有事件只送到了用户的一部分标签页。",
      meaning: "用户开着几个标签页，每个都有自己的 socket，推给这个用户的事件到了其中一个，却没到另一个。每个用户只记一个 socket 的应用（从用户到 socket 的映射，每来一个新连接就覆盖一次）会丢掉除最后一个之外的所有标签页。把用户的每个 socket 都放进以用户命名的房间（`socket.join(`user:${name}`)`），再向这个房间发送：`io.to(`user:${name}`).emit(…)`。",
    },
  },
  LOOKALIKE_ORIGIN_ALLOWED: {
    en: {
      title: "An origin that only looks like the app's own may read the user's answers.",
      meaning: "Told its production origin, the app let a page at another origin that a careless check lets through (a longer host that starts with the real one, a host that ends with it, a subdomain, another port, the other scheme, `null`, or a development origin such as `http://localhost:5173` left in the list) read answers made with the user's cookie. An origin check by `startsWith`, `endsWith`, `includes` or a pattern without `^…$` lets such pages through, and anyone can register them. Compare whole origins: `origin: CLIENT_ORIGIN` (or a list of exact origins) for `cors()` and for Socket.IO's `cors` option.",
    },
    "zh-CN": {
      title: "一个只是看起来像应用自己的源，可以读到用户的应答。",
      meaning: "告诉应用它的生产环境源之后，它让一个粗心的检查会放过的其他源上的页面（以真实主机名开头的更长主机名、以它结尾的主机名、子域名、另一个端口、另一个协议、`null`，或者留在列表里的开发用源，比如 `http://localhost:5173`）读到了带着用户 cookie 得到的应答。用 `startsWith`、`endsWith`、`includes` 或没有 `^…$` 的正则检查源，都会放这样的页面进来，而谁都能注册它们。比较完整的源：`cors()` 和 Socket.IO 的 `cors` 选项都用 `origin: CLIENT_ORIGIN`（或者一组精确的源）。",
    },
  },
  BLANK_LOGIN_ACCEPTED: {
    en: {
      title: "The login accepts a request without a user name.",
      meaning: "POST /login with no body, no `username`, or a blank one must be refused with a 4xx (400: the client's mistake) and log nobody in. Read the name defensively, `String(req.body?.username ?? \"\").trim()`, and refuse it when it is empty: a missing body must not crash the route (a 500), and a made-up default name must not be logged in.",
    },
    "zh-CN": {
      title: "登录接受了没有用户名的请求。",
      meaning: "没有请求体、没有 `username` 或者用户名为空白的 POST /login，必须以 4xx（400：客户端的错误）拒绝，并且谁也不登录。要防御性地读取用户名：`String(req.body?.username ?? \"\").trim()`，为空就拒绝：缺少请求体不能让路由崩溃（500），也不能让一个编造出来的默认名字登录。",
    },
  },
  BLANK_ITEM_ACCEPTED: {
    en: {
      title: "The cart accepts an item without a name.",
      meaning: "POST /cart with no body, no `item`, or a blank one must be refused with a 4xx and leave the cart as it was. Read the item defensively, `String(req.body?.item ?? \"\").trim()`, and refuse it when it is empty.",
    },
    "zh-CN": {
      title: "购物车接受了没有名字的商品。",
      meaning: "没有请求体、没有 `item` 或者它为空白的 POST /cart，必须以 4xx 拒绝，并且让购物车保持原样。要防御性地读取商品：`String(req.body?.item ?? \"\").trim()`，为空就拒绝。",
    },
  },
  API_ANSWER_BROKEN: {
    en: {
      title: "The API does not answer as its clients expect.",
      meaning: "The page and other clients rely on the API's answers (lessons/RULES.md): POST /login answers 200 `{ \"user\": <name> }`; a cart answers `{ \"cart\": [...] }`, empty for a new session; a refusal answers JSON `{ \"error\": <why> }` for the page to show. Keep those answers as they were.",
    },
    "zh-CN": {
      title: "API 的应答不是客户端所期望的。",
      meaning: "页面和其他客户端依赖 API 的应答（lessons/RULES.zh-CN.md）：POST /login 应答 200 `{ \"user\": <name> }`；购物车应答 `{ \"cart\": [...] }`，新会话的购物车是空的；拒绝时应答 JSON `{ \"error\": <why> }`，供页面显示。保持这些应答原来的样子。",
    },
  },
  SERVER_CODE_ERROR: {
    en: {
      title: "The server's own code threw an error on an ordinary request.",
      meaning: "While the verifier tried the app with requests any client can send (no cookie, a bad cookie, no body), the server printed a TypeError or a ReferenceError: its code read a property of something that was not there. Even when it is caught and answered, that is a bug: it hides real failures in the logs, and the answer depends on where the code happened to trip. Check for what may be missing (`value?.x`, `if (!raw) return null`) before using it.",
    },
    "zh-CN": {
      title: "服务器自己的代码在普通请求上抛出了错误。",
      meaning: "验证器用任何客户端都可能发出的请求（不带 cookie、错误的 cookie、没有请求体）试探应用时，服务器打印出了 TypeError 或 ReferenceError：它的代码读取了一个不存在的东西的属性。即使错误被捕获并作了应答，这也是个 bug：它让真正的故障淹没在日志里，而应答取决于代码恰好在哪里绊倒。使用之前先检查可能缺失的东西（`value?.x`、`if (!raw) return null`）。",
    },
  },
  VISITOR_SOCKET_REFUSED: {
    en: {
      title: "A visitor's socket is refused, and this app lets visitors in.",
      meaning: "This app's socket serves visitors too, as nobody: its page shows them connected with user `(none)`, before login and after logout. A middleware that refuses a handshake without a logged-in session (or one that reloads a session that was never saved: `reload()` fails for a visitor) shuts them out. Only check what there is to check: `if (!req.session.user) return next();` before looking the session up again.",
    },
    "zh-CN": {
      title: "访客的 socket 被拒绝了，而这个应用是允许访客连接的。",
      meaning: "这个应用的 socket 也为访客服务，身份是“没有人”：它的页面在登录之前、登出之后都显示他们已连接、用户为 `(none)`。拒绝没有已登录会话的握手的中间件（或者对一个从未保存过的会话调用 `reload()` 的中间件：对访客来说 `reload()` 会失败）把他们关在了门外。只检查需要检查的：在重新查找会话之前，先 `if (!req.session.user) return next();`。",
    },
  },
  LOGINS_NOT_COUNTED: {
    en: {
      title: "The login statistics do not count every login.",
      meaning: "GET /stats answers `{ logins }`, the number of logins on every instance: each login adds one in Redis (`INCR stats:logins`), and every instance reads the same counter. A count kept in a variable, a key that differs between the two calls, or a default that hides the stored value breaks it.",
    },
    "zh-CN": {
      title: "登录统计没有把每次登录都算上。",
      meaning: "GET /stats 应答 `{ logins }`，即所有实例上的登录次数：每次登录都在 Redis 里加一（`INCR stats:logins`），每个实例读的都是同一个计数器。把计数放在变量里、两次调用用了不同的键，或者用一个默认值盖住了存储的值，都会让它出错。",
    },
  },
  REDIS_ERROR_NOT_LOGGED: {
    en: {
      title: "The app said nothing when its Redis connection dropped.",
      meaning: "It lived through the drop and connected again, but it left no trace in its log: an `'error'` listener that does nothing hides every Redis problem, from a flapping network to a wrong password or a full memory, until users report them (and one added with `once()` hears only the first). Log what it receives: `redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`.",
    },
    "zh-CN": {
      title: "Redis 连接断开时，应用什么也没说。",
      meaning: "它挺过了断开并重新连上了，却没有在日志里留下任何痕迹：一个什么也不做的 `'error'` 监听器会藏起所有 Redis 问题，从不稳定的网络到错误的密码或写满的内存，直到用户来报告（用 `once()` 注册的监听器只听得到第一次）。把收到的错误记下来：`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`。",
    },
  },
  SOCKET_REFUSED_BY_CRASH: {
    en: {
      title: "A visitor's socket is refused by an error in the server's code.",
      meaning: "A handshake without a session (a visitor who has not logged in, or a cookie that is not the app's) made the server's Socket.IO middleware throw, and Socket.IO sent the error's message to the client as the refusal. An app may refuse anonymous sockets, but on purpose, with `next(new Error(\"log in first\"))`; code that reads a session must allow for there being none (`found?.id ?? null`, a check before `.slice()`).",
    },
    "zh-CN": {
      title: "访客的 socket 因为服务器代码里的错误而被拒绝。",
      meaning: "一次不带会话的握手（还没登录的访客，或者不是本应用的 cookie）让服务器的 Socket.IO 中间件抛出了异常，Socket.IO 把这个错误的消息当作拒绝理由发给了客户端。应用可以拒绝匿名 socket，但要有意为之，用 `next(new Error(\"log in first\"))`；读取会话的代码必须考虑会话不存在的情况（`found?.id ?? null`，在 `.slice()` 之前先检查）。",
    },
  },
  SESSION_BEFORE_LOGIN: {
    en: {
      title: "A visitor who has not logged in gets a session cookie.",
      meaning: "With `saveUninitialized: true`, express-session saves every new session and sets its cookie, even for a visitor who only looked: every page view and every Socket.IO handshake of a visitor (or a bot) adds a session to the store, and the browser gets a cookie nobody asked for (which cookie laws care about). Keep `saveUninitialized: false`: a session is saved, and its cookie set, once something is stored in it, such as the user at login.",
    },
    "zh-CN": {
      title: "还没登录的访客拿到了会话 cookie。",
      meaning: "设置了 `saveUninitialized: true` 时，express-session 会保存每一个新会话并设置它的 cookie，即使访客只是看了看：访客（或爬虫）的每一次页面访问、每一次 Socket.IO 握手都会往存储里添一个会话，浏览器还会收到一个谁都没要的 cookie（cookie 相关的法规在意这一点）。保持 `saveUninitialized: false`：会话在其中存了东西之后（比如登录时存入用户）才会被保存、才会设置 cookie。",
    },
  },
  SESSION_COOKIE_NOT_HTTPONLY: {
    en: {
      title: "The session cookie can be read by the page's scripts.",
      meaning: "The browser holds `connect.sid` without `HttpOnly`, so `document.cookie`, and any script that gets into the page (a compromised dependency, an injection), can read it and take over the session from anywhere. Nothing in the page needs to read the session cookie: the browser sends it by itself, to HTTP and to Socket.IO alike. Keep express-session's default, `cookie: { httpOnly: true }`.",
    },
    "zh-CN": {
      title: "页面里的脚本能读到会话 cookie。",
      meaning: "浏览器保存的 `connect.sid` 没有 `HttpOnly`，所以 `document.cookie`，以及任何混进页面的脚本（被攻破的依赖、注入），都能读到它，并从任何地方接管这个会话。页面里没有任何东西需要读会话 cookie：浏览器会自己把它发给 HTTP，也发给 Socket.IO。保留 express-session 的默认值 `cookie: { httpOnly: true }`。",
    },
  },
  SAMESITE_COOKIE_WITHHELD: {
    en: {
      title: "The page and the API are different sites, and the session cookie does not say it may cross them.",
      meaning: "The browser sends a cookie with `SameSite=Lax` (the default) only to the site it came from, so requests from a page on another site carry no session. A cookie meant for such requests must say `SameSite=None`, and browsers accept that only with `Secure` (HTTPS). Better: serve the page and the API from one site (a dev server's proxy, the same host in production).",
    },
    "zh-CN": {
      title: "页面和 API 不是同一个站点，而会话 cookie 没有声明它可以跨站。",
      meaning: "浏览器只把 `SameSite=Lax`（默认值）的 cookie 发给它来自的那个站点，所以另一个站点上的页面发出的请求不带会话。用于这类请求的 cookie 必须声明 `SameSite=None`，而浏览器只在同时有 `Secure`（HTTPS）时才接受它。更好的做法：让页面和 API 来自同一个站点（开发服务器的代理，生产环境用同一个主机）。",
    },
  },
  RELOAD_LOSES_SOCKET: {
    en: {
      title: "After a reload, or in a new tab, the logged-in page has no socket.",
      meaning: "The browser is logged in, yet the page opened again (a reload, a second tab) did not connect its socket as the user: it waits for a login that already happened. Connect after login, and also at load when the page finds the user already logged in (GET /me says so): `if (me.user) socket.connect()`.",
    },
    "zh-CN": {
      title: "刷新之后，或者在新标签页里，已登录的页面没有 socket。",
      meaning: "浏览器已经登录，可重新打开的页面（刷新、第二个标签页）没有以用户身份连接它的 socket：它在等一次早已发生过的登录。登录后连接，而且在加载时发现用户已经登录（GET /me 这样说）时也要连接：`if (me.user) socket.connect()`。",
    },
  },
  REDIS_RESTART_KILLED_SERVER: {
    en: {
      title: "The server died when its Redis restarted.",
      meaning: "Redis went away for half a second and came back, as a restart, a failover or a deployment does. The server should have lived through it: node-redis reports the lost connection with an `'error'` event and connects again by itself, as long as the app listens for that event and lets it be. A listener that throws, exits or stops the client takes the whole app down with Redis: log the error, `redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`, and nothing more.",
    },
    "zh-CN": {
      title: "Redis 重启时，服务器死掉了。",
      meaning: "Redis 消失了半秒又回来了，就像重启、故障切换或部署时那样。服务器本该挺过去：node-redis 用 `'error'` 事件报告连接丢失，并且会自己重新连接，只要应用监听了这个事件并且不去干涉它。在监听器里抛出错误、退出或停掉客户端，会让整个应用跟着 Redis 一起倒下：把错误记下来，`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`，别的什么都不做。",
    },
  },
  REDIS_RESTART_NOT_RECOVERED: {
    en: {
      title: "After its Redis restarted, the app did not work again.",
      meaning: "Redis was back, but the app did not connect to it again, or a new login did not work over HTTP or a socket afterwards. node-redis reconnects by itself unless its `reconnectStrategy` says otherwise or the app has closed the client: leave reconnecting on, and do not `quit()` or `disconnect()` the client on an error.",
    },
    "zh-CN": {
      title: "Redis 重启之后，应用没有恢复工作。",
      meaning: "Redis 已经回来了，应用却没有重新连上它，或者之后的新登录在 HTTP 或 socket 上不起作用。node-redis 会自己重新连接，除非它的 `reconnectStrategy` 另有规定，或者应用已经关掉了客户端：保持重新连接打开，出错时不要 `quit()` 或 `disconnect()` 这个客户端。",
    },
  },

  NO_DECISION: {
    en: {
      title: "The check could not finish.",
      meaning: "The verifier had to stop before it could judge the app: the last line above is what stopped it (an answer it could not use, or none in time). That is still a failure: fix what that line shows, then check again.",
    },
    "zh-CN": {
      title: "检查没能完成。",
      meaning: "验证器在能够评判这个应用之前就不得不停下：上面最后一行就是让它停下的原因（一个它用不上的应答，或者在时限内没有应答）。这仍然算失败：先修好那一行显示的问题，再检查一次。",
    },
  },
} satisfies Record<string, FaultEntry>;

export type SharedFault = keyof typeof SHARED_FAULTS;

/** Any fault code: a shared one, or one a lesson declares in its lesson.ts. */
export type FaultCode = string;
