// Plausible wrong fixes that learners try, each applied to the pristine lesson: every one must
// still FAIL the verifier (a verifier that passes a broken app is this project's worst bug).
// Like learnyounode's invalid solutions, but written as edits so they stay in step with the lesson.
import type { FaultCode } from "../verify/faults.ts";

export interface WrongFix {
  lesson: number;
  name: string;
  /** Edits on the pristine lesson: in `file`, replace `from` (must occur) with `to`. */
  edits: { file: string; from: string; to: string }[];
  /** The fault the verifier must report. */
  fault: FaultCode;
}

export const WRONG_FIXES: WrongFix[] = [
  {
    lesson: 1,
    name: "a second session() before the routes",
    edits: [
      {
        file: "server.ts",
        from: "app.use(express.json());\n",
        to: 'app.use(express.json());\napp.use(session({ secret: process.env.SESSION_SECRET ?? "keyboard cat", resave: false, saveUninitialized: false }));\n',
      },
    ],
    // A second session() has its own MemoryStore: express-session finds no session there for the
    // cookie's id and starts a fresh one, so the socket's id differs (not "same id, no data").
    fault: "SOCKET_SESSION_MISMATCH",
  },
  {
    lesson: 1,
    name: "moved before the routes but dropped from Socket.IO",
    edits: [
      { file: "server.ts", from: "app.use(express.json());\n", to: "app.use(express.json());\napp.use(sessionMiddleware);\n" },
      { file: "server.ts", from: "app.use(sessionMiddleware);\nio.engine.use(sessionMiddleware);", to: "" },
    ],
    fault: "SOCKET_SESSION_MISSING",
  },
  {
    lesson: 2,
    name: "a new session() instance for Socket.IO",
    edits: [
      {
        file: "server.ts",
        from: 'io.on("connection"',
        to: 'io.engine.use(session({ secret: process.env.SESSION_SECRET ?? "keyboard cat", resave: false, saveUninitialized: false }));\n\nio.on("connection"',
      },
    ],
    fault: "SOCKET_SESSION_MISMATCH",
  },
  {
    lesson: 2,
    name: "session middleware with the default secret",
    edits: [
      {
        file: "server.ts",
        from: 'io.on("connection"',
        to: 'io.engine.use(session({ secret: "keyboard cat", resave: false, saveUninitialized: false }));\n\nio.on("connection"',
      },
    ],
    fault: "SOCKET_SESSION_MISMATCH",
  },
  {
    lesson: 3,
    name: "the path put into the URL (that is a namespace)",
    edits: [{ file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: 'io(`${API_URL}/api/socket.io`, { withCredentials: true })' }],
    fault: "SOCKET_PATH_MISMATCH",
  },
  {
    lesson: 3,
    name: "a path with a typo",
    edits: [{ file: "client.ts", from: "io(API_URL, { withCredentials: true })", to: 'io(API_URL, { withCredentials: true, path: "/socket.io/api" })' }],
    fault: "SOCKET_PATH_MISMATCH",
  },
  {
    lesson: 4,
    name: "client fixed, server CORS still without credentials",
    edits: [{ file: "client.ts", from: "io(API_URL)", to: "io(API_URL, { withCredentials: true })" }],
    fault: "CORS_CREDENTIALS_MISSING",
  },
  {
    lesson: 4,
    name: "server fixed, client still without withCredentials",
    edits: [{ file: "server.ts", from: "cors: { origin: CLIENT_ORIGIN } }", to: "cors: { origin: CLIENT_ORIGIN, credentials: true } }" }],
    fault: "SOCKET_CREDENTIALS_MISSING",
  },
  {
    lesson: 4,
    name: "wildcard origin with credentials",
    edits: [
      { file: "client.ts", from: "io(API_URL)", to: "io(API_URL, { withCredentials: true })" },
      { file: "server.ts", from: "cors: { origin: CLIENT_ORIGIN } }", to: 'cors: { origin: "*", credentials: true } }' },
    ],
    fault: "CORS_WILDCARD_WITH_CREDENTIALS",
  },
  {
    lesson: 5,
    name: "the right secret, but the s: prefix left on",
    edits: [
      { file: "server.ts", from: "unsign(raw.slice(2), COOKIE_SECRET)", to: "unsign(raw, SESSION_SECRET)" },
    ],
    fault: "SOCKET_SECRET_MISMATCH",
  },
  {
    lesson: 5,
    name: "the raw header value, never URL-decoded",
    edits: [
      {
        file: "server.ts",
        from: 'const raw = parse(cookieHeader ?? "")["connect.sid"]; // parse() also URL-decodes',
        to: 'const raw = (cookieHeader ?? "").split("connect.sid=")[1]?.split(";")[0];',
      },
      { file: "server.ts", from: "unsign(raw.slice(2), COOKIE_SECRET)", to: "unsign(raw.slice(2), SESSION_SECRET)" },
    ],
    fault: "SOCKET_SECRET_MISMATCH",
  },
  {
    lesson: 9,
    name: "withCredentials in Node (keeps only the socket's own cookies)",
    edits: [{ file: "bot.ts", from: "const socket = io(API_URL);", to: "const socket = io(API_URL, { withCredentials: true });" }],
    fault: "NODE_CLIENT_COOKIE_MISSING",
  },
  {
    lesson: 9,
    name: "the cookie sent in auth instead of a Cookie header",
    edits: [
      {
        file: "bot.ts",
        from: "const socket = io(API_URL);",
        to: 'const socket = io(API_URL, { auth: { cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") } });',
      },
    ],
    fault: "NODE_CLIENT_COOKIE_MISSING",
  },
];
