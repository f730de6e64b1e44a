/**
 * The timers every source schedules with (poll intervals, rate-limit waits, stream reconnects,
 * keep-alive watchdogs). Injected so tests drive every wait by hand and never sleep.
 */
export type TimerHandle = unknown;

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

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
