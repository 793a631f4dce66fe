import { io } from "socket.io-client";
import { mountPanel } from "#page";

const API_URL = process.env.API_URL ?? "http://localhost:3000";

// Not at page load: the handshake is the socket's only look at the session.
const socket = io(API_URL, { withCredentials: true, autoConnect: false });

// A single-page app: after login the page stays where it is (the panel refreshes itself).
mountPanel({ apiUrl: API_URL, socket, afterLogin: () => void socket.connect() });

// The app's feature: notifications the server pushes to the logged-in user.
const inbox = document.createElement("section");
inbox.style.marginTop = "1rem";
inbox.innerHTML = `<h2>Notifications <button id="notify" type="button">Notify me</button> <button id="drop" type="button">Drop the connection for 10 s</button></h2><ul></ul>`;
document.getElementById("badge")!.after(inbox);
inbox.querySelector("#notify")!.addEventListener("click", () => {
  void fetch(`${API_URL}/notify`, { method: "POST", credentials: "include" });
});
socket.on("notification", (note: { text: string; at: string }) => {
  inbox.querySelector("ul")!.append(Object.assign(document.createElement("li"), { textContent: `${note.at}  ${note.text}` }));
});

// For trying recovery out: close the low-level connection, as a network blip does (Socket.IO's
// docs test recovery this way), and come back ten seconds later asking to be recovered.
inbox.querySelector("#drop")!.addEventListener("click", () => {
  socket.io.reconnection(false);
  socket.io.engine.close();
  setTimeout(() => {
    socket.io.reconnection(true);
    socket.connect();
  }, 10_000);
});
socket.on("connect", () => console.log(socket.recovered ? "recovered: missed notifications follow" : "connected"));

const me = (await (await fetch(`${API_URL}/me`, { credentials: "include" })).json()) as { user: string | null };
if (me.user) socket.connect(); // opened while already logged in (a reload, another tab)
