import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../../../src/commands/run.js';
import { renderOutcome } from '../../blocks/outcome.js';
import type { SlackListenerDeps } from '../../context.js';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * "Next 15 ›" / "‹ Previous 15" under a `/klaxon queue` answer: the same command for the other
 * page, run for whoever pressed it, replacing the answer in place (through its response_url).
 */
export function queuePageAction(deps: SlackListenerDeps) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const match = /^(all|mine|P[1-4]):(\d{1,4})$/.exec(action.value ?? '');
    if (!match) return;
    const actor = await deps.people.actor(body.user.id, body.user.name);
    const message = renderOutcome(await runCommand(`queue ${match[1]} ${match[2]}`, actor, deps, () => null));
    await respond({ replace_original: true, ...message });
  };
}
