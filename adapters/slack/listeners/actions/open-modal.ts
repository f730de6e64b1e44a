import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { prepareForm, type FormKind, type ReplyFormModel } from '../../../../src/chat/forms.js';
import type { CaseView } from '../../../../src/ports.js';
import type { SlackListenerDeps } from '../../context.js';
import { dmModal, escalateModal, handoffModal, resolveModal } from '../../views/forms.js';
import { replyModal } from '../../views/reply.js';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
export type ModalKind = FormKind;

function build(kind: ModalKind, view: CaseView, reply: ReplyFormModel | null, channel: string | undefined): ModalView {
  switch (kind) {
    case 'reply':
      return replyModal({ ...reply!, rev: 0 });
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
 * Buttons that need more input open a modal; nothing changes until it is submitted. Whoever may
 * not use the form is told why at once (src/chat/forms.ts), privately.
 */
export function openModalAction(kind: ModalKind, deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const actor = await deps.people.actor(body.user.id, body.user.name);
    const channel = body.channel?.id;
    const form = prepareForm(deps, kind, Number(action.value), actor);
    if (form.ok) await client.views.open({ trigger_id: body.trigger_id, view: build(kind, form.view, form.reply, channel) });
    else if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text: form.message });
  };
}
