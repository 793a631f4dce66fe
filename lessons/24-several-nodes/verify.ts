// Three instances of server.ts run behind HAProxy with this folder's haproxy.cfg (the browser
// reaches only HAProxy). The standard check goes through the balancer; a socket that lost its
// long-polling requests to other instances (400 "Session ID unknown") is named as such. Then, for
// a user of the check's own: a tab on a network that blocks WebSocket must get its socket on
// long-polling alone, through the balancer; the user's tabs are put one on each instance (sockets
// straight to each one, as the balancer would spread them); a chat message said on one must reach
// the others, and a logout through the balancer must disconnect all three, and leave another
// user's socket alone.
import { randomBytes } from "node:crypto";
import {
  askWhoami,
  collect,
  connectAs,
  defineCheck,
  fetchApi,
  describeLost,
  describeWhoami,
  disconnectedWithin,
  heard,
  inputValue,
  logIn,
  logOut,
  otherUser,
  pageShows,
  pollingLost,
  submitForm,
  tabWithoutWebSocket,
  type Socket,
} from "#verify";
import lesson from "./lesson.ts";

const ACK_MS = 2000;
/** How long a chat message, or a logout, may take to reach a socket on another instance. */
const REACH_MS = 2000;

export default defineCheck(lesson, {
  refine(finding, obs) {
    const lost = pollingLost(obs);
    return lost.length ? { fault: "SOCKET_IO_NOT_STICKY", seen: [describeLost(lost), ...finding.seen] } : finding;
  },

  async extra(ctx) {
    const seen: string[] = [];
    const undecided = (...more: string[]) => ({ fault: "NO_DECISION", seen: [...seen, ...more] });
    const lostOnPage = pollingLost(ctx.obs, { stickyChance: true });
    if (lostOnPage.length) return { fault: "SOCKET_IO_NOT_STICKY", seen: [describeLost(lostOnPage)] };
    const instances = ctx.instances ?? [];
    const balancer = ctx.balancer ?? ctx.apiUrl;
    seen.push(`the page reached the app through HAProxy at ${balancer}; behind it, ${instances.length} instances of server.ts: ${instances.join(", ")}`);

    // HAProxy asks each instance GET /health (option httpchk): one that does not answer 200 is taken
    // out of the balancer a few seconds later, and with all of them, the app.
    for (const [i, url] of instances.entries()) {
      const health = await fetchApi(url, "/health").catch((err: Error) => ({ status: undefined, error: err.message }));
      if (health.status !== 200) return { fault: "HEALTH_CHECK_FAILS", seen: [...seen, `GET /health on instance app${i + 1} → ${health.status ?? ("error" in health ? health.error : "no answer")}`] };
    }
    seen.push(`GET /health → 200 on each instance, as HAProxy's health check asks`);

    const name = `team-${randomBytes(3).toString("hex")}`;
    const login = await logIn(balancer, name).catch((err: Error) => err);
    if (login instanceof Error || !login.cookie) return undecided(`POST /login as "${name}" through the balancer gave no session cookie: ${login instanceof Error ? login.message : login.line}`);
    seen.push(`"${name}" logged in through the balancer`);

    const tab = await tabWithoutWebSocket(ctx, login.cookie, 6000);
    seen.push(...tab.seen);
    if (tab.identity?.user !== name) {
      if (tab.lostAny.length) return { fault: "SOCKET_IO_NOT_STICKY", seen: [...seen, describeLost(tab.lostAny)] };
      return { fault: "NO_LONG_POLLING_FALLBACK", seen: [...seen, `its socket never answered whoami as "${name}" within 6 s`] };
    }
    if (tab.lost.length) return { fault: "SOCKET_IO_NOT_STICKY", seen: [...seen, describeLost(tab.lost), "its handshake carried the balancer's cookie, and still later requests went to other instances"] };
    seen.push(`its socket answered whoami as "${name}" on long-polling alone`);

    const sockets: Socket[] = [];
    try {
      // The user's tabs, one on each instance, as the balancer spreads a user's tabs and devices.
      for (const [i, url] of instances.entries()) {
        const socket = await connectAs(url, { cookie: login.cookie, path: ctx.socketPath, direct: true }).catch((err: Error) => err);
        if (socket instanceof Error) return { fault: "SOCKET_REJECTED", seen: [...seen, `a tab of "${name}" on instance app${i + 1} (${url}) could not connect: ${socket.message}`] };
        sockets.push(socket);
        const answer = await askWhoami(socket, ACK_MS);
        seen.push(`a tab of "${name}" on instance app${i + 1}: ${describeWhoami(answer, ACK_MS)}`);
        if (answer.me?.user !== name) return undecided();
      }
      // Another user, on the last instance.
      const other = await otherUser(ctx, { at: instances.at(-1) }).catch((err: Error) => err);
      if (other instanceof Error) return undecided(other.message);
      sockets.push(other.socket);

      // A chat message said on the first instance reaches the tabs on all of them.
      const text = `hello from app1 ${randomBytes(3).toString("hex")}`;
      const hearing = sockets.map((socket) => heard<{ user?: string; text?: string }>(socket, "said", (m) => m?.text === text, REACH_MS));
      sockets[0]!.emit("say", text);
      const heardBy = await Promise.all(hearing);
      const deaf = instances.flatMap((_, i) => (heardBy[i] ? [] : [`app${i + 1}`]));
      seen.push(`"${name}" said "${text}" on instance app1; within ${REACH_MS / 1000} s it reached the tabs on ${instances.length - deaf.length} of ${instances.length} instances${deaf.length ? ` (not ${deaf.join(", ")})` : ""}`);
      if (deaf.length) return { fault: "BROADCAST_STAYS_ON_ONE_NODE", seen };
      if (heardBy.some((m, i) => i < instances.length && m?.user !== name)) return { fault: "BROADCAST_STAYS_ON_ONE_NODE", seen: [...seen, `the message reached them as said by "${heardBy.find((m) => m?.user !== name)?.user}", not "${name}"`] };
      if (!heardBy[instances.length]) return { fault: "BROADCAST_STAYS_ON_ONE_NODE", seen: [...seen, `another user's socket ("${other.name}") did not get it`] };

      // The page's own chat, as its user uses it: typed in the form, it reaches every instance's
      // tabs as said by the page's user, and the page shows it.
      const typed = `from the page ${randomBytes(3).toString("hex")}`;
      const hearingPage = sockets.slice(0, instances.length).map((socket) => heard<{ user?: string; text?: string }>(socket, "said", (m) => m?.text === typed, REACH_MS));
      const sent = await submitForm(ctx, "chat-form", { "chat-text": typed });
      const fromPage = await Promise.all(hearingPage);
      const shown = await pageShows(ctx, `${ctx.username}: ${typed}`, REACH_MS);
      const reached = fromPage.filter((m) => m?.user === ctx.username).length;
      seen.push(`the page's chat form ${sent ? `said "${typed}"` : "was not found (#chat-form, #chat-text)"}: it reached the tabs on ${reached} of ${instances.length} instances as said by "${ctx.username}"; the page ${shown ? "shows" : "does not show"} it`);
      if (!sent || reached < instances.length || !shown) return { fault: "PAGE_CHAT_BROKEN", seen };
      // Sent, the text leaves the box: left there, the next press of Enter says it again.
      const left = await inputValue(ctx, "chat-text");
      if (left) return { fault: "PAGE_CHAT_BROKEN", seen: [...seen, `after sending, the chat box still holds "${left}": the next Enter would say it again`] };

      // Only a logged-in user speaks, and a blank message is none. A visitor's socket (on app2) says
      // something and is answered (so the server has handled it); then the user says "   " and a
      // last message on app1. Redis relays in the order things were published: once the last
      // message reached every tab, anything relayed before it has too.
      const visitor = await connectAs(instances[1] ?? ctx.apiUrl, { path: ctx.socketPath, direct: true }).catch(() => undefined);
      if (visitor) sockets.push(visitor);
      const listening = sockets.slice(0, instances.length).map((socket) => collect<{ user?: string; text?: string }>(socket, "said"));
      const stranger = `a visitor's message ${randomBytes(3).toString("hex")}`;
      const last = `the last message ${randomBytes(3).toString("hex")}`;
      if (visitor) {
        visitor.emit("say", stranger);
        await askWhoami(visitor, ACK_MS);
      }
      sockets[0]!.emit("say", { text: "not a string" }); // what a broken or hostile client sends: nothing to relay, nothing to crash on
      sockets[0]!.emit("say", "   ");
      sockets[0]!.emit("say", last);
      await Promise.all(sockets.slice(0, instances.length).map((socket) => heard<{ text?: string }>(socket, "said", (m) => m?.text === last, REACH_MS)));
      listening.forEach((l) => l.stop());
      const relayed = listening.flatMap((l) => l.got).filter((m) => m?.text === stranger || !m?.text?.trim());
      seen.push(`a visitor's socket said "${stranger}", and "${name}" said "   ": ${relayed.length ? `the tabs got ${JSON.stringify(relayed[0])}` : "neither reached any tab"}`);
      if (relayed.length) return { fault: "CHAT_RELAYS_WHAT_IT_SHOULD_NOT", seen };

      // A logout through the balancer ends the user's tabs on every instance, and only theirs.
      const out = await logOut(balancer, login.cookie);
      seen.push(`"${name}" logged out through the balancer: ${out.line}`);
      if (!out.status || out.status < 200 || out.status >= 300) return undecided();
      for (const [i, socket] of sockets.slice(0, instances.length).entries()) {
        const gone = await disconnectedWithin(socket, REACH_MS);
        if (gone) {
          seen.push(`the tab on app${i + 1} was disconnected (${gone})`);
          continue;
        }
        const answer = await askWhoami(socket, ACK_MS);
        seen.push(`the tab on app${i + 1}, ${REACH_MS / 1000} s after the logout, is still connected: ${describeWhoami(answer, ACK_MS)}`);
        return { fault: "LOGOUT_STAYS_ON_ONE_NODE", seen };
      }
      const bystander = await askWhoami(other.socket, ACK_MS);
      seen.push(`another user's socket ("${other.name}"): ${describeWhoami(bystander, ACK_MS)}`);
      if (bystander.me?.user !== other.name) return { fault: "LOGOUT_DISCONNECTED_OTHERS", seen };
      return undefined;
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
  },
});
