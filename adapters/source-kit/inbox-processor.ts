import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/log.js';
import type { InboxDelivery, WebhookInbox } from './inbox.js';
import type { TimerHandle, Timers } from './timers.js';

export interface InboxProcessorOptions {
  inbox: WebhookInbox;
  topic: string;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Hands one delivery to the core; throws to have it tried again later. */
  handle(delivery: InboxDelivery): Promise<void>;
  /** How long a failed delivery waits before its next attempt (`attempts` = failures so far, from 1). */
  delayAfter(error: unknown, attempts: number): number;
  /** A short description of a failure for the log and the inbox row (never customer text). */
  describe(error: unknown): string;
  /** Told the number of deliveries still waiting after each round (for /metrics). */
  pending?(count: number): void;
  /** Deliveries taken per round trip to the store. */
  batch?: number;
  /** How often stored deliveries are looked for without a kick (retries fall due this way). */
  pollMs?: number;
  /** Processed deliveries are deleted after this long (they hold customer text). */
  keepMs?: number;
}

/**
 * Works through a webhook inbox: oldest delivery first, each handed to the core once it is due;
 * a failure leaves it stored with its next attempt later (never dropped). Runs on injected timers,
 * never two rounds at once; `start` and `stop` are idempotent, so a leader lease can switch it on
 * and off on any replica (the route keeps storing either way).
 */
export class InboxProcessor {
  readonly #o: Required<Omit<InboxProcessorOptions, 'pending'>> & Pick<InboxProcessorOptions, 'pending'>;
  #timer: TimerHandle | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = true;
  #lastPrune = 0;

  constructor(options: InboxProcessorOptions) {
    this.#o = { batch: 50, pollMs: 30_000, keepMs: 3 * 24 * 3_600_000, ...options };
  }

  get running(): boolean {
    return !this.#stopped;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.kick();
  }

  /** Looks for due deliveries now (after one was stored), or right after the round in flight. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Resolves once no round is running (tests drive the timers that start the next one). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer !== null) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = this.#o.timers.setTimeout(() => {
      this.#timer = null;
      this.#running = this.#round().finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          this.#schedule(0);
        } else {
          this.#schedule(this.#o.pollMs);
        }
      });
    }, ms);
    // Real timers must not keep a stopping process alive.
    (this.#timer as { unref?: () => void } | null)?.unref?.();
  }

  async #round(): Promise<void> {
    const { inbox, topic, logger } = this.#o;
    try {
      for (;;) {
        if (this.#stopped) return;
        const due = await inbox.due(topic, this.#o.batch);
        for (const delivery of due) {
          if (this.#stopped) return;
          await this.#process(delivery);
        }
        if (due.length < this.#o.batch) break;
      }
      this.#o.pending?.(await inbox.pending(topic));
      await this.#prune();
    } catch (error) {
      // The store itself failed (disk full, database locked): try again on the next round.
      logger.error('webhook inbox could not be read; trying again shortly', { topic, err: this.#o.describe(error) });
    }
  }

  async #process(delivery: InboxDelivery): Promise<void> {
    try {
      await this.#o.handle(delivery);
      await this.#o.inbox.done(delivery.id);
    } catch (error) {
      const attempts = delivery.attempts + 1;
      const delayMs = this.#o.delayAfter(error, attempts);
      const why = this.#o.describe(error);
      this.#o.logger.warn('a webhook delivery could not be processed; it stays stored and is tried again', {
        topic: this.#o.topic,
        delivery: delivery.id,
        attempts,
        delayMs,
        err: why,
      });
      await this.#o.inbox.retryLater(delivery.id, why, delayMs);
    }
  }

  async #prune(): Promise<void> {
    const now = this.#o.clock.now().getTime();
    if (now - this.#lastPrune < 3_600_000) return;
    this.#lastPrune = now;
    const removed = await this.#o.inbox.prune(this.#o.keepMs);
    if (removed > 0) this.#o.logger.debug('processed webhook deliveries pruned', { topic: this.#o.topic, removed });
  }
}
