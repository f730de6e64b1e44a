import { refusalOf } from '../../../src/chat/failure.js';
import { pickSavedReply, replyFormModel } from '../../../src/chat/forms.js';
import { sendDraftPrivately, submitReply } from '../../../src/chat/reply.js';
import { CHAT_TEXT } from '../../../src/chat/text.js';
import { ERROR_CODES } from '../../../src/errors.js';
import type { CaseView } from '../../../src/ports.js';
import { renderCaseCard } from '../cards/case-card.js';
import { privacyCard, replyForm } from '../cards/forms.js';
import type { TeamsBotDeps } from '../context.js';
import { caseIdOf, message, str, viewOf, type ActionHandler, type ActionInput, type ActionResult } from './types.js';

interface FormState {
  text: string;
  sign: boolean;
  appliedSaved: string | null;
}

/** The form's inputs as Teams sent them; picking another saved reply refills the text. */
function formState(deps: TeamsBotDeps, view: CaseView, data: Record<string, unknown>): FormState {
  const state = { text: str(data, 'text'), sign: str(data, 'sign') === 'true', appliedSaved: str(data, 'appliedSaved') || null };
  const picked = str(data, 'saved');
  // Every Preview sends the menu's value again: only another pick replaces what is typed.
  const saved = picked && picked !== state.appliedSaved ? pickSavedReply(deps.savedReplies, picked, view) : null;
  return saved ? { ...state, text: saved.text, appliedSaved: saved.id } : state;
}

function form(deps: TeamsBotDeps, view: CaseView, input: ActionInput, state: FormState, error: string | null = null): ActionResult {
  return {
    kind: 'card',
    card: replyForm({ ...replyFormModel(deps, view, input.actor.name, state), error, formId: str(input.data, 'formId') || null }),
  };
}

function sentCard(deps: TeamsBotDeps, caseId: number, text: string): ActionResult {
  const view = viewOf(deps, caseId);
  return view ? { kind: 'card', card: renderCaseCard(view, { text: `✅ ${text}` }) } : message(text);
}

/** Preview: the form again with what the customer would read, its length and any privacy problem. */
export const replyPreview: ActionHandler = (deps, input) => {
  const view = viewOf(deps, caseIdOf(input.data));
  if (!view) return message(ERROR_CODES.not_found);
  return form(deps, view, input, formState(deps, view, input.data));
};

/**
 * Send: the core's reply submission (privacy guard, length check on the source, owner check). A
 * privacy refusal keeps the text server-side and answers with a card offering the one-click DM;
 * another refusal shows the form again with the reason on top.
 */
export const replySend: ActionHandler = async (deps, input) => {
  const view = viewOf(deps, caseIdOf(input.data));
  if (!view) return message(ERROR_CODES.not_found);
  const state = formState(deps, view, input.data);
  const formId = str(input.data, 'formId');
  const reply = {
    caseId: view.id,
    actor: input.actor,
    text: state.text,
    mode: 'public' as const,
    sign: state.sign,
    formKey: formId ? `teams:${formId}` : null,
  };
  const outcome = await refusalOf(() => submitReply(deps.cases, reply));
  if (!outcome.ok) return form(deps, view, input, state, outcome.message);
  if (outcome.value.kind === 'privacy_blocked')
    return { kind: 'card', card: privacyCard(view, outcome.value.message, outcome.value.draftKey, state.text) };
  return sentCard(deps, view.id, outcome.value.result.message);
};

/** "Send as DM instead": the stored draft goes out privately, once, and only for its author. */
export const replyAsDm: ActionHandler = async (deps, input) => {
  const outcome = await refusalOf(() => sendDraftPrivately(deps.cases, str(input.data, 'draftKey'), input.actor));
  if (!outcome.ok) return message(outcome.message);
  return outcome.value ? sentCard(deps, outcome.value.caseId, outcome.value.message) : message(CHAT_TEXT.draftGone);
};
