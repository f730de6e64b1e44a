import { tellPerson } from '../../../src/chat/failure.js';
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

/**
 * Routes a card action (Action.Execute verb, or `klaxonVerb` of an Action.Submit) to its handler,
 * and is the one error handler of them all: a refusal that escapes a handler is told in its own
 * words, anything else is logged once and the clicker sees the short apology (src/chat/failure.ts).
 * A message leaves the card or form as it was, so nothing typed is lost.
 */
export async function runCardAction(deps: TeamsBotDeps, verb: unknown, input: ActionInput): Promise<ActionResult> {
  if (!isVerb(verb)) return message('That button is no longer supported; use the buttons on a current card.');
  try {
    return await HANDLERS[verb](deps, input);
  } catch (error) {
    return message(tellPerson(error, deps.logger, `Teams card action ${verb}`));
  }
}
