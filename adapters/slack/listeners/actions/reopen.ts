import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { reopenCase } from '../../../../src/cases/verbs/reopen.js';
import type { SlackListenerDeps } from '../../context.js';
import { runForUser } from '../../respond.js';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function reopenAction(deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const caseId = Number(action.value);
    const actor = await deps.people.actor(body.user.id, body.user.name);
    await runForUser({ client, channel: body.channel?.id, user: body.user.id, logger: deps.logger }, () =>
      reopenCase({ ctx: deps.cases, input: { caseId, actor } }),
    );
  };
}
