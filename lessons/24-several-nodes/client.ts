import { io } from "socket.io-client";
import { mountPanel } from "#page";

// The load balancer's address: the page never talks to an instance directly.
const API_URL = process.env.API_URL ?? "http://localhost:3000";

const socket = io(API_URL, { withCredentials: true });

mountPanel({ apiUrl: API_URL, socket });

// The app's feature: a chat every open tab sees, whichever instance its socket landed on.
const chat = document.createElement("section");
chat.style.marginTop = "1rem";
chat.innerHTML = `<h2>Team chat</h2><form id="chat-form"><input id="chat-text" placeholder="say something" autocomplete="off" /> <button id="say" type="submit">Say</button></form><ul id="chat"></ul>`;
document.getElementById("badge")!.after(chat);
chat.querySelector("form")!.addEventListener("submit", (event) => {
  event.preventDefault();
  const input = chat.querySelector<HTMLInputElement>("#chat-text")!;
  socket.emit("say", input.value);
  input.value = "";
});
socket.on("said", (message: { user: string; text: string }) => {
  chat.querySelector("ul")!.append(Object.assign(document.createElement("li"), { textContent: `${message.user}: ${message.text}` }));
});
