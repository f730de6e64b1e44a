import { ETwitterStreamEvent, type TweetStream, type TweetV2SingleStreamResult } from 'twitter-api-v2';
import type { Clock } from '../../src/clock.js';
import { isKlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/metrics.js';
import type { BrandResolver } from './brand.js';
import type { XClients } from './client.js';
import { deliverPosts, mapPosts, type PostSink } from './deliver.js';
import { classifyXError } from './errors.js';
import { readFields } from './fields.js';
import type { InFlightReplies } from './in-flight.js';
import type { BrandAccount } from './map-tweet.js';
import { isKlaxonRuleTag, syncStreamRules, type StreamRule } from './rules.js';
import { backoffDelay, type BackoffPolicy, type TimerHandle, type Timers } from './timers.js';

export interface StreamDeps {
  clients: XClients;
  brand: BrandResolver;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  sink: PostSink;
  inFlight: InFlightReplies;
  timers: Timers;
  rules: readonly StreamRule[];
  /** X sends a keep-alive every 20 s; silence for longer than this means the stream is dead. */
  keepAliveTimeoutMs?: number;
  random?: () => number;
}

export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 30_000;

/**
 * Reconnect waits, after X's own guidance: a dropped connection retries soon, a server error
 * more slowly, a 429 (too many connections) after at least a minute, a refusal (bad token, no
 * stream access) only every few minutes so it never becomes a hot loop.
 */
export const RECONNECT_POLICIES = {
  dropped: { baseMs: 1_000, maxMs: 32_000 },
  server: { baseMs: 5_000, maxMs: 320_000 },
  rateLimited: { baseMs: 60_000, maxMs: 15 * 60_000 },
  refused: { baseMs: 60_000, maxMs: 15 * 60_000 },
} as const satisfies Record<string, BackoffPolicy>;

/**
 * The filtered stream: rules synced from the config before the first connection, every post
 * handed to the core as it arrives, reconnects with exponential backoff and jitter, and a
 * keep-alive watchdog that notices a connection gone silent (a half-open TCP connection never
 * reports an error by itself). twitter-api-v2's own reconnect and keep-alive are switched off so
 * every wait runs on the injected timers.
 */
export class FilteredStream {
  readonly #d: StreamDeps;
  #stream: TweetStream | null = null;
  #brand: BrandAccount | null = null;
  #rulesSynced = false;
  #attempt = 0;
  #stopped = true;
  #connecting: Promise<void> | null = null;
  #reconnectTimer: TimerHandle | null = null;
  #watchdog: TimerHandle | null = null;
  /** Numbers connection attempts, so a late failure of an old one cannot disturb the next. */
  #connectSeq = 0;
  /** The attempt the watchdog cut: the watchdog has scheduled its reconnect already. */
  #timedOutAttempt: number | null = null;

  constructor(deps: StreamDeps) {
    this.#d = deps;
  }

  get connected(): boolean {
    return this.#stream !== null;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connecting = this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clear('reconnect');
    this.#clear('watchdog');
    // An attempt still waiting on X would hold stop() until X answered: cut it.
    if (this.#connecting && !this.#stream) this.#d.clients.cutStream();
    await this.#connecting;
    this.#stream?.destroy();
    this.#stream = null;
  }

  /** Resolves when no connection attempt is in flight (tests). */
  async idle(): Promise<void> {
    await this.#connecting;
  }

  async #connect(): Promise<void> {
    const { clients, logger, metrics } = this.#d;
    const attempt = ++this.#connectSeq;
    try {
      if (!this.#rulesSynced) {
        await syncStreamRules(clients.app, this.#d.rules, { metrics, logger });
        this.#rulesSynced = true;
      }
      this.#brand = await this.#d.brand.resolve().catch((error: unknown) => {
        // Without the brand's id its posts are still recognised by handle (`from:` rule).
        logger.warn('X brand account id unknown; recognising its posts by handle', { err: error });
        return this.#d.brand.known();
      });
      const stream = clients.stream.v2.searchStream({ ...readFields, autoConnect: false });
      this.#listen(stream);
      metrics.sourceCalls.inc({ source: 'twitter', op: 'stream_connect' });
      // The watchdog also covers the connection itself: X not answering at all is silence too.
      this.#armWatchdog();
      await stream.connect({ autoReconnect: false, keepAliveTimeout: 'disable' });
      if (this.#stopped || this.#timedOutAttempt === attempt) {
        stream.destroy();
        return;
      }
      this.#stream = stream;
      logger.info('X filtered stream connected', { attempt: this.#attempt });
      this.#armWatchdog();
    } catch (error) {
      if (this.#timedOutAttempt === attempt) return;
      this.#clear('watchdog');
      this.#scheduleReconnect(error);
    } finally {
      if (this.#connectSeq === attempt) this.#connecting = null;
    }
  }

  #listen(stream: TweetStream): void {
    const mine = () => this.#stream === stream;
    stream.on(ETwitterStreamEvent.Data, (payload: TweetV2SingleStreamResult) => {
      if (!mine()) return;
      this.#alive();
      this.#handle(payload);
    });
    stream.on(ETwitterStreamEvent.DataKeepAlive, () => {
      if (mine()) this.#alive();
    });
    stream.on(ETwitterStreamEvent.DataError, (payload: unknown) => {
      if (!mine()) return;
      this.#armWatchdog();
      this.#d.logger.warn('X stream sent an error message', { payload });
    });
    stream.on(ETwitterStreamEvent.TweetParseError, (error: unknown) => {
      if (mine()) this.#d.logger.warn('X stream sent data that is not JSON; skipped', { err: error });
    });
    stream.on(ETwitterStreamEvent.ConnectionClosed, () => {
      if (!mine()) return;
      this.#stream = null;
      this.#clear('watchdog');
      if (!this.#stopped) this.#scheduleReconnect(null);
    });
  }

  /** Data or a keep-alive arrived: the connection works, so the backoff starts over. */
  #alive(): void {
    this.#attempt = 0;
    this.#armWatchdog();
  }

  #handle(payload: TweetV2SingleStreamResult): void {
    const { logger } = this.#d;
    // Rules other integrations put on the same app deliver posts Klaxon did not ask for.
    if (payload.matching_rules && !payload.matching_rules.some((r) => isKlaxonRuleTag(r.tag))) return;
    if (!payload.data) return;
    this.#d.metrics.sourceCalls.inc({ source: 'twitter', op: 'posts_read' });
    const id = payload.data.id;
    const posts = mapPosts([payload.data], payload.includes?.users, this.#brand ?? this.#d.brand.known(), logger, payload.includes?.tweets);
    this.#d.inFlight
      .settled(posts)
      .then(() => deliverPosts(this.#d, posts))
      .catch((error: unknown) => {
        // The stream cannot replay a post; say which one was lost so it can be ingested by hand.
        logger.error('X post from the stream could not be stored', { id, err: error });
      });
  }

  #armWatchdog(): void {
    this.#clear('watchdog');
    const timeoutMs = this.#d.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
    this.#watchdog = this.#d.timers.setTimeout(() => {
      this.#watchdog = null;
      if (this.#stopped) return;
      const dead = this.#stream;
      this.#stream = null;
      if (dead) {
        this.#d.logger.warn(`X stream silent for ${timeoutMs / 1000}s (no post, no keep-alive); reconnecting`);
        dead.destroy();
      } else {
        this.#d.logger.warn(`X stream did not answer within ${timeoutMs / 1000}s; reconnecting`);
        // The attempt still waits on its socket: cut it, and let its failure not schedule twice.
        this.#timedOutAttempt = this.#connectSeq;
        this.#d.clients.cutStream();
      }
      this.#scheduleReconnect(null);
    }, timeoutMs);
  }

  #scheduleReconnect(error: unknown): void {
    if (this.#stopped) return;
    const { logger, clock, random } = this.#d;
    this.#attempt += 1;
    let delayMs: number;
    if (error === null) {
      delayMs = backoffDelay(this.#attempt, RECONNECT_POLICIES.dropped, random);
      logger.warn('X stream disconnected; reconnecting', { attempt: this.#attempt, delayMs });
    } else if (isKlaxonError(error)) {
      delayMs = backoffDelay(this.#attempt, RECONNECT_POLICIES.refused, random);
      logger.error(`X stream cannot start: ${error.message}`, { attempt: this.#attempt, delayMs });
    } else {
      const failure = classifyXError(error, clock);
      if (failure.kind === 'rate_limited') {
        delayMs = Math.max(failure.waitMs, backoffDelay(this.#attempt, RECONNECT_POLICIES.rateLimited, random));
        logger.warn('X stream rate limited (429); waiting before reconnecting', { attempt: this.#attempt, delayMs, resetAt: failure.resetAt?.toISOString() ?? null });
      } else if (failure.kind === 'permanent') {
        delayMs = backoffDelay(this.#attempt, RECONNECT_POLICIES.refused, random);
        logger.error('X refused the stream; check the bearer token and the app access level', { status: failure.status, detail: failure.detail, attempt: this.#attempt, delayMs });
      } else {
        const policy = failure.status !== null ? RECONNECT_POLICIES.server : RECONNECT_POLICIES.dropped;
        delayMs = backoffDelay(this.#attempt, policy, random);
        logger.warn('X stream connection failed; reconnecting', { detail: failure.detail, attempt: this.#attempt, delayMs });
      }
    }
    this.#clear('reconnect');
    this.#reconnectTimer = this.#d.timers.setTimeout(() => {
      this.#reconnectTimer = null;
      this.#connecting = this.#connect();
    }, delayMs);
  }

  #clear(which: 'reconnect' | 'watchdog'): void {
    const handle = which === 'reconnect' ? this.#reconnectTimer : this.#watchdog;
    if (handle !== null) this.#d.timers.clearTimeout(handle);
    if (which === 'reconnect') this.#reconnectTimer = null;
    else this.#watchdog = null;
  }
}
