import type { ManualClock } from '../../src/clock.js';
import type { Timers } from '../../adapters/twitter/timers.js';

interface Pending {
  id: number;
  fn: () => void;
  ms: number;
  due: number;
}

/**
 * Timers that fire only when a test moves the clock: `advance(ms)` moves the ManualClock and runs
 * every timer that has come due, in order. No test waits for real time to pass.
 */
export class ManualTimers implements Timers {
  readonly #clock: ManualClock;
  readonly #pending = new Map<number, Pending>();
  #seq = 0;

  constructor(clock: ManualClock) {
    this.#clock = clock;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = ++this.#seq;
    this.#pending.set(id, { id, fn, ms, due: this.#clock.now().getTime() + ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }

  /** Scheduled timers, soonest first, with the delay each was scheduled with. */
  pending(): { ms: number; inMs: number }[] {
    const now = this.#clock.now().getTime();
    return [...this.#pending.values()].sort((a, b) => a.due - b.due || a.id - b.id).map((p) => ({ ms: p.ms, inMs: p.due - now }));
  }

  /** Moves the clock forward by `ms`, running each timer as its time comes. Returns how many ran. */
  advance(ms: number): number {
    const end = this.#clock.now().getTime() + ms;
    let ran = 0;
    for (;;) {
      const next = [...this.#pending.values()].filter((p) => p.due <= end).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.#pending.delete(next.id);
      if (next.due > this.#clock.now().getTime()) this.#clock.set(next.due);
      next.fn();
      ran += 1;
    }
    this.#clock.set(end);
    return ran;
  }

  /** Runs the soonest timer, moving the clock to its time. */
  runNext(): { ms: number } | null {
    const next = this.pending()[0];
    if (!next) return null;
    this.advance(next.inMs);
    return { ms: next.ms };
  }
}
