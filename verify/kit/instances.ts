// More instances of the app's server, as a load balancer runs several: the same code, secret,
// client origin and Redis, each on a port of its own.
import { freePort, startLessonServer } from "../app/lesson-server.ts";
import type { CheckContext } from "./check.ts";

export interface Instance {
  apiUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts another instance of the app's server.ts, as a load balancer runs several: same code,
 * secret, client origin and Redis, a port of its own. With `clientOrigin`, it is told another
 * CLIENT_ORIGIN (a production-style one, say). The caller must stop() it.
 */
export async function startInstance(ctx: CheckContext, options: { clientOrigin?: string } = {}): Promise<Instance> {
  const port = await freePort();
  const server = await startLessonServer(ctx.appDir, {
    port,
    clientOrigin: options.clientOrigin ?? new URL(ctx.pageUrl).origin,
    secret: ctx.secret,
    previousSecret: ctx.previousSecret,
    redisUrl: ctx.redisUrl,
  });
  return { apiUrl: `http://localhost:${port}`, output: () => server.output(), stop: () => server.stop() };
}
