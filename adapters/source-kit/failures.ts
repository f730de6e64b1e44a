import type { Clock } from '../../src/clock.js';
import { KlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { DeliveryError } from '../../src/ports.js';
import { backoffDelay } from './timers.js';

/** Milliseconds from now (on the injected clock) until `resetAt`, plus a second against clock skew. */
export function waitUntil(resetAt: Date | null, clock: Clock, fallbackMs: number): number {
  if (!resetAt || Number.isNaN(resetAt.getTime())) return fallbackMs;
  return Math.max(1000, resetAt.getTime() - clock.now().getTime() + 1000);
}

/** What a failed call to a source platform means, whatever the platform. */
export type SourceFailure =
  /** Rate limited: wait until the platform's window resets. */
  | { kind: 'rate_limited'; waitMs: number; resetAt: Date | null }
  /** Never reached the platform (`status` null), or it said 503: try again later. */
  | { kind: 'retry'; detail: string; status: number | null }
  /** Failed after the request was written (`status`: the 5xx it answered, or null for none): it may have happened. */
  | { kind: 'uncertain'; detail: string; status: number | null }
  /** The credentials are not accepted. */
  | { kind: 'auth'; detail: string }
  /** Refused as such: the same call fails again. */
  | { kind: 'refused'; status: number; detail: string };

/**
 * The error a reply fails with. Whether it is retried, final or uncertain is the outbox's one rule
 * (src/outbox/delivery-policy.ts); a source reports the facts — a DeliveryError with how far the
 * request got, the status and the platform's wait — or a refusal in words for the agent.
 */
export function replyFailure(platform: string, what: string, failure: SourceFailure, cause: unknown, credentialsHint: string): Error {
  switch (failure.kind) {
    case 'rate_limited':
      return new DeliveryError(
        `${platform} rate limit reached for the ${what}${failure.resetAt ? ` (resets ${failure.resetAt.toISOString()})` : ''}`,
        'sent',
        429,
        failure.waitMs,
        { cause },
      );
    case 'retry':
      return new DeliveryError(
        `the ${what} could not reach ${platform}: ${failure.detail}`,
        failure.status === null ? 'connect' : 'sent',
        failure.status,
        null,
        { cause },
      );
    case 'uncertain':
      return new DeliveryError(`the ${what} may have reached ${platform}: ${failure.detail}`, 'sent', failure.status, null, { cause });
    case 'auth':
      return new KlaxonError(
        'delivery_failed',
        `${platform} did not accept the brand account's credentials (${failure.detail}); ask an admin to check ${credentialsHint}.`,
        { cause },
      );
    case 'refused':
      return new KlaxonError('delivery_failed', `${platform} refused the ${what}: ${failure.detail}`, {
        cause,
        details: { status: failure.status },
      });
  }
}

/**
 * How long a listener waits after a failed read, and the log line that says why: a problem with
 * the settings waits long (a person must fix it), a rate limit waits for the platform's reset
 * and nothing may shorten that wait (`hold`), anything else backs off from the poll interval.
 */
export function listenFailure(
  deps: { logger: Logger; random?: () => number },
  what: string,
  error: unknown,
  failure: SourceFailure | null,
  attempt: number,
  baseMs: number,
): number | { delayMs: number; hold: true } {
  if (error instanceof KlaxonError) {
    deps.logger.error(`${what} cannot run: ${error.message}`, { attempt });
    return backoffDelay(attempt, { baseMs: 60_000, maxMs: MAX_LISTEN_WAIT_MS }, deps.random);
  }
  if (failure?.kind === 'rate_limited') {
    deps.logger.warn(`${what}: rate limit reached (429); waiting for the reset`, {
      waitMs: failure.waitMs,
      resetAt: failure.resetAt?.toISOString() ?? null,
    });
    return { delayMs: Math.max(baseMs, failure.waitMs), hold: true };
  }
  const waitMs = Math.max(baseMs, backoffDelay(attempt, { baseMs, maxMs: MAX_LISTEN_WAIT_MS }, deps.random));
  deps.logger.warn(`${what} failed; retrying`, {
    kind: failure?.kind ?? 'unknown',
    detail: failure && 'detail' in failure ? failure.detail : null,
    attempt,
    waitMs,
  });
  return waitMs;
}

/** After repeated failures a listener waits at most this long (a bad token, a platform down for hours). */
const MAX_LISTEN_WAIT_MS = 15 * 60_000;
