import { RetryableError } from '../../src/ports.js';

/** Slack errors that may pass: its own transient failures (rate limits are handled apart). */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
}

/**
 * Turns a web-api error into what the outbox understands: a RetryableError (with the pause Slack
 * asked for on 429) or the original error, which gives up.
 */
export function toOutboxError(error: unknown): unknown {
  const e = error as SlackErrorShape;
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return new RetryableError('Slack rate limit', Math.max(1, e.retryAfter ?? 1) * 1000, { cause: error });
    case 'slack_webapi_request_error':
      return new RetryableError('Slack unreachable', null, { cause: error });
    case 'slack_webapi_http_error':
      return (e.statusCode ?? 0) >= 500 || e.statusCode === 408 ? new RetryableError(`Slack HTTP ${e.statusCode}`, null, { cause: error }) : error;
    case 'slack_webapi_platform_error':
      return TRANSIENT_PLATFORM_ERRORS.has(e.data?.error ?? '') ? new RetryableError(`Slack ${e.data?.error}`, null, { cause: error }) : error;
    default:
      return error;
  }
}

export async function mapSlackErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toOutboxError(error);
  }
}
