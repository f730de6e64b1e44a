import type { App, BlockButtonAction } from '@slack/bolt';
import { actionId } from '../../blocks/card.js';
import type { SlackListenerDeps } from '../../context.js';
import { claimAction } from './claim.js';
import { reopenAction, resolveAction } from './resolve.js';

/** Registers the card buttons. Each callback lives in its own file. */
export function registerActions(app: App, deps: SlackListenerDeps): void {
  app.action<BlockButtonAction>(actionId('claim'), claimAction(deps));
  app.action<BlockButtonAction>(actionId('resolve'), resolveAction(deps));
  app.action<BlockButtonAction>(actionId('reopen'), reopenAction(deps));
}
