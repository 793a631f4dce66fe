// Lesson 19's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Survive a dropped Redis connection",
    "zh-CN": "Redis 连接断开时活下来",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "now and then the API dies with `SocketClosedUnexpectedlyError`, and every socket with it",
    "zh-CN": "API 时不时因 `SocketClosedUnexpectedlyError` 崩溃，所有 socket 也跟着断开",
  },
  teaches: {
    en: "a client's `'error'` event, reconnecting, logging store errors; why `uncaughtException` is no fix",
    "zh-CN": "客户端的 `'error'` 事件、重新连接、记录 store 的错误；为什么 `uncaughtException` 不是办法",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "REDIS_DROP_CRASHED_SERVER",
  passed: {
    en: "Redis closed the app's connection; the server lived through it, logged it, connected again and still knew the session.",
    "zh-CN": "Redis 关掉了应用的连接；服务器挺了过来，记下了日志，重新连上，并且仍然认得这个会话。",
  },
  hints: [
    {
      en: "Read the server's last words in the verifier's output: which object emitted the error, and why did an error in a Redis client end the whole process? `redis.connect().catch(console.error)` handles one thing only: the promise of the first connect.",
      "zh-CN": "看验证器输出里服务器的最后几行：是哪个对象发出了这个错误？为什么 Redis 客户端里的一个错误会让整个进程退出？`redis.connect().catch(console.error)` 只处理一件事：第一次连接的那个 promise。",
    },
    {
      en: "A node-redis client is an EventEmitter, and it reports a lost connection with an `'error'` event. Node throws an `'error'` event that has no listener, which ends the process. With a listener, node-redis logs nothing itself and simply connects again.",
      "zh-CN": "node-redis 客户端是一个 EventEmitter，连接断开时它发出一个 `'error'` 事件。Node 会把没有监听器的 `'error'` 事件抛出来，于是进程退出。有了监听器，node-redis 自己不打印任何东西，只是重新连接。",
    },
    {
      en: "Before `redis.connect()`: `redis.on(\"error\", (err) => console.error(\"Redis:\", err.message));`.",
      "zh-CN": "在 `redis.connect()` 之前：`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message));`。",
    },
  ],
  needs: { redis: "own" },
  // Login statistics in Redis (GET /stats): the battery tries them.
  features: { stats: true },
  // Faults only this lesson's check reports.
  faults: {
    REDIS_DROP_CRASHED_SERVER: {
      en: {
        title: "The server died when Redis closed its connection.",
        meaning: "node-redis reports a lost connection (`SocketClosedUnexpectedlyError`) with an `'error'` event on the client. A Node EventEmitter throws an `'error'` event that has no listener, so the whole process exits: every user's socket drops and nobody can log in until someone restarts the server. Redis closes idle connections (its `timeout` setting), restarts and fails over, so this happens in production. `redis.connect().catch(...)` only handles the first connect. Listen for the event: `redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`, before `connect()`; node-redis then connects again by itself. A listener that calls `process.exit()` does the same harm.",
      },
      "zh-CN": {
        title: "Redis 关掉连接时，服务器死掉了。",
        meaning: "node-redis 用客户端上的 `'error'` 事件报告连接丢失（`SocketClosedUnexpectedlyError`）。Node 的 EventEmitter 会把没有监听器的 `'error'` 事件抛出来，于是整个进程退出：每个用户的 socket 都断开，在有人重启服务器之前谁也登录不了。Redis 会关闭空闲连接（它的 `timeout` 设置），也会重启和故障切换，所以这在生产环境里真的会发生。`redis.connect().catch(...)` 只处理第一次连接。监听这个事件：在 `connect()` 之前写 `redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`；node-redis 随后会自己重新连接。在监听器里调用 `process.exit()` 造成的伤害一样。",
      },
    },
    REDIS_DROP_DISCONNECTED_SOCKETS: {
      en: {
        title: "Users' sockets were disconnected when Redis closed its connection.",
        meaning: "The server lived through the drop, but a socket that was connected before it was disconnected. A connected socket needs nothing from Redis: it holds the copy of the session its handshake loaded. Dropping sockets makes every user reconnect at once, each handshake a read from a Redis that is just coming back, and loses what was in flight. (A process manager or cluster that restarts a crashed server looks the same from outside: the crash again.) Log the error and let node-redis reconnect; leave the sockets alone.",
      },
      "zh-CN": {
        title: "Redis 关掉连接时，用户的 socket 被断开了。",
        meaning: "服务器挺过了断开，但一个在断开之前就连着的 socket 被断开了。连着的 socket 不需要 Redis 做任何事：它持有握手时加载的那份会话副本。断开 socket 会让所有用户同时重连，每次握手都要去读一个刚刚恢复的 Redis，途中的消息也会丢失。（进程管理器或 cluster 重启崩溃的服务器，从外面看也是这样：还是那次崩溃。）把错误记进日志，让 node-redis 重新连接；别去动那些 socket。",
      },
    },
    REDIS_NOT_RECONNECTED: {
      en: {
        title: "The server stayed up, but never connected to Redis again.",
        meaning: "While node-redis is offline it queues every command, so every request that needs the session now waits for ever. A catch-all `process.on(\"uncaughtException\")` keeps the process alive, but the unhandled `'error'` event was thrown from inside node-redis and stopped its reconnection half-way; `reconnectStrategy: false` turns reconnecting off. Remove those and listen for the client's own event: `redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`.",
      },
      "zh-CN": {
        title: "服务器还活着，但再也没有连上 Redis。",
        meaning: "node-redis 离线时会把每条命令排队，所以每个需要会话的请求现在都会一直等下去。一个兜底的 `process.on(\"uncaughtException\")` 让进程活了下来，但那个没人处理的 `'error'` 事件是从 node-redis 内部抛出的，它把重连打断在了半路；`reconnectStrategy: false` 则直接关掉了重连。去掉它们，监听客户端自己的事件：`redis.on(\"error\", (err) => console.error(\"Redis:\", err.message))`。",
      },
    },
    REDIS_SESSION_LOST_AFTER_DROP: {
      en: {
        title: "After Redis came back, the app no longer knew the session.",
        meaning: "The app connected to Redis again and the session is still stored there, but HTTP or a new socket does not find it. A dropped connection loses no data: do not end sessions, create new clients or switch stores when Redis reports an error. Log the error and let node-redis connect again.",
      },
      "zh-CN": {
        title: "Redis 恢复后，应用不再认得这个会话。",
        meaning: "应用已经重新连上 Redis，会话也还存在那里，但 HTTP 或新的 socket 找不到它。连接断开不会丢数据：Redis 报错时不要结束会话、新建客户端或者换存储。把错误记进日志，让 node-redis 自己重新连接。",
      },
    },
  },
} satisfies LessonMeta;
