import { PayloadRefusedError, RetryableError, TargetUnavailableError } from '../../src/ports.js';

/** Slack errors that may pass: its own transient failures (rate limits are handled apart). */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/** Slack refused the content itself: sending the same payload again can never work. */
const PAYLOAD_ERRORS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'invalid_arguments',
  'invalid_attachments',
  'too_many_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'markdown_text_conflict',
]);

/** What Slack says when the bot cannot post to the channel at all. */
export const TARGET_ERRORS: Record<string, string> = {
  not_in_channel: 'Klaxon is not a member of that channel.',
  channel_not_found: 'Klaxon cannot see that channel: it is private and Klaxon was never invited, or it no longer exists.',
  is_archived: 'That channel is archived.',
};

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string; errors?: unknown; response_metadata?: { messages?: unknown } };
}

/** Slack's error code for a failed call (`invalid_blocks`, `not_in_channel`…), or null. */
export function slackErrorCode(error: unknown): string | null {
  const e = error as SlackErrorShape;
  return e?.code === 'slack_webapi_platform_error' ? (e.data?.error ?? null) : null;
}

/** Slack's list of what is wrong with a refused payload: schema messages with JSON pointers. */
function refusalDetails(e: SlackErrorShape): string[] {
  const list = Array.isArray(e.data?.errors)
    ? e.data.errors
    : Array.isArray(e.data?.response_metadata?.messages)
      ? e.data.response_metadata.messages
      : [];
  return list
    .filter((m): m is string => typeof m === 'string')
    .slice(0, 20)
    .map((m) => m.slice(0, 300));
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
      if (e.statusCode === 413) return new PayloadRefusedError('request_too_large', [], { cause: error });
      return (e.statusCode ?? 0) >= 500 || e.statusCode === 408
        ? new RetryableError(`Slack HTTP ${e.statusCode}`, null, { cause: error })
        : error;
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? '';
      if (TRANSIENT_PLATFORM_ERRORS.has(code)) return new RetryableError(`Slack ${code}`, null, { cause: error });
      if (PAYLOAD_ERRORS.has(code)) return new PayloadRefusedError(code, refusalDetails(e), { cause: error });
      if (TARGET_ERRORS[code]) return new TargetUnavailableError(code, TARGET_ERRORS[code], { cause: error });
      return error;
    }
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
