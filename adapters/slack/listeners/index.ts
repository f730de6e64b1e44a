import type { App } from '@slack/bolt';
import type { SlackListenerDeps } from '../context.js';
import { VIEW } from '../views/ids.js';
import { registerActions } from './actions/index.js';
import { klaxonCommand } from './commands/klaxon.js';
import { appHomeOpened, HOME_MORE_ACTION, homeMoreAction } from './events/app-home.js';
import { threadNote } from './events/thread-note.js';
import { asCommandAnswer, guarded, logOnly, onForm, privately } from './guard.js';
import {
  dmSubmission,
  escalateSubmission,
  handoffSubmission,
  replyAsDmSubmission,
  replySubmission,
  replyTextBlock,
  resolveSubmission,
} from './views/submissions.js';

/**
 * Every listener Klaxon registers; manifest.json declares the matching command, events and
 * interactivity. Each goes through the one error handler (guard.ts), told how its person hears of a failure.
 */
export function registerListeners(app: App, deps: SlackListenerDeps): void {
  const log = deps.logger;
  registerActions(app, deps);
  app.command('/klaxon', guarded(log, '/klaxon', klaxonCommand(deps), asCommandAnswer));
  app.view(VIEW.reply, guarded(log, 'reply form', replySubmission(deps), onForm(replyTextBlock)));
  app.view(VIEW.replyAsDm, guarded(log, 'send-as-DM form', replyAsDmSubmission(deps), onForm(null)));
  app.view(
    VIEW.dm,
    guarded(
      log,
      'DM form',
      dmSubmission(deps),
      onForm(() => 'text'),
    ),
  );
  app.view(
    VIEW.handoff,
    guarded(
      log,
      'hand-off form',
      handoffSubmission(deps),
      onForm(() => 'user'),
    ),
  );
  app.view(
    VIEW.escalate,
    guarded(
      log,
      'escalate form',
      escalateSubmission(deps),
      onForm(() => 'note'),
    ),
  );
  app.view(
    VIEW.resolve,
    guarded(
      log,
      'resolve form',
      resolveSubmission(deps),
      onForm(() => 'note'),
    ),
  );
  app.message(guarded(log, 'thread note', threadNote(deps), logOnly));
  app.event('app_home_opened', guarded(log, 'App Home', appHomeOpened(deps), logOnly));
  app.action(HOME_MORE_ACTION, guarded(log, 'App Home "Show more"', homeMoreAction(deps), privately));
}
