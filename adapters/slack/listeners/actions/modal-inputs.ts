import type { AllMiddlewareArgs, BlockAction, BlockElementAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { caseViewOf, pickSavedReply, replyFormModel } from '../../../../src/chat/forms.js';
import type { SlackListenerDeps } from '../../context.js';
import { MODAL_ACTION, parseMeta, stateValue, type StateValues } from '../../views/ids.js';
import { replyModal } from '../../views/reply.js';

type Args = SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> & AllMiddlewareArgs;

/**
 * Inside the Reply modal: picking a saved reply fills the text (its variables filled in), and
 * typing refreshes the preview (length budget, privacy warning) — the modal is re-rendered with
 * `views.update`, keyed by the view's hash so a stale update never overwrites newer typing.
 */
export function replyModalInput(deps: SlackListenerDeps) {
  return async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    const modal = body.view;
    if (!modal) return;
    const meta = parseMeta(modal.private_metadata);
    const view = caseViewOf(deps.cases, meta.caseId);
    if (!view) return;
    const values = modal.state?.values as StateValues | undefined;
    const sign = (stateValue(values, 'sign', 'sign')?.selected_options?.length ?? 0) > 0;
    let text = stateValue(values, 'text', MODAL_ACTION.replyText)?.value ?? '';
    let rev = meta.rev ?? 0;
    let appliedSaved = meta.saved ?? null;
    if (action.action_id === MODAL_ACTION.savedReply && 'selected_option' in action && action.selected_option) {
      const picked = pickSavedReply(deps.savedReplies, action.selected_option.value, view);
      if (picked) {
        // Typed text is only replaced after the menu's confirmation (Slack shows it; see replyModal).
        text = picked.text;
        appliedSaved = picked.id;
        rev += 1; // a new block id, or Slack keeps showing what was typed before
      }
    } else if (action.action_id === MODAL_ACTION.replyText && 'value' in action) {
      text = String(action.value ?? '');
    }
    const agentName = (await deps.people.actor(body.user.id, body.user.name)).name;
    await client.views
      .update({
        view_id: modal.id,
        hash: modal.hash,
        view: replyModal({ ...replyFormModel(deps, view, agentName, { text, sign, appliedSaved }), rev }),
      })
      .catch((error: { data?: { error?: string } }) => {
        // hash_conflict: the person typed again meanwhile; the newer event will render.
        if (error.data?.error !== 'hash_conflict') throw error;
      });
  };
}
