import type { Clock } from '../../src/clock.js';
import { isKlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import { listenFailure as sourceListenFailure } from '../source-kit/failures.js';
import type { Timers } from '../source-kit/timers.js';
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

/** How long to wait after a failed read, and the log line that says why. */
export function listenFailure(
  deps: Pick<ListenerDeps, 'clock' | 'logger' | 'random'>,
  error: unknown,
  failures: number,
  baseMs: number,
  what: string,
): number | { delayMs: number; hold: true } {
  const failure = isKlaxonError(error) ? null : classifyBlueskyError(error, deps.clock);
  return sourceListenFailure(deps, what, error, failure && failure.kind !== 'scope' ? failure : null, failures, baseMs);
}

export function listenFailureDelay(
  deps: Pick<ListenerDeps, 'clock' | 'logger' | 'random'>,
  error: unknown,
  failures: number,
  baseMs: number,
  what: string,
): number {
  const next = listenFailure(deps, error, failures, baseMs, what);
  return typeof next === 'number' ? next : next.delayMs;
}
