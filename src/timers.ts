/**
 * Timers, injected wherever the program waits (retry backoff), so tests drive every wait with the
 * injected clock and never sleep. `systemTimers` are the real ones, unref'd: a pending retry never
 * keeps the process alive.
 */
export type TimerHandle = unknown;

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
