import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { readCase } from '../../../../src/cases/read-case.js';
import { refusalOf } from '../../../../src/chat/failure.js';
import type { CaseView } from '../../../../src/ports.js';
import type { SlackListenerDeps } from '../../context.js';
import { fullTextModal } from '../../views/full-text.js';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * The case for someone who may read cases (the core's `readCase`), or null after telling them
 * privately why not: a card's channel may have members who are not on permissions.viewers.
 */
async function readFor(args: Args, deps: SlackListenerDeps, caseId: number): Promise<CaseView | null> {
  const actor = await deps.people.actor(args.body.user.id, args.body.user.name);
  const read = await refusalOf(() => readCase({ ctx: deps.cases, input: { caseId, actor } }));
  if (read.ok) return read.value;
  const channel = args.body.channel?.id;
  if (channel) await args.client.chat.postEphemeral({ channel, user: args.body.user.id, text: read.message });
  return null;
}

/**
 * "Show full text" on a card whose text is longer than the card shows: the whole text in a
 * modal, for whoever may read cases; nothing changes on the case.
 */
export function fullTextAction(deps: SlackListenerDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const view = await readFor(args, deps, Number(args.action.value));
    if (view) await args.client.views.open({ trigger_id: args.body.trigger_id, view: fullTextModal(view, 0).view });
  };
}

/** Previous / Next inside the full-text modal: the same modal, another page (`views.update`), with the same check. */
export function fullTextPageAction(deps: SlackListenerDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const [caseId, page] = (args.action.value ?? '').split(':').map(Number);
    if (!args.body.view) return;
    const view = await readFor(args, deps, caseId ?? 0);
    if (!view) return;
    await args.client.views.update({ view_id: args.body.view.id, hash: args.body.view.hash, view: fullTextModal(view, page ?? 0).view });
  };
}
