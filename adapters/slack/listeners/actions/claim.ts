import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { claimCase } from '../../../../src/cases/verbs/claim.js';
import type { SlackListenerDeps } from '../../context.js';
import { runForUser } from '../../respond.js';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** Claim button: ack at once, then claim; a loser of a race is told privately who owns the case. */
export function claimAction(deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const caseId = Number(action.value);
    const actor = await deps.people.actor(body.user.id, body.user.name);
    await runForUser({ client, channel: body.channel?.id, user: body.user.id, logger: deps.logger }, () =>
      claimCase({ ctx: deps.cases, input: { caseId, actor } }),
    );
  };
}
