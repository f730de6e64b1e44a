import { ApiPartialResponseError, ApiRequestError, ApiResponseError, type TwitterRateLimit } from 'twitter-api-v2';
import type { Clock } from '../../src/clock.js';

/** What an X call's failure means for the caller. */
export type XFailure =
  /** 429: wait until the window resets (X sends `x-rate-limit-reset`, never Retry-After). */
  | { kind: 'rate_limited'; waitMs: number; resetAt: Date | null }
  /** Server error, network error, connection cut: may work later. */
  | { kind: 'transient'; detail: string; status: number | null }
  /** Any other 4xx: the same call will fail again. */
  | { kind: 'permanent'; status: number; detail: string };

/** Used when a 429 carries no reset time: one rate-limit window on X is 15 minutes. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** X's reset is a whole second; waiting one more avoids a second 429 on a clock skew. */
const RESET_MARGIN_MS = 1000;

function headerNumber(value: string | string[] | undefined): number | null {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * The epoch second the limit that was hit resets: the 24-hour app or user cap when that is the
 * one exhausted, else the 15-minute window.
 */
export function resetEpochSeconds(
  rateLimit: TwitterRateLimit | undefined,
  headers?: Record<string, string | string[] | undefined>,
): number | null {
  if (rateLimit?.day && rateLimit.day.remaining === 0) return rateLimit.day.reset;
  if (rateLimit?.userDay && rateLimit.userDay.remaining === 0) return rateLimit.userDay.reset;
  if (rateLimit && Number.isFinite(rateLimit.reset) && rateLimit.reset > 0) return rateLimit.reset;
  return headerNumber(headers?.['x-rate-limit-reset']);
}

/** How long to wait until `resetEpochSeconds`, measured on the injected clock. */
export function waitUntilReset(resetSeconds: number | null, clock: Clock): { waitMs: number; resetAt: Date | null } {
  if (resetSeconds === null) return { waitMs: DEFAULT_RATE_LIMIT_WAIT_MS, resetAt: null };
  const resetAt = new Date(resetSeconds * 1000);
  return { waitMs: Math.max(RESET_MARGIN_MS, resetAt.getTime() - clock.now().getTime() + RESET_MARGIN_MS), resetAt };
}

/** X's own words for an error, without anything from the request (its headers hold tokens). */
export function errorDetail(error: ApiResponseError): string {
  const data = error.data ?? {};
  const first = data.errors?.[0] as { message?: string; detail?: string } | undefined;
  return data.detail ?? first?.message ?? first?.detail ?? data.title ?? data.error ?? `HTTP ${error.code}`;
}

/**
 * The network error under an ApiRequestError. twitter-api-v2 1.29 stores it as `error` but its
 * `requestError` getter reads another key, so the getter is undefined: look in both.
 */
function underlying(error: ApiRequestError): string {
  const options = (error as unknown as { _options?: { error?: Error; requestError?: Error } })._options;
  return (error.requestError ?? options?.requestError ?? options?.error)?.message ?? error.message;
}

export function classifyXError(error: unknown, clock: Clock): XFailure {
  if (error instanceof ApiResponseError) {
    if (error.code === 429) return { kind: 'rate_limited', ...waitUntilReset(resetEpochSeconds(error.rateLimit, error.headers), clock) };
    if (error.code >= 500) return { kind: 'transient', status: error.code, detail: `X answered ${error.code}: ${errorDetail(error)}` };
    return { kind: 'permanent', status: error.code, detail: errorDetail(error) };
  }
  if (error instanceof ApiRequestError) return { kind: 'transient', status: null, detail: `request to X failed: ${underlying(error)}` };
  if (error instanceof ApiPartialResponseError)
    return { kind: 'transient', status: null, detail: `X's response was cut off: ${error.responseError?.message ?? error.message}` };
  return { kind: 'transient', status: null, detail: error instanceof Error ? error.message : String(error) };
}

/** X's duplicate-content refusal: v1.1 error 187, or v2's 403 "duplicate content". */
export function isDuplicateContent(error: unknown): boolean {
  if (!(error instanceof ApiResponseError)) return false;
  if (error.hasErrorCode(187)) return true;
  return error.code === 403 && /duplicate/i.test(errorDetail(error));
}

/**
 * Error codes that mean the connection to X was never made, so the request cannot have reached
 * it: name resolution, a refused or unreachable address, and TLS failures (the handshake comes
 * before any byte of the request). Anything else that breaks a call — a reset, a timeout, a cut
 * answer — may come after X read the request.
 */
const BEFORE_CONNECT = new RegExp(
  '^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|ERR_TLS_.*|ERR_SSL_.*|' +
    'CERT_.*|UNABLE_TO_.*|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_INVALID_URL)$',
);

/** How far a failed call to X got: `connect` (nothing was sent) or `sent` (X may have acted on it). */
export function xCallPhase(error: unknown): 'connect' | 'sent' {
  if (!(error instanceof ApiRequestError)) return 'sent';
  const options = (error as unknown as { _options?: { error?: Error; requestError?: Error } })._options;
  const cause = (error.requestError ?? options?.requestError ?? options?.error) as (Error & { code?: unknown }) | undefined;
  return typeof cause?.code === 'string' && BEFORE_CONNECT.test(cause.code) ? 'connect' : 'sent';
}

/**
 * X's refusal of a reply to a post that neither mentions nor quotes the replying account (since
 * February 2026): a 403 whose detail says the account was not mentioned or engaged by the author.
 */
export function isReplyNotAllowed(error: unknown): boolean {
  if (!(error instanceof ApiResponseError) || error.code !== 403 || isDuplicateContent(error)) return false;
  return /not been mentioned|otherwise engaged|not allowed to reply|reply.{0,40}not (be )?(permitted|allowed)/i.test(errorDetail(error));
}
