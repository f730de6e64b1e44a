/**
 * The timers the X adapter schedules with (poll interval, rate-limit waits, stream reconnects,
 * the keep-alive watchdog): the ones every source shares. Injected so tests drive every wait by
 * hand and never sleep.
 */
export { backoffDelay, systemTimers, type BackoffPolicy, type TimerHandle, type Timers } from '../source-kit/timers.js';
