// The debug panel every lesson page shares: what HTTP sees next to what the socket sees.
// A lesson's client.ts creates its socket the way the lesson is about, then hands it here.
// The verifier never trusts this panel: it reads the same facts from the wire.
import type { Socket } from "socket.io-client";

export interface Identity {
  sessionId: string | null;
  user: string | null;
}

export interface PanelOptions {
  /** Where the Express API lives, e.g. http://localhost:3000. */
  apiUrl: string;
  /** The lesson's socket (connected already or not). */
  socket: Socket;
  /** What the page does once POST /login succeeded. Default: reload, like a classic login redirect. */
  afterLogin?: () => void | Promise<void>;
  /** For an app that checks passwords (lesson 20): the form asks for one and sends it with the name. */
  askPassword?: boolean;
}

const html = `
  <header>
    <h1>${document.title}</h1>
    <form id="login-form">
      <input id="username" name="username" placeholder="username" autocomplete="username" required />
      <button id="login" type="submit">Log in</button>
      <button id="logout" type="button">Log out</button>
      <button id="refresh" type="button">Refresh</button>
    </form>
  </header>
  <main>
    <section id="http">
      <h2>HTTP <small>GET /me</small></h2>
      <dl>
        <dt>session id</dt><dd data-field="sessionId">…</dd>
        <dt>user</dt><dd data-field="user">…</dd>
        <dt>last error</dt><dd data-field="error">none</dd>
      </dl>
    </section>
    <section id="socket">
      <h2>Socket.IO <small>emit("whoami")</small></h2>
      <dl>
        <dt>connection</dt><dd data-field="state">connecting…</dd>
        <dt>session id</dt><dd data-field="sessionId">…</dd>
        <dt>user</dt><dd data-field="user">…</dd>
        <dt>last error</dt><dd data-field="error">none</dd>
      </dl>
    </section>
  </main>
  <p id="badge" class="badge unknown">waiting for both sides…</p>
  <p class="note">This panel is a debugging aid. The check that <code>npm run lesson</code> runs reads cookies, handshakes and frames itself.</p>
`;

// Like a classic login redirect: the page (and its socket) start again with the new cookie.
const reloadPage = () => {
  location.reload();
  return new Promise<void>(() => {}); // nothing after a reload should run
};

export function mountPanel({ apiUrl, socket, afterLogin = reloadPage, askPassword = false }: PanelOptions): void {
  document.body.innerHTML = html;
  if (askPassword) {
    document.getElementById("username")!.after(
      Object.assign(document.createElement("input"), { id: "password", name: "password", type: "password", placeholder: "password", autocomplete: "current-password", required: true }),
    );
  }
  const http: Partial<Identity> = {};
  const sock: Partial<Identity> = {};

  const set = (section: "http" | "socket", field: string, value: unknown) => {
    const el = document.querySelector(`#${section} [data-field="${field}"]`);
    if (el) el.textContent = value === null || value === undefined ? "(none)" : String(value);
    updateBadge();
  };

  const updateBadge = () => {
    const badge = document.getElementById("badge")!;
    if (http.sessionId === undefined || sock.sessionId === undefined) {
      badge.className = "badge unknown";
      badge.textContent = "waiting for both sides…";
    } else if (http.sessionId && http.sessionId === sock.sessionId && http.user === sock.user) {
      badge.className = "badge match";
      badge.textContent = `match: one session (${http.user ?? "anonymous"})`;
    } else {
      badge.className = "badge mismatch";
      badge.textContent = "mismatch: HTTP and the socket see different sessions";
    }
  };

  const refreshHttp = async () => {
    try {
      const res = await fetch(`${apiUrl}/me`, { credentials: "include" });
      if (!res.ok) throw new Error(`GET /me answered ${res.status}`);
      const me = (await res.json()) as Identity;
      Object.assign(http, me);
      set("http", "sessionId", me.sessionId);
      set("http", "user", me.user);
      set("http", "error", "none");
    } catch (err) {
      set("http", "error", (err as Error).message);
    }
  };

  const refreshSocket = () => {
    if (!socket.connected) return;
    socket.timeout(3000).emit("whoami", (err: Error | null, me: Identity) => {
      if (err) return set("socket", "error", "no answer to whoami");
      Object.assign(sock, me);
      set("socket", "sessionId", me.sessionId);
      set("socket", "user", me.user);
    });
  };

  // The transport in use now: a connection starts on long-polling and usually upgrades to WebSocket.
  const showTransport = () => set("socket", "state", `connected (${socket.io.engine.transport.name})`);
  socket.on("connect", () => {
    showTransport();
    socket.io.engine.once("upgrade", showTransport);
    set("socket", "error", "none");
    refreshSocket();
  });
  socket.on("connect_error", (err) => {
    set("socket", "state", "not connected");
    set("socket", "error", err.message);
  });
  socket.on("disconnect", (reason) => set("socket", "state", `disconnected (${reason})`));

  document.getElementById("login-form")!.addEventListener("submit", async (event) => {
    event.preventDefault();
    const username = (document.getElementById("username") as HTMLInputElement).value;
    const password = (document.getElementById("password") as HTMLInputElement | null)?.value;
    try {
      const res = await fetch(`${apiUrl}/login`, {
        method: "POST",
        credentials: "include",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(password === undefined ? { username } : { username, password }),
      });
      const text = await res.text(); // read the answer fully before the page moves on
      if (!res.ok) throw new Error(`POST /login answered ${res.status}${reason(text)}`);
      await afterLogin();
      await refreshHttp();
      refreshSocket();
    } catch (err) {
      set("http", "error", (err as Error).message);
    }
  });
  document.getElementById("logout")!.addEventListener("click", async () => {
    await fetch(`${apiUrl}/logout`, { method: "POST", credentials: "include" }).catch(() => {});
    location.reload();
  });
  document.getElementById("refresh")!.addEventListener("click", () => {
    void refreshHttp();
    refreshSocket();
  });

  void refreshHttp();
}

/** The `error` a refusal explains itself with (`{ "error": "username is required" }`), as ": …". */
function reason(body: string): string {
  try {
    const error = (JSON.parse(body) as { error?: unknown }).error;
    return typeof error === "string" && error ? `: ${error}` : "";
  } catch {
    return "";
  }
}
