import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { loadCaseView } from '../../../../src/cases/view.js';
import type { SlackListenerDeps } from '../../context.js';
import { fullTextModal } from '../../views/full-text.js';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * "Show full text" on a card whose text is longer than the card shows: the whole text in a
 * modal. It shows what the card's channel already shows in part, so anyone who sees the card
 * may open it; nothing changes on the case.
 */
export function fullTextAction(deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const view = loadCaseView(deps.cases.db, Number(action.value), deps.cases.clock.now(), deps.cases.sla);
    if (!view) {
      if (body.channel?.id) await client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text: 'That case no longer exists.' });
      return;
    }
    await client.views.open({ trigger_id: body.trigger_id, view: fullTextModal(view, 0).view });
  };
}

/** Previous / Next inside the full-text modal: the same modal, another page (`views.update`). */
export function fullTextPageAction(deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const [caseId, page] = (action.value ?? '').split(':').map(Number);
    const view = loadCaseView(deps.cases.db, caseId ?? 0, deps.cases.clock.now(), deps.cases.sla);
    if (!view || !body.view) return;
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: fullTextModal(view, page ?? 0).view });
  };
}
