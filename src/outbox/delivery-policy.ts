import { KlaxonError } from '../errors.js';
import { DeliveryError, RetryableError } from '../ports.js';

/** What the outbox does after a failed send. */
export type FailureVerdict =
  /** Nothing reached the other side (or it asked to be called again): try again after `delayMs` (null = backoff). */
  | { kind: 'retry'; delayMs: number | null }
  /** The other side may have acted on it: for an at-most-once action, never repeated by itself. */
  | { kind: 'uncertain' }
  /** It will not work as it is (a refusal, a bad request): give up and say why. */
  | { kind: 'failed' };

/**
 * Statuses that mean the request was not acted on and may be sent again: 429 (rate limited, wait
 * as asked), 503 (not taking requests now) and 408 (the server gave up reading it). Every other
 * 5xx (500, 502, 504…) may come after the work was done, so it proves nothing.
 */
const NOT_ACTED_ON = new Set([408, 429, 503]);

/**
 * The one rule for every source and platform. Adapters only report facts (DeliveryError's phase
 * and status, or RetryableError for a call that certainly did not take effect); whether a failure
 * is retried, final or uncertain is decided here, the same for X, a webhook, Slack and Teams.
 *
 * - Failed while connecting (DNS, refused, TLS): retried — nothing was sent.
 * - 429, 503, 408: retried after the wait the platform asked for (or with backoff).
 * - Failed after the request was written (timeout, reset, 500, 502, 504, any other 5xx):
 *   `uncertain` for at-most-once actions (a reply to a customer: it may have arrived); retried for
 *   at-least-once ones (cards, whose repeat is harmless or found and adopted).
 * - Any other 4xx, or a KlaxonError (a refusal with words for the agent): failed.
 * - Anything else is unknown: uncertain for at-most-once actions, failed for the others.
 */
export function judgeFailure(error: unknown, atMostOnce: boolean): FailureVerdict {
  if (error instanceof RetryableError) return { kind: 'retry', delayMs: error.retryAfterMs };
  if (error instanceof DeliveryError) {
    if (error.status !== null && NOT_ACTED_ON.has(error.status)) return { kind: 'retry', delayMs: error.retryAfterMs };
    if (error.phase === 'connect') return { kind: 'retry', delayMs: error.retryAfterMs };
    if (error.status === null || error.status >= 500)
      return atMostOnce ? { kind: 'uncertain' } : { kind: 'retry', delayMs: error.retryAfterMs };
    return { kind: 'failed' };
  }
  if (error instanceof KlaxonError) return { kind: 'failed' };
  return atMostOnce ? { kind: 'uncertain' } : { kind: 'failed' };
}
