import { MastoHttpError, MastoTimeoutError } from 'masto';
import type { Clock } from '../../src/clock.js';
import { waitUntil, type SourceFailure } from '../source-kit/failures.js';
import { failedBeforeSending } from '../source-kit/network.js';

/** What a failed Mastodon call means (429 waits for `X-RateLimit-Reset`, an ISO time). */
export type MastodonFailure = SourceFailure;

/** Mastodon's windows are five minutes; without a reset time, wait one. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** The `X-RateLimit-Reset` of a failed answer (masto keeps the Response as the error's cause). */
export function rateLimitReset(error: MastoHttpError): Date | null {
  const headers = (error.cause as Response | undefined)?.headers;
  const value = headers?.get('x-ratelimit-reset');
  if (!value) return null;
  const at = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The instance's words for a refusal (its `error` field), never anything from the request. */
function detailOf(error: MastoHttpError): string {
  return error.description ? `${error.message} (${error.description})` : error.message || `HTTP ${error.statusCode}`;
}

export function classifyMastodonError(error: unknown, clock: Clock): MastodonFailure {
  if (error instanceof MastoHttpError) {
    const status = error.statusCode;
    if (status === 429) {
      const resetAt = rateLimitReset(error);
      return { kind: 'rate_limited', resetAt, waitMs: waitUntil(resetAt, clock, DEFAULT_RATE_LIMIT_WAIT_MS) };
    }
    if (status === 503) return { kind: 'retry', detail: `the instance is unavailable (503): ${detailOf(error)}`, status };
    if (status === 401) return { kind: 'auth', detail: detailOf(error) };
    if (status >= 500) return { kind: 'uncertain', detail: `the instance answered ${status}: ${detailOf(error)}`, status };
    return { kind: 'refused', status, detail: detailOf(error) };
  }
  if (error instanceof MastoTimeoutError) return { kind: 'uncertain', detail: 'the request timed out', status: null };
  const detail = error instanceof Error ? error.message : String(error);
  return failedBeforeSending(error)
    ? { kind: 'retry', detail: `the instance could not be reached: ${detail}`, status: null }
    : { kind: 'uncertain', detail: `the connection failed: ${detail}`, status: null };
}
