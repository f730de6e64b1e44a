import { XRPCError } from '@atproto/api';
import type { Clock } from '../../src/clock.js';
import { waitUntil, type SourceFailure } from '../source-kit/failures.js';
import { failedBeforeSending } from '../source-kit/network.js';

/** What a failed Bluesky call means: the failures every source has, and a missing DM scope. */
export type BlueskyFailure =
  | Exclude<SourceFailure, { kind: 'refused' }>
  | { kind: 'refused'; status: number; error: string; detail: string }
  | { kind: 'scope'; detail: string };

/** A 429 without a usable reset: Bluesky's shortest windows are five minutes. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

export function isBadTokenScope(error: unknown): boolean {
  return error instanceof XRPCError && /bad token scope/i.test(error.message);
}

/** Bluesky's words for a refusal, never anything from the request (its headers hold the session). */
function detailOf(error: XRPCError): string {
  return error.message && error.message !== error.error ? `${error.error}: ${error.message}` : error.error || `HTTP ${error.status}`;
}

function resetOf(error: XRPCError): Date | null {
  const reset = Number(error.headers?.['ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : null;
}

/** XRPC's response types (the library's ResponseType enum, which @atproto/api does not re-export). */
const Status = {
  Unknown: 1,
  InvalidResponse: 2,
  AuthenticationRequired: 401,
  RateLimitExceeded: 429,
  InternalServerError: 500,
  UpstreamFailure: 502,
  NotEnoughResources: 503,
  UpstreamTimeout: 504,
} as const;

export function classifyBlueskyError(error: unknown, clock: Clock): BlueskyFailure {
  if (!(error instanceof XRPCError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return failedBeforeSending(error) ? { kind: 'retry', detail, status: null } : { kind: 'uncertain', detail, status: null };
  }
  if (isBadTokenScope(error)) return { kind: 'scope', detail: detailOf(error) };
  switch (error.status as number) {
    case Status.RateLimitExceeded: {
      const resetAt = resetOf(error);
      return { kind: 'rate_limited', resetAt, waitMs: waitUntil(resetAt, clock, DEFAULT_RATE_LIMIT_WAIT_MS) };
    }
    case Status.NotEnoughResources:
      return { kind: 'retry', detail: `Bluesky is unavailable (503): ${detailOf(error)}`, status: 503 };
    case Status.Unknown:
      return failedBeforeSending(error)
        ? { kind: 'retry', detail: `Bluesky could not be reached: ${error.message}`, status: null }
        : { kind: 'uncertain', detail: `the connection to Bluesky failed: ${error.message}`, status: null };
    case Status.InternalServerError:
    case Status.UpstreamFailure:
    case Status.UpstreamTimeout:
    case Status.InvalidResponse:
      // An answer that breaks the lexicon came after the request was handled: its outcome is unknown.
      return {
        kind: 'uncertain',
        detail: `Bluesky answered ${error.status === Status.InvalidResponse ? 'something unexpected' : error.status}: ${detailOf(error)}`,
        status: error.status === Status.InvalidResponse ? null : error.status,
      };
    case Status.AuthenticationRequired:
      return { kind: 'auth', detail: detailOf(error) };
    default:
      if (['ExpiredToken', 'InvalidToken', 'AccountTakedown', 'AuthFactorTokenRequired'].includes(error.error))
        return { kind: 'auth', detail: detailOf(error) };
      return { kind: 'refused', status: error.status, error: error.error, detail: detailOf(error) };
  }
}
