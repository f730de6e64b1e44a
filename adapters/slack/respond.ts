import type { WebClient } from '@slack/web-api';
import { INTERNAL_ERROR_MESSAGE, isKlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';

/**
 * Runs a verb for a Slack user and tells them the outcome privately when it is a refusal or a
 * no-op. Known errors become their friendly message; unknown ones are logged with details and
 * the user sees a short apology (never a stack trace).
 */
export async function runForUser(
  opts: { client: WebClient; channel: string | undefined; user: string; logger: Logger; quietOnSuccess?: boolean },
  verb: () => Promise<{ changed: boolean; message: string }> | { changed: boolean; message: string },
): Promise<void> {
  let text: string | null;
  try {
    const result = await verb();
    text = result.changed && opts.quietOnSuccess !== false ? null : result.message;
  } catch (error) {
    if (isKlaxonError(error)) {
      text = error.message;
    } else {
      opts.logger.error('slack action failed', { err: error });
      text = INTERNAL_ERROR_MESSAGE;
    }
  }
  if (text && opts.channel) {
    await opts.client.chat.postEphemeral({ channel: opts.channel, user: opts.user, text }).catch((error: unknown) => {
      opts.logger.warn('could not send an ephemeral message', { err: error });
    });
  }
}
