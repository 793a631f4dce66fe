// Other correct fixes than the reference solution: each must PASS. A checker that fails a
// fixed app lies as surely as one that passes a broken one.
import type { WrongFix } from "./wrong-fixes.ts";

export type RightFix = Omit<WrongFix, "fault">;

export const RIGHT_FIXES: RightFix[] = [
  {
    lesson: 2,
    name: "the legacy io.use() wrapper (reads the session too)",
    edits: [
      {
        file: "server.ts",
        from: 'io.on("connection"',
        to: "io.use((socket, next) => sessionMiddleware(socket.request as express.Request, {} as express.Response, next as express.NextFunction));\n\nio.on(\"connection\"",
      },
    ],
  },
  {
    lesson: 3,
    name: "both sides back on the default path",
    edits: [{ file: "server.ts", from: '  path: "/api/socket.io",\n', to: "" }],
  },
  {
    lesson: 3,
    name: "the path with a trailing slash",
    edits: [{ file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: 'io(API_URL, { withCredentials: true, path: "/api/socket.io/" })' }],
  },
  {
    lesson: 4,
    name: "origins as a list",
    edits: [
      { file: "client.ts", from: "io(API_URL)", to: "io(API_URL, { withCredentials: true })" },
      { file: "server.ts", from: "cors: { origin: CLIENT_ORIGIN } }", to: "cors: { origin: [CLIENT_ORIGIN], credentials: true } }" },
    ],
  },
  {
    lesson: 5,
    name: "every configured secret tried, as express-session does",
    edits: [
      { file: "server.ts", from: "const sid = unsign(raw.slice(2), COOKIE_SECRET);", to: "const sid = [SESSION_SECRET, COOKIE_SECRET].map((s) => unsign(raw.slice(2), s)).find((v) => v !== false) ?? false;" },
    ],
  },
  {
    lesson: 9,
    name: "WebSocket-only transport with the cookie",
    edits: [
      {
        file: "bot.ts",
        from: "const socket = io(API_URL);",
        to: 'const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");\nconst socket = io(API_URL, { transports: ["websocket"], extraHeaders: { cookie } });',
      },
    ],
  },
];
