import { ETwitterStreamEvent, type TweetStream, type TweetV2SingleStreamResult } from 'twitter-api-v2';
import type { Clock } from '../../src/clock.js';
import { isKlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import type { BrandResolver } from './brand.js';
import type { XClients } from './client.js';
import { deliverPosts, mapPosts, type PostSink } from './deliver.js';
import { classifyXError } from './errors.js';
import { readFields } from './fields.js';
import type { InFlightReplies } from './in-flight.js';
import type { BrandAccount } from './map-tweet.js';
import { isKlaxonRuleTag, syncStreamRules, type StreamRule } from './rules.js';
import { backoffDelay, type TimerHandle, type Timers } from './timers.js';

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
  /** X sends a keep-alive every 20 s; this long without any data means the stream has stalled. */
  keepAliveTimeoutMs?: number;
}

/** X's guidance: reconnect when nothing (not even a keep-alive) arrived for 20 seconds. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 20_000;

/**
 * A streamed post the core could not store is tried again this often, backing off up to five
 * minutes (about an hour in all): the stream cannot replay it, so it is held in memory until then.
 */
const STORE_ATTEMPTS = 16;
const STORE_RETRY = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * Reconnect waits, exactly as X's filtered-stream guidance asks (docs.x.com, "Handling
 * disconnections"): after a network error or a stall, back off linearly — 250 ms more each time
 * — up to 16 s; after an HTTP error, exponentially from 5 s up to 320 s; after a 429, exponentially
 * from one minute. One app holds one stream connection, so there is no herd to spread with jitter.
 * A setting Klaxon itself lacks (no brand account resolvable) waits a minute, doubling.
 */
export const RECONNECT_POLICIES = {
  network: { kind: 'linear', stepMs: 250, maxMs: 16_000 },
  http: { kind: 'exponential', baseMs: 5_000, maxMs: 320_000 },
  rateLimited: { kind: 'exponential', baseMs: 60_000, maxMs: 15 * 60_000 },
  misconfigured: { kind: 'exponential', baseMs: 60_000, maxMs: 15 * 60_000 },
} as const satisfies Record<string, ReconnectPolicy>;

export type ReconnectPolicy = { kind: 'linear'; stepMs: number; maxMs: number } | { kind: 'exponential'; baseMs: number; maxMs: number };

/** The wait before reconnect attempt `attempt` (1 = the first after a failure). */
export function reconnectDelay(attempt: number, policy: ReconnectPolicy): number {
  const n = Math.max(1, attempt);
  return policy.kind === 'linear' ? Math.min(policy.maxMs, policy.stepMs * n) : Math.min(policy.maxMs, policy.baseMs * 2 ** (n - 1));
}

/**
 * The filtered stream: rules synced from the config before the first connection, every post
 * handed to the core as it arrives, reconnects with X's own backoff (RECONNECT_POLICIES), and a
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
  /** The kind of failure the current run of attempts is about. */
  #failureKind: keyof typeof RECONNECT_POLICIES | null = null;
  #stopped = true;
  #connecting: Promise<void> | null = null;
  #reconnectTimer: TimerHandle | null = null;
  #watchdog: TimerHandle | null = null;
  /** Numbers connection attempts, so a late failure of an old one cannot disturb the next. */
  #connectSeq = 0;
  /** The attempt the watchdog cut: the watchdog has scheduled its reconnect already. */
  #timedOutAttempt: number | null = null;
  /** Streamed posts waiting to be stored again, by the timer that will try. */
  readonly #storeRetries = new Map<TimerHandle, string>();

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
    for (const [timer, id] of this.#storeRetries) {
      this.#d.timers.clearTimeout(timer);
      this.#d.logger.error('X post from the stream was not stored before the stop; ingest it by hand', { id });
    }
    this.#storeRetries.clear();
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
    this.#failureKind = null;
    this.#armWatchdog();
  }

  #handle(payload: TweetV2SingleStreamResult): void {
    const { logger } = this.#d;
    // Rules other integrations put on the same app deliver posts Klaxon did not ask for.
    if (payload.matching_rules && !payload.matching_rules.some((r) => isKlaxonRuleTag(r.tag))) return;
    if (!payload.data) return;
    this.#d.metrics.sourceCalls.inc({ source: 'twitter', op: 'posts_read' });
    const posts = mapPosts([payload.data], payload.includes?.users, this.#brand ?? this.#d.brand.known(), logger, payload.includes?.tweets);
    this.#store(payload.data.id, posts, 1);
  }

  /** Hands streamed posts to the core; one it could not store is tried again with backoff (the stream cannot replay it). */
  #store(id: string, posts: ReturnType<typeof mapPosts>, attempt: number): void {
    const { logger, timers } = this.#d;
    this.#d.inFlight
      .settled(posts)
      .then(() => deliverPosts(this.#d, posts))
      .catch((error: unknown) => {
        if (this.#stopped || attempt >= STORE_ATTEMPTS) {
          // Say which one was lost so it can be ingested by hand.
          logger.error('X post from the stream could not be stored', { id, attempts: attempt, err: error });
          return;
        }
        const delayMs = backoffDelay(attempt, STORE_RETRY);
        logger.warn('X post from the stream could not be stored; trying again', { id, attempt, delayMs, err: error });
        const timer = timers.setTimeout(() => {
          this.#storeRetries.delete(timer);
          this.#store(id, posts, attempt + 1);
        }, delayMs);
        this.#storeRetries.set(timer, id);
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

  /**
   * Counts one more failed attempt and schedules the next. Each kind of failure has its own
   * count: a run of network errors backs off linearly even after an HTTP error, and the first
   * 429 waits one minute whatever came before it.
   */
  #scheduleReconnect(error: unknown): void {
    if (this.#stopped) return;
    const { logger, clock } = this.#d;
    const failure = error === null || isKlaxonError(error) ? null : classifyXError(error, clock);
    const kind: keyof typeof RECONNECT_POLICIES =
      error === null
        ? 'network'
        : isKlaxonError(error)
          ? 'misconfigured'
          : failure!.kind === 'rate_limited'
            ? 'rateLimited'
            : failure!.status !== null
              ? 'http'
              : 'network';
    if (this.#failureKind !== kind) this.#attempt = 0;
    this.#failureKind = kind;
    this.#attempt += 1;
    let delayMs = reconnectDelay(this.#attempt, RECONNECT_POLICIES[kind]);
    if (error === null) {
      logger.warn('X stream disconnected or stalled; reconnecting', { attempt: this.#attempt, delayMs });
    } else if (isKlaxonError(error)) {
      logger.error(`X stream cannot start: ${error.message}`, { attempt: this.#attempt, delayMs });
    } else if (failure!.kind === 'rate_limited') {
      // X's reset time, when it sent one, is never cut short by the backoff.
      delayMs = Math.max(failure!.waitMs, delayMs);
      logger.warn('X stream rate limited (429); waiting before reconnecting', {
        attempt: this.#attempt,
        delayMs,
        resetAt: failure!.resetAt?.toISOString() ?? null,
      });
    } else if (failure!.kind === 'permanent') {
      logger.error('X refused the stream; check the bearer token and the app access level', {
        status: failure!.status,
        detail: failure!.detail,
        attempt: this.#attempt,
        delayMs,
      });
    } else {
      logger.warn('X stream connection failed; reconnecting', {
        detail: failure!.detail,
        status: failure!.status,
        attempt: this.#attempt,
        delayMs,
      });
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
