import { io } from "socket.io-client";
import { mountPanel } from "#page";

const API_URL = process.env.API_URL ?? "http://localhost:3000";

const socket = io(API_URL, { withCredentials: true });

mountPanel({ apiUrl: API_URL, socket });
