// Lesson 22's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "A session cache that still honours logout",
    "zh-CN": "仍然尊重登出的会话缓存",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "every socket event is a Redis round trip: 100 events, 100 `GET sess:…`",
    "zh-CN": "每个 socket 事件都要往返 Redis 一次：100 个事件，100 次 `GET sess:…`",
  },
  teaches: {
    en: "caching sessions on a hot path and the price in revocation: a short TTL, invalidation, keyspace notifications",
    "zh-CN": "在热路径上缓存会话，以及它在撤销上的代价：短 TTL、失效通知、keyspace 通知",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SESSION_READ_PER_EVENT",
  passed: {
    en: "A busy socket reads its session a few times, not once per event, and a session ended anywhere stops acting within a second.",
    "zh-CN": "繁忙的 socket 只读取几次会话，而不是每个事件一次；会话无论在哪里结束，都会在一秒之内停止生效。",
  },
  hints: [
    {
      en: "Run `redis-cli -u <REDIS_URL> monitor` (`npm run lesson 22` prints the address) and press Refresh a few times: one `GET sess:…` per press. Which line of `server.ts` makes it, and how stale may its answer be before a user would notice?",
      "zh-CN": "运行 `redis-cli -u <REDIS_URL> monitor`（`npm run lesson 22` 会打印地址），然后点几次 Refresh：每点一次就有一条 `GET sess:…`。是 `server.ts` 的哪一行发出的？它的答案可以过时多久，用户才不会察觉？",
    },
    {
      en: "The lookup in `socket.use()` is there to notice a session that ended elsewhere: a logout on another instance, or its TTL. It need not run for every event, only often enough that such a session stops within a second. Remember when the socket last looked its session up; and keep what you remember per session (per socket is simplest), never per user name or for everybody.",
      "zh-CN": "`socket.use()` 里的查询是为了发现在别处结束的会话：在另一个实例上的登出，或 TTL 到期。它不需要对每个事件都执行，只要足够频繁，让这样的会话在一秒之内停止生效即可。记住这个 socket 上一次查询会话的时间；记住的东西要按会话区分（按 socket 最简单），不能按用户名，更不能所有人共用一份。",
    },
    {
      en: "In `io.on(\"connection\")`: `let checkedAt = Date.now();` and in `socket.use((_packet, next) => { ... })`: `if (Date.now() - checkedAt < 500) return next();`, then `const at = Date.now(); req.session.reload((err) => { if (err) return socket.disconnect(); checkedAt = at; next(); });`.",
      "zh-CN": "在 `io.on(\"connection\")` 中：`let checkedAt = Date.now();`，并在 `socket.use((_packet, next) => { ... })` 中：`if (Date.now() - checkedAt < 500) return next();`，然后 `const at = Date.now(); req.session.reload((err) => { if (err) return socket.disconnect(); checkedAt = at; next(); });`。",
    },
  ],
  // A Redis of its own: the check counts the commands the app sends it, and the battery restarts it.
  needs: { redis: "own" },
  // An io.use() middleware refuses anonymous handshakes (the README says so).
  features: { refusesVisitorSockets: true },
  // Faults only this lesson's check reports.
  faults: {
    SESSION_READ_PER_EVENT: {
      en: {
        title: "Every socket event reads the session from Redis.",
        meaning: "A socket that sends many events (typing, cursors, a live dashboard) makes one Redis round trip per event: `req.session.reload()` in `socket.use()` is a `GET sess:<id>` each time, and with thousands of sockets Redis and the network do little else. The lookup only has to notice a session that ended elsewhere, and noticing it half a second later is a delay no user can tell. Keep the result for a short time (per socket, or per session id): `if (Date.now() - checkedAt < 500) return next();` before the reload, and set `checkedAt` when it succeeds. Or drop the cached session when Redis says it ended (keyspace notifications).",
      },
      "zh-CN": {
        title: "每个 socket 事件都从 Redis 读取一次会话。",
        meaning: "发送大量事件的 socket（正在输入、光标、实时仪表盘）每个事件都要往返 Redis 一次：`socket.use()` 里的 `req.session.reload()` 每次都是一条 `GET sess:<id>`，有成千上万个 socket 时，Redis 和网络几乎只在忙这件事。这次查询只需要发现在别处结束的会话，晚半秒发现，没有用户能察觉。把结果保留一小段时间（按 socket，或按会话 id）：在 reload 之前写 `if (Date.now() - checkedAt < 500) return next();`，reload 成功时更新 `checkedAt`。或者在 Redis 告诉你会话已结束时丢弃缓存的会话（keyspace 通知）。",
      },
    },
    CACHED_SESSION_OUTLIVES_LOGOUT: {
      en: {
        title: "A second after a logout on another instance, the socket still acts as the user.",
        meaning: "The logout deleted the session from Redis on the instance that handled it, and its `disconnectSockets()` reaches only that instance's sockets. A socket on another instance learns of it only from Redis, and the cache answers instead: it never expires, lives too long, or is emptied only by this instance's own logout route. Bound the cache's age (half a second is plenty), or drop entries when Redis reports the key deleted (`notify-keyspace-events`, which Redis leaves off until you `CONFIG SET` it). The same holds for HTTP: a cached session must not answer `GET /me` after the logout either.",
      },
      "zh-CN": {
        title: "在另一个实例上登出一秒之后，socket 仍然以该用户的身份行事。",
        meaning: "登出在处理它的那个实例上把会话从 Redis 删除了，而它的 `disconnectSockets()` 只能触及那个实例上的 socket。另一个实例上的 socket 只能从 Redis 得知这件事，而缓存却抢先作了回答：它永不过期、存活太久，或者只在本实例自己的登出路由里才被清空。给缓存的存活时间设一个上限（半秒足够），或者在 Redis 报告键被删除时丢弃缓存项（`notify-keyspace-events`，Redis 默认关闭，需要你 `CONFIG SET` 打开）。HTTP 也一样：登出之后，缓存的会话同样不能再回答 `GET /me`。",
      },
    },
    CACHED_SESSION_OUTLIVES_EXPIRY: {
      en: {
        title: "A second after the session expired in Redis, its socket still acts as the user.",
        meaning: "Redis dropped the session when its TTL ran out, and told the app nothing; the cache still holds it. Invalidating on logout (a route, a `del` notification) does not see an expiry: bound the cache's age as well, or also listen for Redis's `expired` events (`notify-keyspace-events` with `x`).",
      },
      "zh-CN": {
        title: "会话在 Redis 中过期一秒之后，它的 socket 仍然以该用户的身份行事。",
        meaning: "会话的 TTL 到期时 Redis 删除了它，却没有通知应用；缓存里却还留着它。在登出时失效（登出路由、`del` 通知）看不到过期：同样要给缓存的存活时间设上限，或者也监听 Redis 的 `expired` 事件（`notify-keyspace-events` 带上 `x`）。",
      },
    },
    CACHE_SHARED_BETWEEN_SESSIONS: {
      en: {
        title: "A logged-out session's socket is kept alive by another session's cache entry.",
        meaning: "The user logged out on one device; their other device's session, still valid, had just emitted an event, and the logged-out socket went on acting as the user. The cache is keyed by something two sessions share: the user name, or nothing at all (one timestamp for every socket). One user can have many sessions, and each ends on its own: key the cache by session id, or keep it on the socket.",
      },
      "zh-CN": {
        title: "一个已登出会话的 socket 被另一个会话的缓存项维持着。",
        meaning: "用户在一台设备上登出了；他另一台设备的会话仍然有效、刚刚发送过一个事件，而已登出的 socket 仍然以该用户的身份行事。缓存的键是两个会话共有的东西：用户名，或者根本没有键（所有 socket 共用一个时间戳）。一个用户可以有多个会话，每个会话各自结束：用会话 id 作缓存的键，或者把它保存在 socket 上。",
      },
    },
    LIVE_SESSION_SOCKET_FAILED: {
      en: {
        title: "A socket whose session is still valid stopped acting as its user.",
        meaning: "The session is in Redis and nobody logged it out, yet its socket was disconnected, answered as nobody, or did not answer at all. A cache must only save reads: an event it skips must still be handled (`next()`), an entry that is too old means \"look again\", not \"log out\", and a session that ends must end only its own sockets (`io.in(sessionId)`), not every socket of the user or of the server.",
      },
      "zh-CN": {
        title: "一个会话仍然有效的 socket 不再以它的用户身份行事。",
        meaning: "会话还在 Redis 里，也没有人把它登出，它的 socket 却被断开了、以无人身份作答，或者根本不作答。缓存只能用来省掉读取：它跳过查询的事件仍然必须被处理（`next()`），太旧的缓存项意味着“再查一次”，而不是“登出”；一个会话结束时只能结束它自己的 socket（`io.in(sessionId)`），而不是这个用户或整个服务器的所有 socket。",
      },
    },
  },
} satisfies LessonMeta;
