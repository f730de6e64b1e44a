import { KlaxonError } from '../../src/errors.js';
import { DeliveryError, RetryableError } from '../../src/ports.js';

/** Meta's error object (`{"error":{…}}`), as far as Klaxon reads it. */
export interface GraphErrorBody {
  message: string;
  type: string | null;
  code: number | null;
  subcode: number | null;
  /** Meta's hint that the same call may work later. */
  transient: boolean;
}

/** Throttling codes: 4 app, 17 user, 32 Page, 613 call rate, 80001–80014 Business Use Case limits. */
const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const isThrottle = (code: number | null): boolean => code !== null && (THROTTLE_CODES.has(code) || (code >= 80001 && code <= 80014));

/** A call to the Graph API that failed; `kind` says what it means for the caller. */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly kind: 'connect' | 'after_write' | 'throttled' | 'unavailable' | 'token' | 'refused' | 'server',
    readonly status: number | null,
    readonly body: GraphErrorBody | null,
    readonly waitMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GraphError';
  }
}

export function parseGraphError(json: unknown): GraphErrorBody | null {
  if (!json || typeof json !== 'object' || !Object.hasOwn(json, 'error')) return null;
  const e = (json as { error?: unknown }).error;
  if (!e || typeof e !== 'object') return null;
  const r = e as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  const message = typeof r.message === 'string' ? r.message.replace(/\s+/g, ' ').slice(0, 300) : 'unknown error';
  return {
    message,
    type: typeof r.type === 'string' ? r.type.slice(0, 60) : null,
    code: num(r.code),
    subcode: num(r.error_subcode),
    transient: r.is_transient === true,
  };
}

/** What a non-2xx Graph answer means. */
export function classifyAnswer(status: number, body: GraphErrorBody | null): GraphError['kind'] {
  if (body?.code === 190 || (status === 401 && body?.type === 'OAuthException' && body.code === null)) return 'token';
  if (status === 429 || isThrottle(body?.code ?? null)) return 'throttled';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server';
  return 'refused';
}

/** Words for people about a refused token (code 190 and its subcodes). */
export function tokenProblem(body: GraphErrorBody | null): string {
  const why =
    body?.subcode === 463
      ? 'it has expired'
      : body?.subcode === 460
        ? 'the password of the person who issued it changed'
        : body?.subcode === 458 || body?.subcode === 459
          ? 'the app was removed or the person must log in again'
          : body?.subcode === 464 || body?.subcode === 467
            ? 'it is no longer valid'
            : 'it is expired, revoked or not valid';
  return (
    `Meta refused the Page access token (OAuthException 190: ${why}). Replies and new details from Facebook and Instagram are ` +
    `paused until an admin sets a new META_PAGE_ACCESS_TOKEN (a long-lived or system-user token) and restarts Klaxon.`
  );
}

/** Meta's words for a refusal, made readable: `(#10) …` → the message with its code. */
export function refusalText(body: GraphErrorBody | null, status: number | null): string {
  if (!body) return status === null ? 'no answer' : `HTTP ${status}`;
  const code = body.code === null ? '' : ` (code ${body.code}${body.subcode === null ? '' : `/${body.subcode}`})`;
  return `${body.message.replace(/^\(#\d+\)\s*/, '')}${code}`;
}

/**
 * The error a reply fails with, as facts for the outbox's one delivery rule
 * (src/outbox/delivery-policy.ts) and words for the card:
 * - not connected: DeliveryError at `connect` (nothing was sent: retried);
 * - throttled: RetryableError with Meta's wait; every call waits with it;
 * - 503, and lost after the request was written (reset, timeout, other 5xx): DeliveryError at
 *   `sent` with the status — the outbox retries a 503 and treats the rest as uncertain (the reply
 *   may be on Facebook), never resending it by itself;
 * - the token: a refusal that says what to do (it needs a person);
 * - any other refusal: failed, in Meta's words.
 */
export function replyError(error: GraphError, platform: string, what: string): Error {
  switch (error.kind) {
    case 'connect':
      return new DeliveryError(`the ${what} could not reach ${platform}: ${error.message}`, 'connect', null, null, { cause: error });
    case 'throttled':
      return new RetryableError(
        `${platform} rate limit reached; the ${what} waits ${Math.ceil((error.waitMs ?? 0) / 1000)} s as Meta asked`,
        error.waitMs,
        { cause: error },
      );
    case 'unavailable':
      return new DeliveryError(`${platform} is not taking requests now (503); the ${what} will be retried`, 'sent', 503, error.waitMs, {
        cause: error,
      });
    case 'token':
      return new KlaxonError('delivery_failed', tokenProblem(error.body), { cause: error });
    case 'after_write':
    case 'server':
      return new DeliveryError(
        `the ${what} may have reached ${platform} before the answer was lost (${error.message})`,
        'sent',
        error.status,
        null,
        { cause: error },
      );
    case 'refused':
      return new KlaxonError('delivery_failed', `${platform} refused the ${what}: ${refusalText(error.body, error.status)}`, {
        cause: error,
        details: { status: error.status, code: error.body?.code ?? null },
      });
  }
}
