import { PRIORITIES, type Priority } from '../domain/priority.js';
import type { HarmCategoryId, TriageAnswer } from './answer.js';

/**
 * The one place a model's answer moves a priority (the seam between AI triage and the local
 * scorer's harm floors). Rules:
 *
 * - A harm category whose floor is more urgent than the local priority raises it one level
 *   ("someone took money I didn't authorise" scored P4 locally, model says fraud → P3).
 * - Praise or an irrelevant message with no harm lowers it one level.
 * - Anything else leaves it: the model is a second opinion, not the scorer.
 * - Never more than one level from the local priority, and never lowered below the harm floor
 *   that applies to the case (`floor`, from the local analysis). Without floors (null) the
 *   one-level rule alone holds.
 */
export interface ModelAdjustmentInput {
  /** The case's priority from the local score. */
  local: Priority;
  answer: Pick<TriageAnswer, 'category' | 'intent'>;
  /** The harm floor the local analysis found for the case, or null. */
  floor: Priority | null;
  /** The floor of each harm category (config `harm.<id>`; CONTRACT §9 defaults). */
  categoryFloor: (category: HarmCategoryId) => Priority;
}

const rank = (p: Priority): number => PRIORITIES.indexOf(p);
const byRank = (r: number): Priority => PRIORITIES[Math.min(PRIORITIES.length - 1, Math.max(0, r))]!;

export function priorityAfterModel({ local, answer, floor, categoryFloor }: ModelAdjustmentInput): Priority {
  let next = local;
  if (answer.category !== 'none') {
    if (rank(categoryFloor(answer.category)) < rank(local)) next = byRank(rank(local) - 1);
  } else if (answer.intent === 'praise' || answer.intent === 'irrelevant') {
    next = byRank(rank(local) + 1);
  }
  // The model never lowers a case below its floor. (Raising a case that sits below its floor is
  // the local scorer's job: the model still moves it one level at most.)
  if (floor !== null && rank(next) > rank(local) && rank(next) > rank(floor)) next = local;
  return next;
}

/** CONTRACT §9 default floors: P1 for safety, crisis and medical; P2 for the other categories. */
export const DEFAULT_HARM_FLOORS: Readonly<Record<HarmCategoryId, Priority>> = {
  safety: 'P1',
  crisis: 'P1',
  medical: 'P1',
  fraud: 'P2',
  vulnerable: 'P2',
  privacy: 'P2',
  discrimination: 'P2',
  threat: 'P2',
  legal: 'P2',
  regulator: 'P2',
  press: 'P2',
  essential_service: 'P2',
};

/**
 * The harm floor that applies to a case from what the local analysis found in its text: the most
 * urgent floor among the harm categories in its themes (theme keys that are category ids —
 * legal, safety, fraud, privacy, press, discrimination today — and every category the scorer
 * learns to name). Null when none applies.
 */
export function floorFromThemes(themes: readonly string[], categoryFloor: (category: HarmCategoryId) => Priority): Priority | null {
  let floor: Priority | null = null;
  for (const theme of themes) {
    // Own keys only: a theme named "__proto__" or "constructor" is no category.
    if (!Object.hasOwn(DEFAULT_HARM_FLOORS, theme)) continue;
    const f = categoryFloor(theme as HarmCategoryId);
    if (floor === null || rank(f) < rank(floor)) floor = f;
  }
  return floor;
}
