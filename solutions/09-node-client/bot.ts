// A small bot (think: a CLI, a load tester, a test): it logs in over HTTP like a user would,
// then follows the app over Socket.IO. Run it (from the workshop folder, with the lesson running):
//   API_URL=http://localhost:3000 npx tsx lessons/09-node-client/bot.ts
import { io } from "socket.io-client";

const API_URL = process.env.API_URL ?? "http://localhost:3000";
const BOT_USER = process.env.BOT_USER ?? "bot";

const res = await fetch(`${API_URL}/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: BOT_USER }),
});
if (!res.ok) throw new Error(`login failed: ${res.status}`);

// Node has no cookie jar: hand the session cookie from the login response to the socket.
const cookie = res.headers.getSetCookie().map((header) => header.split(";")[0]).join("; ");
const socket = io(API_URL, { extraHeaders: { cookie } });

socket.on("connect", () => {
  socket.emit("whoami", (me: { sessionId: string | null; user: string | null }) => {
    console.log(`connected as ${me.user ?? "nobody"}`);
    socket.disconnect();
  });
});

socket.on("connect_error", (err) => {
  console.error(`could not connect: ${err.message}`);
  socket.disconnect();
  process.exitCode = 1;
});
