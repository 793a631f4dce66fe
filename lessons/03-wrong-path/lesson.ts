// Lesson 3's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Client and server on the same Socket.IO path",
    "zh-CN": "客户端和服务器使用相同的 Socket.IO path",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "the socket never connects",
    "zh-CN": "socket 一直连不上",
  },
  teaches: {
    en: "the `path` option, and why it is not the namespace",
    "zh-CN": "`path` 选项，以及它为什么不是命名空间",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_PATH_MISMATCH",
  passed: {
    en: "Client and server agree on the Socket.IO path, and the socket shares the HTTP session.",
    "zh-CN": "客户端和服务器使用相同的 Socket.IO path，socket 与 HTTP 共用同一个会话。",
  },
  hints: [
    {
      en: "Open the browser's network tab: which URL does the socket request, and what status comes back?",
      "zh-CN": "打开浏览器的 Network 面板：socket 请求的是哪个 URL？返回了什么状态码？",
    },
    {
      en: "The server was created with a custom `path` option. The client has one too, and its default is `/socket.io/`.",
      "zh-CN": "服务器在创建时传入了自定义的 `path` 选项。客户端也有这个选项，默认值是 `/socket.io/`。",
    },
    {
      en: "Pass the server's path to the client: `io(API_URL, { withCredentials: true, path: \"/api/socket.io\" })`.",
      "zh-CN": "把服务器的 path 传给客户端：`io(API_URL, { withCredentials: true, path: \"/api/socket.io\" })`。",
    },
  ],
  // Faults only this lesson's check reports.
  faults: {
    SOCKET_PATH_OUTSIDE_API: {
      en: {
        title: "Socket.IO was moved out of /api, where production's proxy does not forward it.",
        meaning: "Client and server now agree on the path, but on a path outside /api: in production a reverse proxy forwards only /api/* to this server (server.ts says so), so every handshake there would get the proxy's 404. Keep the server's `path: \"/api/socket.io\"` and give the client the same path: `io(API_URL, { withCredentials: true, path: \"/api/socket.io\" })`.",
      },
      "zh-CN": {
        title: "Socket.IO 被移出了 /api，而生产环境的代理不会转发那里。",
        meaning: "客户端和服务器现在用的是同一个路径，但这个路径在 /api 之外：生产环境里反向代理只把 /api/* 转发给这个服务器（server.ts 里写着），所以那里的每次握手都会得到代理的 404。保留服务器的 `path: \"/api/socket.io\"`，并给客户端同样的路径：`io(API_URL, { withCredentials: true, path: \"/api/socket.io\" })`。",
      },
    },
  },
} satisfies LessonMeta;
