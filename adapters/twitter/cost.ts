import type { Clock } from '../../src/clock.js';
import type { Metrics } from '../../src/telemetry.js';
import type { AccessProfile, Prices } from './access.js';

/** The billed item each counted X operation is (others — requests, rule syncs — are not billed per item). */
const BILLED: Partial<Record<string, keyof Prices>> = {
  posts_read: 'postRead',
  own_posts_read_items: 'ownPostRead',
  users_read: 'userRead',
  reply: 'postWrite',
  dm: 'dm',
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SNAPSHOT_EVERY_MS = 5 * 60_000;

interface Snapshot {
  at: number;
  totals: Record<string, number>;
}

/**
 * What X costs per day, for `/metrics`: the plan's fee per day plus what was read and written in
 * the last 24 hours at the plan's prices (scaled up to a day while Klaxon has run less than
 * that, from at least an hour). X bills per post, so the cost of how Klaxon listens is visible
 * where the rest of its health is.
 */
export class XCostEstimate {
  readonly #snapshots: Snapshot[];

  constructor(
    private readonly profile: AccessProfile,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    /** Polls per day (poll mode), for the gauge; 0 in stream mode. */
    private readonly pollsPerDay: number,
  ) {
    this.#snapshots = [{ at: clock.now().getTime(), totals: {} }];
    metrics.onScrape(() => this.#publish());
  }

  async #totals(): Promise<Record<string, number>> {
    const metric = await this.metrics.sourceCalls.get();
    const totals: Record<string, number> = {};
    for (const v of metric.values)
      if (v.labels.source === 'twitter') totals[String(v.labels.op)] = (totals[String(v.labels.op)] ?? 0) + v.value;
    return totals;
  }

  /** USD per day, estimated now. */
  async perDay(): Promise<number> {
    const now = this.clock.now().getTime();
    const totals = await this.#totals();
    // A snapshot every few minutes is enough to slide the window; scrapes may come every 15 s.
    if (now - this.#snapshots.at(-1)!.at >= SNAPSHOT_EVERY_MS) this.#snapshots.push({ at: now, totals });
    // Keep the last snapshot at or before the start of the window, and everything after it.
    while (this.#snapshots.length > 2 && this.#snapshots[1]!.at <= now - DAY_MS) this.#snapshots.shift();
    const base = this.#snapshots[0]!;
    let usage = 0;
    for (const [op, item] of Object.entries(BILLED)) usage += ((totals[op] ?? 0) - (base.totals[op] ?? 0)) * this.profile.prices[item!];
    return this.profile.monthlyUsd / 30 + (usage * DAY_MS) / Math.max(HOUR_MS, now - base.at);
  }

  async #publish(): Promise<void> {
    this.metrics.sourceCostPerDay.set({ source: 'twitter' }, Math.round((await this.perDay()) * 100) / 100);
    this.metrics.sourcePollsPerDay.set({ source: 'twitter' }, this.pollsPerDay);
  }
}
