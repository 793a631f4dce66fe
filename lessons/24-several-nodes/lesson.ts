// Lesson 24's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Several instances behind a load balancer",
    "zh-CN": "负载均衡器后面的多个实例",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "behind the load balancer the socket never connects (400 \"Session ID unknown\"); then chat and logout reach only one instance's tabs",
    "zh-CN": "在负载均衡器后面 socket 始终连不上（400 \"Session ID unknown\"）；之后聊天和退出登录只传到一个实例上的标签页",
  },
  teaches: {
    en: "sticky sessions in HAProxy (a cookie naming the instance) for long-polling, and the Redis adapter so that broadcasts and `disconnectSockets()` reach every instance",
    "zh-CN": "在 HAProxy 中为长轮询设置粘性会话（用 cookie 记住实例），并用 Redis 适配器让广播和 `disconnectSockets()` 到达每个实例",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_IO_NOT_STICKY",
  passed: {
    en: "Long-polling through HAProxy stays on its instance, WebSocket or not; chat and logout reach the user's tabs on every instance.",
    "zh-CN": "经过 HAProxy 的长轮询始终留在自己的实例上，有没有 WebSocket 都一样；聊天和退出登录能到达该用户在每个实例上的标签页。",
  },
  hints: [
    {
      en: "Open the page and the browser's network tab: the socket's first request succeeds, the next ones are answered 400 `{\"code\":1,\"message\":\"Session ID unknown\"}`. Each request went to the next instance (`balance roundrobin` in haproxy.cfg). Which instance knows that Engine.IO session?",
      "zh-CN": "打开页面和浏览器的网络面板：socket 的第一个请求成功，之后的请求都得到 400 `{\"code\":1,\"message\":\"Session ID unknown\"}`。每个请求都被发到了下一个实例（haproxy.cfg 里的 `balance roundrobin`）。哪个实例认识这个 Engine.IO 会话？",
    },
    {
      en: "Long-polling is many HTTP requests, and only the instance that answered the handshake knows the session: the balancer must keep a client on one instance. In haproxy.cfg, let HAProxy set a cookie naming the instance: `cookie SERVERID insert indirect nocache` in the backend, and either `cookie app1` etc. on each `server` line or, for all of them at once, the `dynamic` option with a `dynamic-cookie-key`. Then: a message said on one instance reaches only that instance's sockets, and so does the logout's `disconnectSockets()`: each Socket.IO server only knows its own sockets until an adapter connects them.",
      "zh-CN": "长轮询是很多个 HTTP 请求，只有回应握手的那个实例认识这个会话：负载均衡器必须把一个客户端留在同一个实例上。在 haproxy.cfg 中让 HAProxy 设置一个记住实例的 cookie：backend 里写 `cookie SERVERID insert indirect nocache`，再在每个 `server` 行加上 `cookie app1` 等，或者一次性地加上 `dynamic` 选项和一个 `dynamic-cookie-key`。然后：在一个实例上说的话只到达这个实例的 socket，退出登录时的 `disconnectSockets()` 也一样：在适配器把它们连起来之前，每个 Socket.IO 服务器只知道自己的 socket。",
    },
    {
      en: "In haproxy.cfg's backend: `cookie SERVERID insert indirect nocache dynamic`, and `dynamic-cookie-key` followed by a secret of yours. In server.ts: `import { createAdapter } from \"@socket.io/redis-adapter\";`, a connection for the adapter to subscribe on (`const subClient = redis.duplicate();`, with an `error` listener, then `subClient.connect().catch(console.error);`) and `adapter: createAdapter(redis, subClient)` in `new Server(httpServer, { ... })`.",
      "zh-CN": "在 haproxy.cfg 的 backend 里：`cookie SERVERID insert indirect nocache dynamic`，以及 `dynamic-cookie-key` 后面跟一个你自己的密钥。在 server.ts 中：`import { createAdapter } from \"@socket.io/redis-adapter\";`，一个供适配器订阅的连接（`const subClient = redis.duplicate();`，加上 `error` 监听器，再 `subClient.connect().catch(console.error);`），并在 `new Server(httpServer, { ... })` 里加上 `adapter: createAdapter(redis, subClient)`。",
    },
  ],
  // Three instances of server.ts behind HAProxy with this folder's haproxy.cfg, and a Redis of the
  // app's own (the battery restarts it).
  needs: { redis: "own", balancer: { instances: 3 } },
  // Login statistics in Redis (GET /stats): the battery tries them.
  features: { stats: true },
  // Faults only this lesson's check reports.
  faults: {
    SOCKET_IO_NOT_STICKY: {
      en: {
        title: "The load balancer sends a socket's long-polling requests to instances that do not know it.",
        meaning: "A Socket.IO connection starts on HTTP long-polling: many requests, each carrying the Engine.IO session id that one instance handed out. Only that instance knows it; any other answers 400 \"Session ID unknown\", and the client starts again, for ever. The balancer must keep a client on one instance (sticky sessions). With HAProxy, a cookie that names the instance: `cookie SERVERID insert indirect nocache` in the backend and `cookie app1` … on each `server` line (the Socket.IO repository's HAProxy example), or `dynamic` with a `dynamic-cookie-key` for every server at once. (Sessions in Redis do not help here: this is Engine.IO's own session, in the process's memory.)",
      },
      "zh-CN": {
        title: "负载均衡器把一个 socket 的长轮询请求发给了不认识它的实例。",
        meaning: "Socket.IO 连接从 HTTP 长轮询开始：很多个请求，每个都带着某一个实例发出的 Engine.IO 会话 id。只有那个实例认识它；其他实例都回答 400 \"Session ID unknown\"，客户端就一遍又一遍地重来。负载均衡器必须把一个客户端留在同一个实例上（粘性会话）。对 HAProxy，用一个记住实例的 cookie（Socket.IO 仓库的 HAProxy 示例）：backend 里写 `cookie SERVERID insert indirect nocache`，每个 `server` 行加上 `cookie app1` 等，或者用 `dynamic` 加上 `dynamic-cookie-key` 一次性地为所有服务器设置。（把会话放在 Redis 里帮不了这里：这是 Engine.IO 自己的会话，在进程内存中。）",
      },
    },
    NO_LONG_POLLING_FALLBACK: {
      en: {
        title: "Where WebSocket is blocked, the page gets no socket at all.",
        meaning: "Some networks (office proxies, old middleboxes) block WebSocket; Socket.IO then works over HTTP long-polling, which is why it starts there. A client limited to `transports: [\"websocket\"]` avoids the sticky-session question, and loses those users. Keep the default transports and make the balancer sticky instead.",
      },
      "zh-CN": {
        title: "在 WebSocket 被封锁的地方，页面根本拿不到 socket。",
        meaning: "有些网络（公司代理、老旧的中间设备）会封锁 WebSocket；这时 Socket.IO 通过 HTTP 长轮询工作，这也是它从长轮询开始的原因。把客户端限制为 `transports: [\"websocket\"]` 可以绕开粘性会话的问题，却失去了这些用户。保留默认的传输方式，让负载均衡器具有粘性。",
      },
    },
    BROADCAST_STAYS_ON_ONE_NODE: {
      en: {
        title: "A chat message reaches only the tabs on the instance where it was said.",
        meaning: "`io.emit()` sends to the sockets this Socket.IO server knows, and each instance knows only its own. Behind a load balancer the user's tabs, and everybody else's, are spread over all of them. An adapter relays broadcasts between instances: `@socket.io/redis-adapter` (`adapter: createAdapter(redis, subClient)`, with a connection of its own to subscribe on) or the Redis Streams adapter.",
      },
      "zh-CN": {
        title: "聊天消息只到达说话那个实例上的标签页。",
        meaning: "`io.emit()` 发给这个 Socket.IO 服务器知道的 socket，而每个实例只知道自己的。在负载均衡器后面，这个用户和其他所有人的标签页分布在所有实例上。适配器在实例之间转发广播：`@socket.io/redis-adapter`（`adapter: createAdapter(redis, subClient)`，用一个自己的连接来订阅）或者 Redis Streams 适配器。",
      },
    },
    CHAT_RELAYS_WHAT_IT_SHOULD_NOT: {
      en: {
        title: "The chat relays a visitor's message, or a blank one.",
        meaning: "Only a logged-in user speaks in the team chat, under the name their session says, and a message of spaces is no message. The `say` handler must check `req.session?.user` and that the text is a string with something in it before `io.emit(\"said\", …)`.",
      },
      "zh-CN": {
        title: "聊天转发了访客的消息，或者一条空白的消息。",
        meaning: "只有已登录的用户能在团队聊天里说话，用的是会话里的名字；全是空格的消息不算消息。`say` 处理函数在 `io.emit(\"said\", …)` 之前必须检查 `req.session?.user`，并检查文本是一个有内容的字符串。",
      },
    },
    HEALTH_CHECK_FAILS: {
      en: {
        title: "An instance does not answer the load balancer's health check.",
        meaning: "haproxy.cfg's `option httpchk GET /health` asks each instance every two seconds; one that does not answer 2xx is marked down after three failures, and HAProxy stops sending it users (with every instance down, it answers 503 to everybody). Keep `GET /health` answering 200, outside the session middleware.",
      },
      "zh-CN": {
        title: "有实例没有回应负载均衡器的健康检查。",
        meaning: "haproxy.cfg 里的 `option httpchk GET /health` 每两秒询问每个实例一次；不回应 2xx 的实例在连续三次失败后被标记为下线，HAProxy 不再把用户发给它（所有实例都下线时，它对所有人都回答 503）。让 `GET /health` 一直回答 200，并放在会话中间件之外。",
      },
    },
    PAGE_CHAT_BROKEN: {
      en: {
        title: "The page's chat does not work for its user.",
        meaning: "Typed into the page's chat form and sent, a message must reach every open tab, on every instance, as said by the logged-in user, and show on the page itself (`said` events, drawn into the list). The server side works (a message said from another socket got through); look at client.ts: the form's submit handler, `socket.emit(\"say\", text)`, and the `said` listener. Once sent, the text leaves the box, or the next Enter says it again.",
      },
      "zh-CN": {
        title: "页面上的聊天对它的用户不起作用。",
        meaning: "在页面的聊天表单里输入并发送的消息，必须以已登录用户的名义到达每个实例上每个打开的标签页，并显示在页面本身上（`said` 事件，画进列表里）。服务器这边是好的（从另一个 socket 说的话传过去了）；看看 client.ts：表单的提交处理、`socket.emit(\"say\", text)`，以及 `said` 的监听器。发送之后，文字要从输入框里清掉，否则下一次按回车会把它再说一遍。",
      },
    },
    LOGOUT_STAYS_ON_ONE_NODE: {
      en: {
        title: "A logout disconnects only the user's sockets on the instance that answered it.",
        meaning: "After POST /logout, every socket of that session must end (lesson 11), wherever it is. `io.in(sessionId).disconnectSockets()` reaches other instances only through an adapter; a loop over `io.sockets.sockets`, or `fetchSockets()` without one, sees this process's sockets only. The user's tabs on the other instances keep acting as the user after logging out.",
      },
      "zh-CN": {
        title: "退出登录只断开了回应它的那个实例上的 socket。",
        meaning: "POST /logout 之后，这个会话的每个 socket 都必须结束（第 11 课），不管它在哪里。`io.in(sessionId).disconnectSockets()` 只有通过适配器才能到达其他实例；遍历 `io.sockets.sockets`，或者没有适配器时的 `fetchSockets()`，只看得到本进程的 socket。用户在其他实例上的标签页在退出登录之后仍然以该用户的身份行事。",
      },
    },
  },
} satisfies LessonMeta;
