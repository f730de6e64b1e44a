import type { App } from '@slack/bolt';
import type { SlackListenerDeps } from '../context.js';
import { VIEW } from '../views/ids.js';
import { registerActions } from './actions/index.js';
import { klaxonCommand } from './commands/klaxon.js';
import { appHomeOpened, HOME_MORE_ACTION, homeMoreAction } from './events/app-home.js';
import { threadNote } from './events/thread-note.js';
import { dmSubmission, escalateSubmission, handoffSubmission, replyAsDmSubmission, replySubmission, resolveSubmission } from './views/submissions.js';

/** Every listener Klaxon registers; manifest.json declares the matching command, events and interactivity. */
export function registerListeners(app: App, deps: SlackListenerDeps): void {
  registerActions(app, deps);
  app.command('/klaxon', klaxonCommand(deps));
  app.view(VIEW.reply, replySubmission(deps));
  app.view(VIEW.replyAsDm, replyAsDmSubmission(deps));
  app.view(VIEW.dm, dmSubmission(deps));
  app.view(VIEW.handoff, handoffSubmission(deps));
  app.view(VIEW.escalate, escalateSubmission(deps));
  app.view(VIEW.resolve, resolveSubmission(deps));
  app.message(threadNote(deps));
  app.event('app_home_opened', appHomeOpened(deps));
  app.action(HOME_MORE_ACTION, homeMoreAction(deps));
}
