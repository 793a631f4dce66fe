// Lesson 14's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "One session store for every instance",
    "zh-CN": "所有实例共用一个会话存储",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "a restart logs everybody out; behind a load balancer, users are logged out on the other instance",
    "zh-CN": "一重启所有人都被登出；在负载均衡后面，用户在另一个实例上是登出状态",
  },
  teaches: {
    en: "MemoryStore is per process: a shared Redis store (connect-redis) for every instance",
    "zh-CN": "MemoryStore 属于单个进程：所有实例共用一个 Redis store（connect-redis）",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SESSION_NOT_SHARED_BETWEEN_INSTANCES",
  passed: {
    en: "A second instance sharing Redis knows the same session, over HTTP and the socket, both ways.",
    "zh-CN": "共用 Redis 的第二个实例认得同一个会话，HTTP 和 socket 都是如此，两个方向都成立。",
  },
  hints: [
    {
      en: "Log in, save `server.ts` without changing it (the server restarts) and press Refresh: you are logged out, though the cookie is the same. Where was your session kept?",
      "zh-CN": "登录，什么都不改、保存一下 `server.ts`（服务器会重启），然后点 Refresh：你已经退出登录了，尽管 cookie 还是同一个。你的会话存放在哪里？",
    },
    {
      en: "Without a `store` option, express-session keeps sessions in a MemoryStore in the process's memory: each instance has its own, and a restart empties it. The instances already share a Redis server (`redis` in server.ts), and connect-redis is a session store that keeps sessions there.",
      "zh-CN": "没有 `store` 选项时，express-session 把会话放在进程内存中的 MemoryStore 里：每个实例各有一份，重启就清空。各实例已经共用一个 Redis 服务器（server.ts 里的 `redis`），而 connect-redis 就是一个把会话存放在那里的会话存储。",
    },
    {
      en: "`import { RedisStore } from \"connect-redis\";` and in `session({ ... })`: `store: new RedisStore({ client: redis }),`.",
      "zh-CN": "`import { RedisStore } from \"connect-redis\";`，并在 `session({ ... })` 中加上：`store: new RedisStore({ client: redis }),`。",
    },
  ],
  // A Redis of its own: the battery restarts it.
  needs: { redis: "own" },
  // Login statistics in Redis (GET /stats): the battery tries them.
  features: { stats: true },
  // Faults only this lesson's check reports.
  faults: {
    SESSION_NOT_SHARED_BETWEEN_INSTANCES: {
      en: {
        title: "Each instance of the server keeps sessions of its own.",
        meaning: "Without a `store`, express-session keeps sessions in a MemoryStore inside the Node process. Run the server twice behind a load balancer and a session made by one instance does not exist on the other: every request and socket that lands there is logged out (and a restart logs everybody out). Give `session()` a store every instance shares: `store: new RedisStore({ client: redis })` from connect-redis, with the Redis client the app already connects.",
      },
      "zh-CN": {
        title: "服务器的每个实例都各自保存自己的会话。",
        meaning: "没有 `store` 时，express-session 把会话保存在 Node 进程内的 MemoryStore 里。在负载均衡器后面把服务器运行两份，一个实例创建的会话在另一个实例上并不存在：落到那里的每个请求和 socket 都是未登录状态（而一次重启会让所有人退出登录）。给 `session()` 一个所有实例共享的存储：connect-redis 的 `store: new RedisStore({ client: redis })`，使用应用已经连接好的那个 Redis 客户端。",
      },
    },
  },
} satisfies LessonMeta;
