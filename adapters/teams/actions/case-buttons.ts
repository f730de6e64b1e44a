import { readCase } from '../../../src/cases/read-case.js';
import type { VerbResult } from '../../../src/cases/context.js';
import { claimCase } from '../../../src/cases/verbs/claim.js';
import { reopenCase } from '../../../src/cases/verbs/reopen.js';
import { retryReply } from '../../../src/cases/verbs/retry-reply.js';
import { refusalOf } from '../../../src/chat/failure.js';
import { prepareForm, type FormKind } from '../../../src/chat/forms.js';
import { ERROR_CODES } from '../../../src/errors.js';
import { renderCaseCard } from '../cards/case-card.js';
import { fullTextCard } from '../cards/full-text.js';
import { dmForm, escalateForm, handoffForm, replyForm, resolveForm } from '../cards/forms.js';
import type { TeamsBotDeps } from '../context.js';
import { caseIdOf, message, str, viewOf, type ActionHandler, type ActionInput, type ActionResult } from './types.js';

/**
 * A button that acts at once (Claim, Reopen, Retry reply): the verb runs, and the person who
 * clicked sees the refreshed card straight away; everyone else's copy is updated through the
 * outbox. A refusal or a no-op ("you already own it") is a message, and the card stays as it was.
 */
function direct(verb: (deps: TeamsBotDeps, input: ActionInput) => Promise<VerbResult>): ActionHandler {
  return async (deps, input) => {
    const outcome = await refusalOf(() => verb(deps, input));
    if (!outcome.ok) return message(outcome.message);
    const result = outcome.value;
    if (!result.changed) return message(result.message);
    const view = viewOf(deps, result.caseId);
    return view ? { kind: 'card', card: renderCaseCard(view) } : message(result.message);
  };
}

export const claimButton = direct((deps, { data, actor }) => claimCase({ ctx: deps.cases, input: { caseId: caseIdOf(data), actor } }));
export const reopenButton = direct((deps, { data, actor }) => reopenCase({ ctx: deps.cases, input: { caseId: caseIdOf(data), actor } }));
export const retryReplyButton = direct((deps, { data, actor }) =>
  retryReply({ ctx: deps.cases, input: { caseId: caseIdOf(data), outboxId: Number(data.outboxId) || 0, actor } }),
);

/** The customer's whole text, a page at a time, for whoever may read cases; nothing changes. */
export const fullTextButton: ActionHandler = async (deps, { data, actor }) => {
  const read = await refusalOf(() => readCase({ ctx: deps.cases, input: { caseId: caseIdOf(data), actor } }));
  return read.ok ? { kind: 'card', card: fullTextCard(read.value, Number(data.page) || 1) } : message(read.message);
};

/** Back to the case card from a form; nothing changes. */
export const cancelButton: ActionHandler = (deps, { data }) => {
  const view = viewOf(deps, caseIdOf(data));
  return view ? { kind: 'card', card: renderCaseCard(view) } : message(ERROR_CODES.not_found);
};

/**
 * Buttons that need more input answer with a form in place of the card; nothing changes until
 * it is submitted. Whoever may not use the form is told why at once (src/chat/forms.ts).
 */
export function openForm(kind: FormKind): ActionHandler {
  return (deps, { data, actor, teamId, formId }): ActionResult => {
    // "Back to edit" after a privacy refusal brings the refused text back.
    const form = prepareForm(deps, kind, caseIdOf(data), actor, str(data, 'text'));
    if (!form.ok) return message(form.message);
    const view = form.view;
    switch (kind) {
      case 'reply':
        return { kind: 'card', card: replyForm({ ...form.reply!, formId }) };
      case 'dm':
        return { kind: 'card', card: dmForm(view, { formId }) };
      case 'handoff':
        return { kind: 'card', card: handoffForm(view, channelChoices(deps, teamId)) };
      case 'escalate':
        return { kind: 'card', card: escalateForm(view) };
      case 'resolve':
        return { kind: 'card', card: resolveForm(view) };
    }
  };
}

/** The team's channels the bot knows, for the hand-off form. */
export function channelChoices(deps: TeamsBotDeps, teamId: string | null): { id: string; name: string }[] {
  if (!teamId) return [];
  return deps.conversations
    .channelsOfTeam(teamId)
    .map((c) => ({ id: c.conversationId, name: c.channelName ?? c.name ?? c.conversationId }));
}
