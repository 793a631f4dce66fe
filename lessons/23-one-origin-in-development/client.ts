import { io } from "socket.io-client";
import { mountPanel } from "#page";
import "#page/panel.css";

// Where the API runs (the workshop sets VITE_API_URL; a real project keeps it in .env).
const API_URL = import.meta.env.VITE_API_URL ?? "http://localhost:3000";

const socket = io(API_URL, { withCredentials: true });

mountPanel({ apiUrl: API_URL, socket });
