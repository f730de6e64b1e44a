import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { retryReply } from '../../../../src/cases/verbs/retry-reply.js';
import { sendDraftPrivately } from '../../../../src/chat/reply.js';
import { CHAT_TEXT } from '../../../../src/chat/text.js';
import type { SlackListenerDeps } from '../../context.js';
import { runForUser } from '../../respond.js';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** "Send as DM instead" on a refused `/klaxon reply`: the stored draft goes out privately, once. */
export function sendAsDmAction(deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const actor = await deps.people.actor(body.user.id, body.user.name);
    await runForUser({ client, channel: body.channel?.id, user: body.user.id, logger: deps.logger, quietOnSuccess: false }, async () => {
      return (await sendDraftPrivately(deps.cases, action.value ?? '', actor)) ?? { changed: false, message: CHAT_TEXT.draftGone };
    });
  };
}

/** "Retry reply" on a card whose reply failed or is uncertain: a person decided to send again. */
export function retryReplyAction(deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const [caseId, outboxId] = (action.value ?? '').split(':').map(Number);
    const actor = await deps.people.actor(body.user.id, body.user.name);
    await runForUser({ client, channel: body.channel?.id, user: body.user.id, logger: deps.logger }, () =>
      retryReply({ ctx: deps.cases, input: { caseId: caseId ?? 0, outboxId: outboxId ?? 0, actor } }),
    );
  };
}
