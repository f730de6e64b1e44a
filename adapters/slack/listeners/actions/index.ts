import type { App, BlockAction, BlockButtonAction, BlockElementAction } from '@slack/bolt';
import { actionId } from '../../blocks/card.js';
import type { SlackListenerDeps } from '../../context.js';
import { MODAL_ACTION } from '../../views/ids.js';
import { claimAction } from './claim.js';
import { fullTextAction, fullTextPageAction } from './full-text.js';
import { replyModalInput } from './modal-inputs.js';
import { openModalAction } from './open-modal.js';
import { queuePageAction } from './queue-page.js';
import { QUEUE_PAGE_ACTION } from '../../blocks/outcome.js';
import { reopenAction } from './reopen.js';
import { retryReplyAction, sendAsDmAction } from './send-as-dm.js';

/** Registers the card buttons and the interactive inputs inside modals. Each callback has its own file. */
export function registerActions(app: App, deps: SlackListenerDeps): void {
  app.action<BlockButtonAction>(actionId('claim'), claimAction(deps));
  app.action<BlockButtonAction>(actionId('reply'), openModalAction('reply', deps));
  app.action<BlockButtonAction>(actionId('dm'), openModalAction('dm', deps));
  app.action<BlockButtonAction>(actionId('handoff'), openModalAction('handoff', deps));
  app.action<BlockButtonAction>(actionId('escalate'), openModalAction('escalate', deps));
  app.action<BlockButtonAction>(actionId('resolve'), openModalAction('resolve', deps));
  app.action<BlockButtonAction>(actionId('reopen'), reopenAction(deps));
  app.action<BlockButtonAction>(MODAL_ACTION.sendAsDm, sendAsDmAction(deps));
  app.action<BlockButtonAction>(MODAL_ACTION.retryReply, retryReplyAction(deps));
  app.action<BlockButtonAction>(QUEUE_PAGE_ACTION.previous, queuePageAction(deps));
  app.action<BlockButtonAction>(QUEUE_PAGE_ACTION.next, queuePageAction(deps));
  app.action<BlockButtonAction>(MODAL_ACTION.fullText, fullTextAction(deps));
  app.action<BlockButtonAction>(new RegExp(`^${MODAL_ACTION.fullTextPage}_`), fullTextPageAction(deps));
  app.action<BlockAction<BlockElementAction>>(MODAL_ACTION.savedReply, replyModalInput(deps));
  app.action<BlockAction<BlockElementAction>>(MODAL_ACTION.replyText, replyModalInput(deps));
}
