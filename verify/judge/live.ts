// One lesson kept running for `npm run lesson`: its server and page on the learner's ports, checked
// again whenever the CLI asks. A save of the server restarts it; a save of the client only bundles
// the page again. Between checks the next check's browser tab is opened ahead, so a save need not
// wait for it. A lesson's own Redis (`needs.redis: "own"`) outlives server restarts: a save must
// not log the learner out.
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright";
import { startRedisServer, type RedisServer } from "../app/redis.ts";
import { freshTab, type Tab } from "../app/tabs.ts";
import type { Finding } from "../evidence/diagnose.ts";
import type { Arrow } from "../evidence/sequence.ts";
import { startApp, type App } from "../app/start.ts";
import { asFinding, judgeRunning, type Target } from "./run.ts";

export interface LiveLessonOptions {
  port: number;
  clientPort: number;
  /** Everything the server prints, as it prints it. */
  onServerOutput?: (text: string) => void;
  /** The server ended by itself (not stopped by the workshop): how it ended. */
  onServerExit?: (how: string) => void;
}

export class LiveLesson {
  private app: App | undefined;
  private readonly secret = randomBytes(18).toString("base64url");
  private nextTab: Promise<Tab> | undefined;
  private ownRedis: Promise<RedisServer> | undefined;
  /** How the server ended by itself, if it did since it last started. */
  died: string | undefined;
  /**
   * The last check's picture (evidence/sequence.ts: draw it with sequenceSvg): the page's
   * exchanges and the check's probes, as the verifier judged them. Undefined until a check saw
   * something, and again once the app restarts or its page is rebuilt, until the next check.
   */
  lastSequence: Arrow[] | undefined;

  constructor(
    readonly target: Target,
    private readonly options: LiveLessonOptions,
  ) {}

  /** The running app's addresses, once started. */
  get running(): Pick<App, "pageUrl" | "apiUrl" | "redisUrl"> | undefined {
    return this.app;
  }

  /** (Re)starts the server and the page; a server that cannot start is a finding. */
  async start(): Promise<Finding | undefined> {
    return asFinding(this.startApp().then(() => undefined));
  }

  private async startApp(): Promise<void> {
    await this.stop();
    const app = await startApp(this.target, {
      port: this.options.port,
      clientPort: this.options.clientPort,
      secret: this.secret,
      onServerOutput: this.options.onServerOutput,
      ownRedis: this.target.lesson.needs.redis === "own" ? await (this.ownRedis ??= startRedisServer()) : undefined,
    });
    this.app = app;
    this.died = undefined;
    void app.server.exited.then((how) => {
      if (this.app !== app) return; // stopped by the workshop
      this.died = how;
      this.options.onServerExit?.(how);
    });
  }

  /** Bundles the page again (a save of client.ts); a bundle error is a finding. */
  async rebuildClient(): Promise<Finding | undefined> {
    if (!this.app) return this.start();
    this.lastSequence = undefined; // a picture of the page before this save
    return asFinding(this.app.client.rebuild().then(() => undefined));
  }

  /** Checks the running app in a fresh browser tab (opened ahead when it could be). */
  async check(browser: Browser): Promise<Finding | undefined> {
    if (!this.app) throw new Error("LiveLesson.check() before start()");
    const tab = this.nextTab ?? freshTab(browser);
    this.nextTab = undefined;
    this.lastSequence = undefined;
    const app = this.app;
    // A check that ends after its app was restarted draws an app that is gone: not kept.
    const onEvidence = (arrows: Arrow[]) => void (this.app === app && (this.lastSequence = arrows));
    return judgeRunning(browser, this.target, app, tab, { onEvidence });
  }

  /** Opens the next check's tab now, while the learner edits. */
  prepare(browser: Browser): void {
    this.nextTab ??= freshTab(browser);
    this.nextTab.catch(() => {});
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    this.died = undefined;
    this.lastSequence = undefined;
    await app?.stop();
  }

  async close(): Promise<void> {
    await this.stop();
    (await this.ownRedis?.catch(() => undefined))?.stop();
    await this.nextTab?.then((t) => t.release()).catch(() => {});
  }
}
