import type { Clock } from '../../src/clock.js';
import { isKlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/metrics.js';
import { backoffDelay, type Timers } from '../source-kit/timers.js';
import type { CursorStore, SourceSink } from '../source-kit/types.js';
import type { BlueskyClients } from './client.js';
import { classifyBlueskyError } from './errors.js';
import type { OwnPosts } from './own-posts.js';
import type { ProfileCache } from './profiles.js';
import type { BlueskySession } from './session.js';

/** What both ways of listening (notifications, Jetstream) work with. */
export interface ListenerDeps {
  clients: BlueskyClients;
  session: BlueskySession;
  profiles: ProfileCache;
  ownPosts: OwnPosts;
  cursors: CursorStore;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  timers: Timers;
  random?: () => number;
}

export interface Listener {
  start(sink: SourceSink): void;
  stop(): Promise<void>;
  /** Resolves when nothing is being read or delivered right now (tests). */
  idle(): Promise<void>;
}

const MAX_FAILURE_WAIT_MS = 15 * 60_000;

/** How long to wait after a failed read, and the log line that says why. */
export function listenFailureDelay(deps: Pick<ListenerDeps, 'clock' | 'logger' | 'random'>, error: unknown, failures: number, baseMs: number, what: string): number {
  const next = listenFailure(deps, error, failures, baseMs, what);
  return typeof next === 'number' ? next : next.delayMs;
}

/** As listenFailureDelay, marking a rate-limit wait as one nothing may shorten. */
export function listenFailure(deps: Pick<ListenerDeps, 'clock' | 'logger' | 'random'>, error: unknown, failures: number, baseMs: number, what: string): number | { delayMs: number; hold: true } {
  if (isKlaxonError(error)) {
    deps.logger.error(`${what} cannot run: ${error.message}`, { attempt: failures });
    return backoffDelay(failures, { baseMs: 60_000, maxMs: MAX_FAILURE_WAIT_MS }, deps.random);
  }
  const failure = classifyBlueskyError(error, deps.clock);
  if (failure.kind === 'rate_limited') {
    deps.logger.warn(`${what}: Bluesky rate limit reached (429); waiting for the reset`, { waitMs: failure.waitMs, resetAt: failure.resetAt?.toISOString() ?? null });
    return { delayMs: Math.max(baseMs, failure.waitMs), hold: true };
  }
  const waitMs = Math.max(baseMs, backoffDelay(failures, { baseMs, maxMs: MAX_FAILURE_WAIT_MS }, deps.random));
  deps.logger.warn(`${what} failed; retrying`, { kind: failure.kind, detail: 'detail' in failure ? failure.detail : null, attempt: failures, waitMs });
  return waitMs;
}
