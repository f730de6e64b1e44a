import type { Actor } from '../../../src/cases/events.js';
import { refusalOf } from '../../../src/chat/failure.js';
import { caseViewOf } from '../../../src/chat/forms.js';
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
  return caseViewOf(deps.cases, caseId);
}

/**
 * Runs a verb and answers with the form again when it is refused (nothing typed is lost), the
 * given success card otherwise. Other errors go on to the one error handler (dispatch.ts), whose
 * message leaves the form as it was.
 */
export async function submitForm(
  verb: () => Promise<{ message: string }>,
  onSuccess: (message: string) => ActionResult,
  onRefusal: (error: string) => ActionResult,
): Promise<ActionResult> {
  const outcome = await refusalOf(verb);
  return outcome.ok ? onSuccess(outcome.value.message) : onRefusal(outcome.message);
}
