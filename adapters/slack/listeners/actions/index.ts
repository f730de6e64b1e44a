import type { App, BlockAction, BlockButtonAction, BlockElementAction } from '@slack/bolt';
import { actionId } from '../../blocks/card.js';
import { QUEUE_PAGE_ACTION } from '../../blocks/outcome.js';
import type { SlackListenerDeps } from '../../context.js';
import { MODAL_ACTION } from '../../views/ids.js';
import { guarded, privately } from '../guard.js';
import { claimAction } from './claim.js';
import { fullTextAction, fullTextPageAction } from './full-text.js';
import { replyModalInput } from './modal-inputs.js';
import { openModalAction } from './open-modal.js';
import { queuePageAction } from './queue-page.js';
import { reopenAction } from './reopen.js';
import { retryReplyAction, sendAsDmAction } from './send-as-dm.js';

/**
 * Registers the card buttons and the interactive inputs inside modals. Each callback has its own
 * file; each goes through the one error handler, which tells the person privately when it fails.
 */
export function registerActions(app: App, deps: SlackListenerDeps): void {
  const button = (id: string | RegExp, what: string, listener: ReturnType<typeof claimAction>) =>
    app.action<BlockButtonAction>(id, guarded(deps.logger, what, listener, privately));
  const input = (id: string, listener: ReturnType<typeof replyModalInput>) =>
    app.action<BlockAction<BlockElementAction>>(id, guarded(deps.logger, 'Reply form input', listener, privately));
  button(actionId('claim'), 'Claim', claimAction(deps));
  button(actionId('reply'), 'Reply button', openModalAction('reply', deps));
  button(actionId('dm'), 'Move to DM button', openModalAction('dm', deps));
  button(actionId('handoff'), 'Hand off button', openModalAction('handoff', deps));
  button(actionId('escalate'), 'Escalate button', openModalAction('escalate', deps));
  button(actionId('resolve'), 'Resolve button', openModalAction('resolve', deps));
  button(actionId('reopen'), 'Reopen', reopenAction(deps));
  button(MODAL_ACTION.sendAsDm, 'Send as DM', sendAsDmAction(deps));
  button(MODAL_ACTION.retryReply, 'Retry reply', retryReplyAction(deps));
  button(QUEUE_PAGE_ACTION.previous, 'queue page', queuePageAction(deps));
  button(QUEUE_PAGE_ACTION.next, 'queue page', queuePageAction(deps));
  button(MODAL_ACTION.fullText, 'Show full text', fullTextAction(deps));
  button(new RegExp(`^${MODAL_ACTION.fullTextPage}_`), 'full text page', fullTextPageAction(deps));
  input(MODAL_ACTION.savedReply, replyModalInput(deps));
  input(MODAL_ACTION.replyText, replyModalInput(deps));
}
