import type { Actor } from '../../../src/cases/events.js';
import { loadCaseView } from '../../../src/cases/view.js';
import { INTERNAL_ERROR_MESSAGE, isKlaxonError } from '../../../src/errors.js';
import type { CaseView } from '../../../src/ports.js';
import type { AdaptiveCard } from '../cards/elements.js';
import type { TeamsBotDeps } from '../context.js';

/**
 * What a card action answers: a card shown in place of the clicked one (for the person who
 * clicked), or a short message Teams shows them without touching the card (a refusal, a no-op).
 */
export type ActionResult = { kind: 'card'; card: AdaptiveCard } | { kind: 'message'; text: string };

export interface ActionInput {
  /** The action's data merged with the card's input values, as Teams sends it. */
  data: Record<string, unknown>;
  actor: Actor;
  /** The team the card is in (for the hand-off channel list), when it is in a team. */
  teamId: string | null;
  /** The Microsoft Entra tenant the click came from: people picked in a form belong to it. */
  tenantId: string | null;
  /**
   * This action's own id (its conversation and activity): a form it opens is known by it, so
   * sending that form twice acts once. Null when Teams gave no activity id.
   */
  formId: string | null;
  /** A person's display name from Teams, for hand-offs to someone the bot has not met. */
  lookupName: (id: string) => Promise<string | null>;
}

export type ActionHandler = (deps: TeamsBotDeps, input: ActionInput) => Promise<ActionResult> | ActionResult;


export function message(text: string): ActionResult {
  return { kind: 'message', text };
}

export function str(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function caseIdOf(data: Record<string, unknown>): number {
  const id = Number(data.caseId);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

export function viewOf(deps: TeamsBotDeps, caseId: number): CaseView | null {
  return loadCaseView(deps.cases.db, caseId, deps.cases.clock.now(), deps.cases.sla);
}

/**
 * Runs a verb and answers with a form again when it is refused (nothing typed is lost), the
 * given success card otherwise. Unknown errors are logged; the person sees a short apology.
 */
export async function submitForm(
  deps: TeamsBotDeps,
  verb: () => Promise<{ message: string }>,
  onSuccess: (message: string) => ActionResult,
  onRefusal: (error: string) => ActionResult,
): Promise<ActionResult> {
  try {
    const result = await verb();
    return onSuccess(result.message);
  } catch (error) {
    if (isKlaxonError(error)) return onRefusal(error.message);
    deps.logger.error('teams form submission failed', { err: error });
    return onRefusal(INTERNAL_ERROR_MESSAGE);
  }
}
