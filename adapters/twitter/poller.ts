import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import { isKlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import type { BrandResolver, ResolvedBrand } from './brand.js';
import type { XClients } from './client.js';
import type { InFlightReplies } from './in-flight.js';
import { deliverPosts, mapPosts, type DeliverySummary, type PostSink } from './deliver.js';
import { classifyXError, resetEpochSeconds, waitUntilReset } from './errors.js';
import { readState, stateKeys, writeState, compareIds } from './state.js';
import { MAX_PAGE_SIZE, MENTIONS_WINDOW, readTimeline, type TimelineKind, type TimelineRead } from './timeline.js';
import { backoffDelay, type TimerHandle, type Timers } from './timers.js';

export interface PollerDeps {
  clients: XClients;
  brand: BrandResolver;
  db: Db;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  sink: PostSink;
  inFlight: InFlightReplies;
  timers: Timers;
  intervalMs: number;
  /** Posts per page (5–100); tests use small pages to exercise pagination. */
  pageSize?: number;
  /** Pages read on an account's very first poll, when there is no cursor yet. */
  firstPollPages?: number;
  random?: () => number;
}

export interface PollResult extends DeliverySummary {
  /** Set when X says the window's requests are used up: wait this long before the next poll. */
  waitMs: number | null;
}

/** After repeated failures the wait grows to at most this (a bad token, X down for hours). */
const MAX_FAILURE_WAIT_MS = 15 * 60_000;

/**
 * Polls the brand's mentions timeline, and its own posts (to see replies made on X outside
 * Klaxon), each with a `since_id` cursor kept in the database. A cursor advances only after the posts
 * it covers are committed, so a crash re-reads at most one poll (absorbed as duplicates) and a
 * restart never skips. Waits are scheduled on injected timers: a 429 waits for X's reset, other
 * failures back off; there is never a hot loop.
 */
export class MentionsPoller {
  readonly #d: PollerDeps;
  #timer: TimerHandle | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;
  #failures = 0;

  constructor(deps: PollerDeps) {
    this.#d = deps;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) this.#d.timers.clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Resolves when no poll is in flight (tests). */
  async idle(): Promise<void> {
    await this.#running;
  }

  /**
   * One poll: the mentions, then the brand's own posts, each delivered and its cursor advanced
   * before the next read. Mentions go first so that a brand reply finds the post it answers.
   */
  async pollOnce(): Promise<PollResult> {
    const brand = await this.#d.brand.resolve();
    const mentions = await this.#pollTimeline('mentions', brand);
    const own = await this.#pollTimeline('own', brand);
    const total = mentions.read + own.read;
    const summary: DeliverySummary = {
      accepted: mentions.summary.accepted + own.summary.accepted,
      duplicates: mentions.summary.duplicates + own.summary.duplicates,
      reposts: mentions.summary.reposts + own.summary.reposts,
      skipped: mentions.summary.skipped + own.summary.skipped,
    };
    if (total > 0) this.#d.logger.info('X poll', { read: total, ...summary });
    return { ...summary, waitMs: mentions.waitMs ?? own.waitMs };
  }

  async #pollTimeline(
    kind: TimelineKind,
    brand: ResolvedBrand,
  ): Promise<{ read: number; summary: DeliverySummary; waitMs: number | null }> {
    const key = kind === 'mentions' ? stateKeys.mentionsSinceId(brand.id) : stateKeys.ownSinceId(brand.id);
    const read = await this.#read(kind, brand.id, readState(this.#d.db, key));
    const posts = mapPosts(read.tweets, read.users, brand, this.#d.logger, read.included);
    await this.#d.inFlight.settled(posts);
    const summary = await deliverPosts(this.#d, posts);
    // Only now, with the posts committed, may the cursor move past them.
    this.#advance(key, read.newestId);
    return { read: read.tweets.length, summary, waitMs: this.#exhaustedWait(read) };
  }

  async #read(kind: TimelineKind, userId: string, sinceId: string | null): Promise<TimelineRead> {
    const pageSize = Math.min(MAX_PAGE_SIZE, this.#d.pageSize ?? MAX_PAGE_SIZE);
    const firstPages = this.#d.firstPollPages ?? 1;
    const read = await readTimeline({
      app: this.#d.clients.app,
      metrics: this.#d.metrics,
      kind,
      userId,
      sinceId,
      pageSize,
      maxPages: sinceId ? Math.ceil(MENTIONS_WINDOW / pageSize) : firstPages,
    });
    if (!sinceId && read.tweets.length > 0) {
      this.#d.logger.info(
        `first X read of the ${kind === 'mentions' ? 'mentions' : "brand's own posts"}: ` +
          `starting from the latest ${read.tweets.length}; older ones are not imported`,
      );
    }
    if (read.possibleGap) {
      this.#d.logger.warn(
        kind === 'mentions'
          ? `more than ${MENTIONS_WINDOW} mentions since the last poll; older ones may be missed (X lists only the latest ` +
              `${MENTIONS_WINDOW}): poll more often`
          : "more of the brand's own posts since the last poll than one poll reads; some replies made outside Klaxon may be missed",
        { sinceId, read: read.tweets.length },
      );
    }
    return read;
  }

  #advance(key: string, newestId: string | null): void {
    if (!newestId) return;
    const current = readState(this.#d.db, key);
    if (current && compareIds(newestId, current) <= 0) return;
    writeState(this.#d.db, key, newestId, this.#d.clock.now());
  }

  /** X reports the requests left in the window: when none are, wait for its reset. */
  #exhaustedWait(read: TimelineRead): number | null {
    if (read.rateLimit?.remaining !== 0) return null;
    return waitUntilReset(resetEpochSeconds(read.rateLimit), this.#d.clock).waitMs;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = this.#d.timers.setTimeout(() => {
      this.#timer = null;
      this.#running = this.#tick().finally(() => {
        this.#running = null;
      });
    }, ms);
  }

  async #tick(): Promise<void> {
    let delay: number;
    try {
      const result = await this.pollOnce();
      this.#failures = 0;
      delay = Math.max(this.#d.intervalMs, result.waitMs ?? 0);
      if (result.waitMs !== null) this.#d.logger.info('X rate-limit window used up; next poll after its reset', { waitMs: delay });
    } catch (error) {
      delay = this.#failureDelay(error);
    }
    this.#schedule(delay);
  }

  #failureDelay(error: unknown): number {
    const { logger, clock, intervalMs, random } = this.#d;
    this.#failures += 1;
    if (isKlaxonError(error)) {
      logger.error(`X polling cannot run: ${error.message}`, { attempt: this.#failures });
      return backoffDelay(this.#failures, { baseMs: 60_000, maxMs: MAX_FAILURE_WAIT_MS }, random);
    }
    const failure = classifyXError(error, clock);
    if (failure.kind === 'rate_limited') {
      const waitMs = Math.max(intervalMs, failure.waitMs);
      logger.warn('X rate limit reached (429); waiting for the reset', { waitMs, resetAt: failure.resetAt?.toISOString() ?? null });
      return waitMs;
    }
    const waitMs = Math.max(intervalMs, backoffDelay(this.#failures, { baseMs: intervalMs, maxMs: MAX_FAILURE_WAIT_MS }, random));
    if (failure.kind === 'permanent') {
      logger.error('X refused the timeline read; check the token and the app access level', {
        status: failure.status,
        detail: failure.detail,
        waitMs,
      });
    } else {
      logger.warn('X poll failed; retrying', { detail: failure.detail, attempt: this.#failures, waitMs });
    }
    return waitMs;
  }
}
