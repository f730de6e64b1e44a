import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { loadCaseView } from '../../../../src/cases/view.js';
import { assertCanAct } from '../../../../src/cases/permissions.js';
import { ERROR_CODES, isKlaxonError } from '../../../../src/errors.js';
import type { CaseView } from '../../../../src/ports.js';
import type { SlackListenerDeps } from '../../context.js';
import { dmModal, escalateModal, handoffModal, resolveModal } from '../../views/forms.js';
import { replyModal } from '../../views/reply.js';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
export type ModalKind = 'reply' | 'dm' | 'handoff' | 'escalate' | 'resolve';

function build(kind: ModalKind, view: CaseView, deps: SlackListenerDeps, agentName: string | null, channel: string | undefined): ModalView {
  switch (kind) {
    case 'reply': {
      const source = deps.cases.replySources.get(view.source);
      return replyModal({ view, saved: deps.savedReplies, text: '', sign: deps.signReplies, agentName, rev: 0, measure: source?.measure ? (t) => source.measure!(t) : null, privatePatterns: deps.cases.privatePatterns, allow: deps.cases.replyAllow });
    }
    case 'dm':
      return dmModal(view, channel);
    case 'handoff':
      return handoffModal(view, channel);
    case 'escalate':
      return escalateModal(view, channel);
    case 'resolve':
      return resolveModal(view, channel);
  }
}

/**
 * Buttons that need more input open a modal; nothing changes until it is submitted. People who
 * may not act are told at once instead of filling a form that will be refused.
 */
export function openModalAction(kind: ModalKind, deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const actor = await deps.people.actor(body.user.id, body.user.name);
    const channel = body.channel?.id;
    let text: string | null = null;
    try {
      assertCanAct(actor, deps.cases.permissions);
      const view = loadCaseView(deps.cases.db, Number(action.value), deps.cases.clock.now(), deps.cases.sla);
      if (!view) text = ERROR_CODES.not_found;
      else if (view.state === 'resolved' && kind !== 'resolve') text = `${view.ref} is resolved; reopen it first.`;
      else await client.views.open({ trigger_id: body.trigger_id, view: build(kind, view, deps, actor.name, channel) });
    } catch (error) {
      if (!isKlaxonError(error)) throw error;
      text = error.message;
    }
    if (text && channel) await client.chat.postEphemeral({ channel, user: body.user.id, text });
  };
}
