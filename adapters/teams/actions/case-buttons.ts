import { assertCanAct } from '../../../src/cases/permissions.js';
import { readCase } from '../../../src/cases/read-case.js';
import type { VerbResult } from '../../../src/cases/context.js';
import { claimCase } from '../../../src/cases/verbs/claim.js';
import { reopenCase } from '../../../src/cases/verbs/reopen.js';
import { noPublicReply } from '../../../src/cases/verbs/reply.js';
import { retryReply } from '../../../src/cases/verbs/retry-reply.js';
import { ERROR_CODES, INTERNAL_ERROR_MESSAGE, isKlaxonError } from '../../../src/errors.js';
import { renderCaseCard } from '../cards/case-card.js';
import { fullTextCard } from '../cards/full-text.js';
import { dmForm, escalateForm, handoffForm, replyForm, resolveForm } from '../cards/forms.js';
import type { AdaptiveCard } from '../cards/elements.js';
import type { TeamsBotDeps } from '../context.js';
import { caseIdOf, message, str, viewOf, type ActionHandler, type ActionInput, type ActionResult } from './types.js';

/**
 * A button that acts at once (Claim, Reopen, Retry reply): the verb runs, and the person who
 * clicked sees the refreshed card straight away; everyone else's copy is updated through the
 * outbox. A refusal or a no-op ("you already own it") is a message, and the card stays as it was.
 */
function direct(verb: (deps: TeamsBotDeps, input: ActionInput) => Promise<VerbResult>): ActionHandler {
  return async (deps, input) => {
    try {
      const result = await verb(deps, input);
      if (!result.changed) return message(result.message);
      const view = viewOf(deps, result.caseId);
      return view ? { kind: 'card', card: renderCaseCard(view) } : message(result.message);
    } catch (error) {
      if (isKlaxonError(error)) return message(error.message);
      deps.logger.error('teams card action failed', { err: error });
      return message(INTERNAL_ERROR_MESSAGE);
    }
  };
}

export const claimButton = direct((deps, { data, actor }) => claimCase({ ctx: deps.cases, input: { caseId: caseIdOf(data), actor } }));
export const reopenButton = direct((deps, { data, actor }) => reopenCase({ ctx: deps.cases, input: { caseId: caseIdOf(data), actor } }));
export const retryReplyButton = direct((deps, { data, actor }) => retryReply({ ctx: deps.cases, input: { caseId: caseIdOf(data), outboxId: Number(data.outboxId) || 0, actor } }));

/** The customer's whole text, a page at a time, for whoever may read cases; nothing changes. */
export const fullTextButton: ActionHandler = (deps, { data, actor }) => {
  try {
    const view = readCase({ ctx: deps.cases, input: { caseId: caseIdOf(data), actor } });
    return { kind: 'card', card: fullTextCard(view, Number(data.page) || 1) };
  } catch (error) {
    if (isKlaxonError(error)) return message(error.message);
    throw error;
  }
};

/** Back to the case card from a form; nothing changes. */
export const cancelButton: ActionHandler = (deps, { data }) => {
  const view = viewOf(deps, caseIdOf(data));
  return view ? { kind: 'card', card: renderCaseCard(view) } : message(ERROR_CODES.not_found);
};

export type FormKind = 'reply' | 'dm' | 'handoff' | 'escalate' | 'resolve';

/**
 * Buttons that need more input answer with a form in place of the card; nothing changes until
 * it is submitted. People who may not act are told at once instead of filling a form that will
 * be refused.
 */
export function openForm(kind: FormKind): ActionHandler {
  return (deps, { data, actor, teamId, formId }): ActionResult => {
    try {
      assertCanAct(actor, deps.cases.permissions);
    } catch (error) {
      if (isKlaxonError(error)) return message(error.message);
      throw error;
    }
    const view = viewOf(deps, caseIdOf(data));
    if (!view) return message(ERROR_CODES.not_found);
    if (view.state === 'resolved' && kind !== 'resolve') return message(`${view.ref} is resolved; reopen it first.`);
    // A card posted before the source said no (or a stale one) may still show Reply: say why at once.
    if (kind === 'reply' && !view.publicReply.possible && !view.isPrivate) return message(noPublicReply(view.ref, view.source, view.publicReply.why));
    let card: AdaptiveCard;
    switch (kind) {
      case 'reply': {
        const source = deps.cases.replySources.get(view.source);
        card = replyForm({
          view,
          saved: deps.savedReplies,
          // "Back to edit" after a privacy refusal brings the refused text back.
          text: str(data, 'text'),
          sign: deps.signReplies,
          agentName: actor.name,
          appliedSaved: null,
          measure: source?.measure ? (t) => source.measure!(t) : null,
          privatePatterns: deps.cases.privatePatterns,
          allow: deps.cases.replyAllow,
          formId,
        });
        break;
      }
      case 'dm':
        card = dmForm(view, { formId });
        break;
      case 'handoff':
        card = handoffForm(view, channelChoices(deps, teamId));
        break;
      case 'escalate':
        card = escalateForm(view);
        break;
      case 'resolve':
        card = resolveForm(view);
        break;
    }
    return { kind: 'card', card };
  };
}

/** The team's channels the bot knows, for the hand-off form. */
export function channelChoices(deps: TeamsBotDeps, teamId: string | null): { id: string; name: string }[] {
  if (!teamId) return [];
  return deps.conversations.channelsOfTeam(teamId).map((c) => ({ id: c.conversationId, name: c.channelName ?? c.name ?? c.conversationId }));
}
