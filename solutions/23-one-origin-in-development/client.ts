import { io } from "socket.io-client";
import { mountPanel } from "#page";
import "#page/panel.css";

const socket = io(); // the page's own origin: Vite's proxy passes the socket and the routes on to the API

mountPanel({ apiUrl: "", socket });
