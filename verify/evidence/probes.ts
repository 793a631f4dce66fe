// Extra evidence the browser cannot give, gathered from Node after a finding: where the server
// really answers Socket.IO handshakes, and the headers of a handshake Chromium blocked for CORS.

/** The browser hides a CORS-blocked answer; asking again from Node shows the server's real headers. */
export async function replayHandshake(url: URL, pageUrl: string, cookie: string | undefined): Promise<string> {
  const replay = new URL(url);
  replay.hostname = "127.0.0.1";
  replay.searchParams.delete("t");
  try {
    const res = await fetch(replay, {
      headers: { origin: new URL(pageUrl).origin, ...(cookie ? { cookie: `connect.sid=${cookie}` } : {}) },
      signal: AbortSignal.timeout(1000),
    });
    const show = (name: string) => `${name}: ${res.headers.get(name) ?? "(missing)"}`;
    return `that handshake, replayed from Node with the page's Origin and the cookie → ${res.status} with ${show("access-control-allow-origin")}, ${show("access-control-allow-credentials")}`;
  } catch (err) {
    return `replaying the handshake from Node failed: ${(err as Error).message}`;
  }
}

/** Where does the server answer Socket.IO handshakes? Extra evidence for a path mismatch. */
export async function probeSocketPaths(apiUrl: string, pageUrl: string): Promise<string[]> {
  const candidates = ["/socket.io/", "/api/socket.io/", "/ws/", "/socket/", "/realtime/"];
  const found: string[] = [];
  await Promise.all(
    candidates.map(async (candidate) => {
      try {
        const res = await fetch(`${apiUrl.replace("localhost", "127.0.0.1")}${candidate}?EIO=4&transport=polling`, {
          headers: { origin: new URL(pageUrl).origin },
          signal: AbortSignal.timeout(1000),
        });
        if (res.ok && (await res.text()).startsWith("0{")) found.push(candidate);
      } catch {
        // not there
      }
    }),
  );
  return found.length
    ? [`the server does answer Socket.IO handshakes at ${found.join(", ")} (probed directly)`]
    : ["no Socket.IO handshake answered at the usual paths (probed directly)"];
}
