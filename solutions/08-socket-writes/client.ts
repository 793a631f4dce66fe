import { io } from "socket.io-client";
import { mountPanel } from "#page";

const API_URL = process.env.API_URL ?? "http://localhost:3000";

const socket = io(API_URL, { withCredentials: true });

mountPanel({ apiUrl: API_URL, socket });

// The shop's cart, changed from both sides: a mug over HTTP, a sticker over the socket.
const shop = document.createElement("section");
shop.style.marginTop = "1rem";
shop.innerHTML = `
  <h2>Cart <small>POST /cart · emit("cart:add")</small></h2>
  <p><button id="add-mug" type="button">Add a mug (HTTP)</button>
     <button id="add-sticker" type="button">Add a sticker (socket)</button></p>
  <dl>
    <dt>HTTP sees</dt><dd id="cart-http">…</dd>
    <dt>socket sees</dt><dd id="cart-socket">…</dd>
  </dl>`;
document.getElementById("badge")!.before(shop);

type CartAnswer = { cart?: string[]; error?: string };
const show = (id: string, answer: CartAnswer) => {
  document.getElementById(id)!.textContent = answer.error ?? (answer.cart?.length ? answer.cart.join(", ") : "(empty)");
};

// Each side is asked separately: GET /cart for HTTP, cart:get for the socket.
const refreshCart = async () => {
  const res = await fetch(`${API_URL}/cart`, { credentials: "include" });
  show("cart-http", (await res.json()) as CartAnswer);
  socket.timeout(3000).emit("cart:get", (err: Error | null, answer: CartAnswer) => {
    show("cart-socket", err ? { error: "no answer" } : answer);
  });
};

document.getElementById("add-mug")!.addEventListener("click", async () => {
  await fetch(`${API_URL}/cart`, {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ item: "mug" }),
  });
  await refreshCart();
});
document.getElementById("add-sticker")!.addEventListener("click", () => {
  socket.timeout(3000).emit("cart:add", "sticker", () => void refreshCart());
});
socket.on("connect", () => void refreshCart());
