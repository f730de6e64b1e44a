/**
 * The timers every source schedules with (poll intervals, rate-limit waits, stream reconnects,
 * keep-alive watchdogs): the core's (src/timers.ts), injected so tests drive every wait by hand
 * and never sleep; the real ones never keep the process alive on their own.
 */
export { systemTimers, type TimerHandle, type Timers } from '../../src/timers.js';

export interface BackoffPolicy {
  /** Delay before the first retry; each further attempt doubles it. */
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with jitter: the ceiling doubles per attempt (capped), and the delay is
 * drawn from its upper half, so many clients cut off together do not reconnect in lockstep while
 * none retries sooner than half the ceiling.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
