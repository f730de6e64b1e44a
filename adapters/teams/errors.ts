import { PayloadRefusedError, RetryableError, TargetUnavailableError } from '../../src/ports.js';
import { BotTokenError } from './auth/client-credentials.js';

/**
 * What the Bot Framework connector answers when Teams will not take an activity, as botbuilder
 * hands it over: a RestError (@azure/core-rest-pipeline) whose `statusCode` is the HTTP status and
 * whose `code` and `message` come from the body's `{ error: { code, message } }` (Teams' codes:
 * learn.microsoft.com, "Status codes from bot conversational APIs").
 */
interface ConnectorErrorShape {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * Teams refused the activity itself: too big (413 `MessageSizeTooBig`, `RequestEntityTooLarge`)
 * or not a payload it accepts (400 `BadArgument`, `BadSyntax` — a card it cannot render, an
 * attachment it does not know). Sending the same activity again can never work.
 */
const PAYLOAD_CODES_400 = new Set(['BadArgument', 'BadSyntax', 'InvalidAttachment', 'ActivityTooLarge']);

/**
 * Teams cannot deliver into the conversation at all, whatever is sent: the bot was removed from
 * the team or chat, the channel or chat no longer exists, the tenant's admin blocked the app, the
 * person blocked the bot. What to do about each, for the case's record and its thread.
 */
export const TARGET_CODES: ReadonlyMap<string, string> = new Map([
  [
    'BotNotInConversationRoster',
    'Klaxon is no longer a member of that Teams conversation: add the Klaxon app to the team or chat again, or change the routing.',
  ],
  ['ConversationNotFound', 'That Teams conversation no longer exists (the channel or chat was deleted): change the routing.'],
  ['NotFound', 'That Teams conversation no longer exists (the channel or chat was deleted): change the routing.'],
  ['BotDisabledByAdmin', "The organisation's Teams admin has disabled the Klaxon app: ask them to allow it again."],
  ['ConversationBlockedByUser', 'The person blocked Klaxon in Teams, so it cannot message them.'],
  ['ForbiddenOperationException', 'Klaxon is not installed for that person in Teams: they (or an admin) must add the app first.'],
]);

/** Teams' words about a refusal, bounded: a schema or size message, kept for the log (never the payload). */
function detailOf(e: ConnectorErrorShape): string[] {
  return typeof e.message === 'string' && e.message ? [e.message.slice(0, 300)] : [];
}

/**
 * Turns what a connector call threw into what the outbox understands: a RetryableError (no token
 * yet, Teams' "try again"), a PayloadRefusedError (then the core sends the short form), a
 * TargetUnavailableError (then a card goes to the default channel), or a plain error that gives up.
 * Our transport's retryable errors (429, 5xx, network) pass through as they are.
 */
export function toOutboxError(error: unknown): unknown {
  if (error instanceof RetryableError || error instanceof PayloadRefusedError || error instanceof TargetUnavailableError) return error;
  // No token for the connector (Entra ID unreachable, or the secret was rotated): the card waits.
  if (error instanceof BotTokenError) return new RetryableError(`no token to call Teams with: ${error.message}`, null, { cause: error });
  const e = (error ?? {}) as ConnectorErrorShape;
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  if (status === null) return error;
  const code = typeof e.code === 'string' && /^[A-Za-z0-9_]{1,60}$/.test(e.code) ? e.code : null;
  if (status === 413) return new PayloadRefusedError(code ?? 'MessageSizeTooBig', detailOf(e), { cause: error });
  if (status === 400 && (code === null || PAYLOAD_CODES_400.has(code)))
    return new PayloadRefusedError(code ?? 'BadArgument', detailOf(e), { cause: error });
  const unreachable = code === null ? undefined : TARGET_CODES.get(code);
  if ((status === 403 || status === 404) && code && unreachable) return new TargetUnavailableError(code, unreachable, { cause: error });
  // Teams documents 412 PreconditionFailed as "please try again".
  if (status === 412) return new RetryableError(`Teams HTTP 412${code ? ` ${code}` : ''}`, null, { cause: error });
  return new Error(
    `Teams refused the call (HTTP ${status}${code ? ` ${code}` : ''}): ${typeof e.message === 'string' ? e.message.slice(0, 300) : ''}`,
    { cause: error },
  );
}
