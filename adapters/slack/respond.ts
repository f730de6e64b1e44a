import type { WebClient } from '@slack/web-api';
import { refusalOf } from '../../src/chat/failure.js';
import type { Logger } from '../../src/log.js';

/**
 * Runs a verb for a Slack user and tells them the outcome privately when it is a refusal or a
 * no-op. A refusal is told in its own words; any other error goes on to the listeners' one error
 * handler (listeners/guard.ts), which logs it and apologises.
 */
export async function runForUser(
  opts: { client: WebClient; channel: string | undefined; user: string; logger: Logger; quietOnSuccess?: boolean },
  verb: () => Promise<{ changed: boolean; message: string }> | { changed: boolean; message: string },
): Promise<void> {
  const outcome = await refusalOf(verb);
  const text = !outcome.ok ? outcome.message : outcome.value.changed && opts.quietOnSuccess !== false ? null : outcome.value.message;
  if (text && opts.channel) {
    await opts.client.chat.postEphemeral({ channel: opts.channel, user: opts.user, text }).catch((error: unknown) => {
      opts.logger.warn('could not send an ephemeral message', { err: error });
    });
  }
}
