import type { TeamsBotDeps } from '../context.js';
import { VERB, isVerb, type Verb } from '../verbs.js';
import { cancelButton, claimButton, fullTextButton, openForm, reopenButton, retryReplyButton } from './case-buttons.js';
import { dmSend, escalateSend, handoffSend, resolveSend } from './form-submits.js';
import { replyAsDm, replyPreview, replySend } from './reply.js';
import { message, type ActionHandler, type ActionInput, type ActionResult } from './types.js';

/** Every verb has a handler: adding a verb does not compile until it is wired here. */
const HANDLERS: Record<Verb, ActionHandler> = {
  [VERB.claim]: claimButton,
  [VERB.reopen]: reopenButton,
  [VERB.retryReply]: retryReplyButton,
  [VERB.openReply]: openForm('reply'),
  [VERB.openDm]: openForm('dm'),
  [VERB.openHandoff]: openForm('handoff'),
  [VERB.openEscalate]: openForm('escalate'),
  [VERB.openResolve]: openForm('resolve'),
  [VERB.cancel]: cancelButton,
  [VERB.fullText]: fullTextButton,
  [VERB.replyPreview]: replyPreview,
  [VERB.replySend]: replySend,
  [VERB.replyAsDm]: replyAsDm,
  [VERB.dmSend]: dmSend,
  [VERB.handoffSend]: handoffSend,
  [VERB.escalateSend]: escalateSend,
  [VERB.resolveSend]: resolveSend,
};

/** Routes a card action (Action.Execute verb, or `klaxonVerb` of an Action.Submit) to its handler. */
export async function runCardAction(deps: TeamsBotDeps, verb: unknown, input: ActionInput): Promise<ActionResult> {
  if (!isVerb(verb)) return message('That button is no longer supported; use the buttons on a current card.');
  return HANDLERS[verb](deps, input);
}
