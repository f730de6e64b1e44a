import type { CursorStore } from './types.js';

export interface BudgetWindow {
  name: string;
  ms: number;
  limit: number;
}

const BUCKET_MS = 60_000;

/**
 * A platform's write allowance counted on our side (Bluesky: 5,000 points an hour and 35,000 a
 * day, a post costing 3), so Klaxon waits before the platform would refuse instead of after.
 * Spending is kept in one-minute buckets in the cursor store, so a restart does not forget what
 * the last hour cost. Windows slide: points leave a window a whole minute at a time, which errs
 * on the side of waiting slightly too long, never too little.
 */
export class WriteBudget {
  readonly windows: readonly BudgetWindow[];
  readonly #cursors: CursorStore;
  readonly #key: string;
  /** Points spent per minute bucket (bucket = floor(ms / 60 s)). */
  #buckets = new Map<number, number>();
  #loaded = false;

  constructor(options: { windows: readonly BudgetWindow[]; cursors: CursorStore; key: string }) {
    if (options.windows.length === 0) throw new Error('a write budget needs at least one window');
    this.windows = options.windows;
    this.#cursors = options.cursors;
    this.#key = options.key;
  }

  async load(): Promise<void> {
    if (this.#loaded) return;
    const raw = await this.#cursors.get(this.#key);
    this.#loaded = true;
    if (!raw) return;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (!Array.isArray(parsed)) return;
      for (const entry of parsed) {
        if (Array.isArray(entry) && Number.isSafeInteger(entry[0]) && typeof entry[1] === 'number' && entry[1] > 0)
          this.#buckets.set(entry[0] as number, entry[1]);
      }
    } catch {
      // A damaged value only forgets past spending; the platform's own limit still protects us.
    }
  }

  /** Points spent within `window` as of `now`. */
  used(window: BudgetWindow, now: Date): number {
    const from = Math.floor((now.getTime() - window.ms) / BUCKET_MS);
    let sum = 0;
    for (const [bucket, points] of this.#buckets) if (bucket >= from) sum += points;
    return sum;
  }

  /** How long until `cost` more points fit every window (0: now). Infinity if it can never fit. */
  waitFor(cost: number, now: Date): number {
    let wait = 0;
    for (const window of this.windows) {
      if (cost > window.limit) return Number.POSITIVE_INFINITY;
      let over = this.used(window, now) + cost - window.limit;
      if (over <= 0) continue;
      // Oldest buckets leave the window first: find when enough of them have left.
      const sorted = [...this.#buckets]
        .filter(([bucket]) => bucket >= Math.floor((now.getTime() - window.ms) / BUCKET_MS))
        .sort((a, b) => a[0] - b[0]);
      for (const [bucket, points] of sorted) {
        over -= points;
        if (over <= 0) {
          wait = Math.max(wait, (bucket + 1) * BUCKET_MS + window.ms - now.getTime());
          break;
        }
      }
    }
    return Math.max(0, wait);
  }

  /** Records `cost` points spent at `now` and persists the spending. */
  async spend(cost: number, now: Date): Promise<void> {
    const bucket = Math.floor(now.getTime() / BUCKET_MS);
    this.#buckets.set(bucket, (this.#buckets.get(bucket) ?? 0) + cost);
    this.#prune(now);
    await this.#cursors.set(this.#key, JSON.stringify([...this.#buckets]));
  }

  #prune(now: Date): void {
    const longest = Math.max(...this.windows.map((w) => w.ms));
    const from = Math.floor((now.getTime() - longest) / BUCKET_MS);
    for (const bucket of this.#buckets.keys()) if (bucket < from) this.#buckets.delete(bucket);
  }
}
