import type { TimerHandle, Timers } from './timers.js';

export interface RepeatingTaskOptions {
  timers: Timers;
  /** One round; resolves with the delay before the next. */
  run(): Promise<number>;
  /**
   * A round failed (the `failures`-th in a row): log it and return the delay before the next.
   * `hold` (a rate limit) keeps that delay even when `soon()` asks for an earlier round.
   */
  onError(error: unknown, failures: number): number | { delayMs: number; hold: true };
}

/**
 * A job that runs again and again on injected timers — a poll, a reconnect — never two rounds at
 * once and never in a hot loop: each round says when the next one is due, a failing round backs
 * off. `stop()` resolves once a round in flight has finished.
 */
export class RepeatingTask {
  readonly #o: RepeatingTaskOptions;
  #timer: TimerHandle | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;
  #failures = 0;
  /** Asked for while a round was running: run another right after it. */
  #again = false;
  /** The next round waits for a platform's rate limit: nothing may bring it forward. */
  #held = false;

  constructor(options: RepeatingTaskOptions) {
    this.#o = options;
  }

  get running(): boolean {
    return !this.#stopped;
  }

  /** Starts (idempotent): the first round after `delayMs`. */
  start(delayMs = 0): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(delayMs);
  }

  /** Moves the next round to now (e.g. when a live connection opens or drops); after the current one if one is running. */
  soon(): void {
    if (this.#stopped || this.#held) return;
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

  /** Resolves when no round is in flight (tests). */
  async idle(): Promise<void> {
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer !== null) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = this.#o.timers.setTimeout(
      () => {
        this.#timer = null;
        this.#running = this.#round().finally(() => {
          this.#running = null;
        });
      },
      Math.max(0, ms),
    );
  }

  async #round(): Promise<void> {
    let delay: number;
    this.#held = false;
    try {
      delay = await this.#o.run();
      this.#failures = 0;
    } catch (error) {
      this.#failures += 1;
      const next = this.#o.onError(error, this.#failures);
      delay = typeof next === 'number' ? next : next.delayMs;
      if (typeof next !== 'number') {
        this.#held = true;
        this.#again = false;
      }
    }
    if (this.#again) {
      this.#again = false;
      delay = 0;
    }
    this.#schedule(delay);
  }
}
