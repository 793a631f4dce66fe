import { io } from "socket.io-client";
import { mountPanel } from "#page";

const API_URL = process.env.API_URL ?? "http://localhost:3000";

const socket = io(API_URL, { withCredentials: true });

mountPanel({ apiUrl: API_URL, socket });

// The admin tools: who is online, and which session a connect.sid value belongs to.
const admin = document.createElement("section");
admin.style.marginTop = "1rem";
admin.innerHTML = `
  <h2>Admin <small>GET /admin/online · POST /admin/lookup</small></h2>
  <p>Online now: <span id="online">…</span></p>
  <form id="lookup-form">
    <input id="lookup-value" placeholder="a connect.sid value: s%3A…" size="48" required />
    <button type="submit">Look up</button>
  </form>
  <pre id="lookup-result"></pre>`;
document.getElementById("badge")!.before(admin);

const call = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${API_URL}${path}`, { credentials: "include", ...init });
  const json = res.headers.get("content-type")?.includes("json");
  return { status: res.status, body: (json ? await res.json() : { error: res.statusText }) as Record<string, unknown> };
};

// The admin routes are for logged-in users: a visitor is not asked, and sees why.
const refreshOnline = async () => {
  const me = await call("/me");
  if (!me.body.user) {
    document.getElementById("online")!.textContent = "(log in to see)";
    return;
  }
  const { body } = await call("/admin/online");
  document.getElementById("online")!.textContent = Array.isArray(body.online)
    ? body.online.join(", ") || "(nobody)"
    : String(body.error);
};

document.getElementById("lookup-form")!.addEventListener("submit", async (event) => {
  event.preventDefault();
  const cookie = (document.getElementById("lookup-value") as HTMLInputElement).value.trim();
  const { status, body } = await call("/admin/lookup", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cookie }),
  });
  document.getElementById("lookup-result")!.textContent = `${status} ${JSON.stringify(body)}`;
});
socket.on("connect", () => void refreshOnline());
void refreshOnline();
