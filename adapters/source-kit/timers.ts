/**
 * Timers and backoff for source listeners. One implementation, the X adapter's (injected so
 * tests drive every wait by hand), shared by every source.
 */
export { backoffDelay, systemTimers, type BackoffPolicy, type TimerHandle, type Timers } from '../twitter/timers.js';
