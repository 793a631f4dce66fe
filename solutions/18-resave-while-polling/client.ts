import { io } from "socket.io-client";
import { mountPanel } from "#page";

const API_URL = process.env.API_URL ?? "http://localhost:3000";

// The office proxy drops WebSocket upgrades, so this client stays on HTTP long-polling.
const socket = io(API_URL, { withCredentials: true, transports: ["polling"] });

mountPanel({ apiUrl: API_URL, socket });
