import type { Clock } from '../../src/clock.js';
import { KlaxonError } from '../../src/errors.js';

/**
 * Network error codes (Node's and undici's) that mean no connection was made, so nothing reached
 * the platform: a write that failed this way may safely be sent again.
 */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** The first error code found along an error's `cause` chain (fetch wraps the socket's error). */
export function networkErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** True when the request never left this machine (DNS, refused, TLS): safe to send again. */
export function failedBeforeSending(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== null && BEFORE_SENDING.has(code);
}

/**
 * A write whose outcome is unknown: it failed after the request was written (a timeout, a reset,
 * a 500/502/504), so the platform may have acted on it. Never retried by itself; the card says so
 * and a person decides. (The outbox's shared typed error replaces this factory when it lands.)
 */
export function uncertainDelivery(platform: string, what: string, cause: unknown): KlaxonError {
  return new KlaxonError(
    'delivery_failed',
    `Delivery uncertain: the ${what} may have reached ${platform} before the connection failed. Check on ${platform} and retry only if it is missing.`,
    { cause, details: { uncertain: true } },
  );
}

/** Milliseconds from now (on the injected clock) until `resetAt`, plus a second against clock skew. */
export function waitUntil(resetAt: Date | null, clock: Clock, fallbackMs: number): number {
  if (!resetAt || Number.isNaN(resetAt.getTime())) return fallbackMs;
  return Math.max(1000, resetAt.getTime() - clock.now().getTime() + 1000);
}
