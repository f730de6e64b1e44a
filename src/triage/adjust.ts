import { PRIORITIES, type Priority } from '../domain/priority.js';
import { isHarmId } from '../scoring/harm/categories.js';
import type { HarmConfig } from '../scoring/harm/config.js';
import type { TriageAnswer } from '../domain/triage.js';

/**
 * The one place a model's answer moves a priority (the seam between AI triage and the local
 * scorer's harm floors). Every floor is the configured one (`harm.<id>`, docs/CONTRACT.md §9 defaults
 * when unset), read from the same config the local scorer uses. Rules:
 *
 * - A harm category whose configured floor is more urgent than the local priority raises it one
 *   level ("someone took money I didn't authorise" scored P4 locally, model says fraud → P3).
 * - Praise or an irrelevant message with no harm lowers it one level.
 * - Anything else leaves it: the model is a second opinion, not the scorer.
 * - Never more than one level from the local priority, and never lowered below a harm floor: the
 *   floors of the categories the local analysis found on the case, and the floor of the category
 *   the model named.
 */
export interface ModelAdjustmentInput {
  /** The case's priority from the local score. */
  local: Priority;
  answer: Pick<TriageAnswer, 'category' | 'intent'>;
  /** Harm category ids the local analysis found on the case (ids the core does not know are ignored). */
  localHarm: readonly string[];
  /** Config `harm`: the floor of each category. */
  harm: HarmConfig;
}

const rank = (p: Priority): number => PRIORITIES.indexOf(p);
const byRank = (r: number): Priority => PRIORITIES[Math.min(PRIORITIES.length - 1, Math.max(0, r))]!;

export function priorityAfterModel({ local, answer, localHarm, harm }: ModelAdjustmentInput): Priority {
  const named = answer.category === 'none' ? null : harm[answer.category].floor;
  let next = local;
  if (named !== null) {
    if (rank(named) < rank(local)) next = byRank(rank(local) - 1);
  } else if (answer.intent === 'praise' || answer.intent === 'irrelevant') {
    next = byRank(rank(local) + 1);
  }
  // The model never lowers a case below a floor. (Raising a case that sits below its floor is the
  // local scorer's job: the model still moves it one level at most.)
  const floor = mostUrgent(harmFloor(localHarm, harm), named);
  if (floor !== null && rank(next) > rank(local) && rank(next) > rank(floor)) next = local;
  return next;
}

/** The most urgent configured floor among the harm categories given; null when none is a known category. */
export function harmFloor(ids: readonly string[], harm: HarmConfig): Priority | null {
  let floor: Priority | null = null;
  // isHarmId checks the list itself: a theme named "__proto__" or "constructor" is no category.
  for (const id of ids) if (isHarmId(id)) floor = mostUrgent(floor, harm[id].floor);
  return floor;
}

function mostUrgent(a: Priority | null, b: Priority | null): Priority | null {
  if (a === null) return b;
  if (b === null) return a;
  return rank(a) <= rank(b) ? a : b;
}
