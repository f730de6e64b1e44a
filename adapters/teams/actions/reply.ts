import { fillTemplate } from '../../../src/cases/signature.js';
import { replyCase } from '../../../src/cases/verbs/reply.js';
import { ERROR_CODES, INTERNAL_ERROR_MESSAGE, isKlaxonError } from '../../../src/errors.js';
import type { CaseView } from '../../../src/ports.js';
import { saveDraft, takeDraft } from '../../../src/replies/drafts.js';
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
  let text = str(data, 'text');
  let appliedSaved = str(data, 'appliedSaved') || null;
  const picked = str(data, 'saved');
  if (picked && picked !== appliedSaved) {
    const saved = deps.savedReplies.find((s) => s.id === picked);
    if (saved) {
      text = fillTemplate(saved.text, { name: view.author.name, handle: view.author.handle, caseRef: view.ref });
      appliedSaved = picked;
    }
  }
  return { text, sign: str(data, 'sign') === 'true', appliedSaved };
}

function form(deps: TeamsBotDeps, view: CaseView, input: ActionInput, state: FormState, error: string | null = null): ActionResult {
  const source = deps.cases.replySources.get(view.source);
  return {
    kind: 'card',
    card: replyForm({
      view,
      saved: deps.savedReplies,
      ...state,
      agentName: input.actor.name,
      measure: source?.measure ? (t) => source.measure!(t) : null,
      privatePatterns: deps.cases.privatePatterns,
      allow: deps.cases.replyAllow,
      error,
      formId: str(input.data, 'formId') || null,
    }),
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
 * Send: the public reply verb (privacy guard, length check on the source, owner check). A
 * privacy refusal keeps the text server-side and answers with a card offering the one-click DM.
 */
export const replySend: ActionHandler = async (deps, input) => {
  const view = viewOf(deps, caseIdOf(input.data));
  if (!view) return message(ERROR_CODES.not_found);
  const state = formState(deps, view, input.data);
  try {
    const formId = str(input.data, 'formId');
    const formKey = formId ? `teams:${formId}` : null;
    const reply = { caseId: view.id, actor: input.actor, text: state.text, mode: 'public' as const, sign: state.sign, formKey };
    const result = await replyCase({ ctx: deps.cases, input: reply });
    return sentCard(deps, view.id, result.message);
  } catch (error) {
    if (isKlaxonError(error, 'privacy_blocked')) {
      const draftKey = saveDraft(deps.cases.db, { caseId: view.id, text: state.text, actorId: input.actor.id }, deps.cases.clock.now());
      return { kind: 'card', card: privacyCard(view, error.message, draftKey, state.text) };
    }
    if (!isKlaxonError(error)) deps.logger.error('teams reply failed', { err: error });
    return form(deps, view, input, state, isKlaxonError(error) ? error.message : INTERNAL_ERROR_MESSAGE);
  }
};

/** "Send as DM instead": the stored draft goes out privately, once, and only for its author. */
export const replyAsDm: ActionHandler = async (deps, input) => {
  const draft = takeDraft(deps.cases.db, str(input.data, 'draftKey'), input.actor.id);
  if (!draft) return message('That draft was already sent or has expired.');
  try {
    const result = await replyCase({ ctx: deps.cases, input: { caseId: draft.caseId, actor: input.actor, text: draft.text, mode: 'private' } });
    return sentCard(deps, draft.caseId, result.message);
  } catch (error) {
    if (isKlaxonError(error)) return message(error.message);
    deps.logger.error('teams send-as-DM failed', { err: error });
    return message(INTERNAL_ERROR_MESSAGE);
  }
};
