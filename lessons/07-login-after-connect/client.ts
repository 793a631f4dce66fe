import { io } from "socket.io-client";
import { mountPanel } from "#page";

const API_URL = process.env.API_URL ?? "http://localhost:3000";

const socket = io(API_URL, { withCredentials: true });

// A single-page app: after login the page stays where it is (the panel refreshes itself).
mountPanel({ apiUrl: API_URL, socket, afterLogin: () => {} });

// The app's feature: notifications the server pushes to the logged-in user.
const inbox = document.createElement("section");
inbox.style.marginTop = "1rem";
inbox.innerHTML = `<h2>Notifications <button id="notify" type="button">Notify me</button></h2><ul></ul>`;
document.getElementById("badge")!.after(inbox);
inbox.querySelector("#notify")!.addEventListener("click", () => {
  void fetch(`${API_URL}/notify`, { method: "POST", credentials: "include" });
});
socket.on("notification", (note: { text: string; at: string }) => {
  inbox.querySelector("ul")!.append(Object.assign(document.createElement("li"), { textContent: `${note.at}  ${note.text}` }));
});
