import { defineConfig } from "vite";

// Vite serves the page (index.html, client.ts) on http://127.0.0.1:8080. The API (server.ts) runs
// on its own port: the workshop tells this file where, as API_URL.
const API_URL = process.env.API_URL ?? "http://localhost:3000";

export default defineConfig({
  server: {
    host: "127.0.0.1",
    port: 8080,
  },
});
