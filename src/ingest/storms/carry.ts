/**
 * What a report brings to the storm incident it joins. An incident card stands for every report
 * in it, so a report that names a harm the incident lacks (a gas smell in an outage storm) or is
 * more urgent than it raises the incident: its harm categories grow, its priority rises to the
 * most urgent of its own, the report's and every configured harm floor (`harm.<id>`), and the
 * harm is named first among its reasons. Nothing here ever lowers an incident: a harmless repeat
 * leaves its priority, its harm and the harm's reasons as they are.
 *
 * The rise goes through the case mutator (applyChange): the row, an audit row (`storm_raised`),
 * the card updated in place and a line in its thread. The ingest fast path and the reference
 * path both call these functions, so they write the same rows.
 */
import type { CaseRow } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/types.js';
import { INGEST_ACTOR } from '../../cases/events.js';
import { applyChange } from '../../cases/mutate.js';
import { PRIORITIES, type Priority } from '../../domain/priority.js';
import { enqueue } from '../../outbox/enqueue.js';
import type { PlatformId } from '../../ports.js';
import type { ScoringConfig, ScoreResult } from '../../scoring/index.js';
import { HARM_LABELS, isHarmId } from '../../scoring/harm/categories.js';
import type { HarmConfig } from '../../scoring/harm/config.js';
import { MAX_REASONS } from '../../scoring/reasons.js';
import { cardWanted, harmWords, joinGuidance } from '../harm-actions.js';

/** What an incident's rise is measured against: the same config the scorer used. */
export interface LiftPolicy {
  /** Config `harm`: each category's floor. */
  harm: HarmConfig;
  /** Config `scoring.thresholds`: the score that goes with each priority. */
  thresholds: ScoringConfig['thresholds'];
  /** Config `cards.minPriority`: an incident that rises to it gets its card then. */
  minCardPriority: Priority;
}

/** A report joining an incident, as its scorer read it. */
export interface JoiningReport {
  harm: readonly string[];
  priority: Priority;
  score: number;
  reasons: readonly string[];
  guidance: string | null;
}

/** What the incident becomes (null from liftIncident when nothing rises). */
export interface Lift {
  patch: Pick<CaseRow, 'priority' | 'score' | 'reasons' | 'harm' | 'guidance'>;
  from: Priority;
  to: Priority;
  /** Harm categories the incident did not have before. */
  addedHarm: string[];
}

type IncidentState = Pick<CaseRow, 'priority' | 'score' | 'reasons' | 'harm' | 'guidance'>;

const rank = (p: Priority): number => PRIORITIES.indexOf(p);

export function joiningFromScore(score: ScoreResult): JoiningReport {
  const { priority, reasons, guidance } = score;
  return { harm: score.harm.map((h) => h.id), priority, score: score.score, reasons, guidance };
}

/** A case folded into an incident brings what it was: its harm, priority, score and reasons. */
export function joiningFromCase(row: Pick<CaseRow, 'harm' | 'priority' | 'score' | 'reasons' | 'guidance'>): JoiningReport {
  return { harm: row.harm, priority: row.priority, score: row.score, reasons: row.reasons, guidance: row.guidance };
}

function thresholdOf(p: Priority, t: LiftPolicy['thresholds']): number {
  return p === 'P1' ? t.p1 : p === 'P2' ? t.p2 : p === 'P3' ? t.p3 : 0;
}

/** Harm ids most urgent floor first (stable: ties keep the order they were found in). */
function byFloor(ids: readonly string[], harm: HarmConfig): string[] {
  const floorRank = (id: string): number => (isHarmId(id) ? rank(harm[id].floor) : PRIORITIES.length);
  return [...ids].sort((a, b) => floorRank(a) - floorRank(b));
}

/**
 * The incident's reasons with every harm it carries named first, as the scorer names harm: the
 * words already there (with their cue, "safety risk (gas)") when some reason says it, else the
 * category's label. The rest follow in their order, at most MAX_REASONS in all.
 */
export function reasonsWithHarm(
  reasons: readonly string[],
  harmIds: readonly string[],
  sources: readonly (readonly string[])[] = [],
): string[] {
  const lead: string[] = [];
  for (const id of harmIds) {
    if (!isHarmId(id)) continue;
    const label = HARM_LABELS[id];
    const said = (r: string): boolean => r === label || r.startsWith(`${label} (`);
    const found = reasons.find(said) ?? sources.flat().find(said) ?? label;
    if (!lead.includes(found)) lead.push(found);
  }
  const rest = reasons.filter((r) => !lead.includes(r));
  return [...lead, ...rest].slice(0, MAX_REASONS);
}

/**
 * What an incident becomes when reports join it, or null when neither its harm nor its priority
 * rises (then the join changes only its count, reach and, for a higher score, score and reasons).
 */
export function liftIncident(incident: IncidentState, joining: readonly JoiningReport[], policy: LiftPolicy): Lift | null {
  const addedHarm: string[] = [];
  for (const report of joining) {
    for (const id of report.harm) if (!incident.harm.includes(id) && !addedHarm.includes(id)) addedHarm.push(id);
  }
  const harm = byFloor([...incident.harm, ...addedHarm], policy.harm);
  let to = incident.priority;
  for (const report of joining) if (rank(report.priority) < rank(to)) to = report.priority;
  for (const id of harm) if (isHarmId(id) && rank(policy.harm[id].floor) < rank(to)) to = policy.harm[id].floor;
  if (addedHarm.length === 0 && to === incident.priority) return null;

  // The reasons of the strongest report when it outscores the incident, as a join always did.
  let lead: JoiningReport | null = null;
  for (const report of joining) if (report.score > incident.score && (lead === null || report.score > lead.score)) lead = report;
  // The score moves with the priority (to the floor's threshold), so sorting by either agrees.
  const score = Math.max(incident.score, lead?.score ?? 0, thresholdOf(to, policy.thresholds));
  const reasons = reasonsWithHarm(
    lead?.reasons ?? incident.reasons,
    harm,
    joining.map((r) => r.reasons),
  );
  let guidance = incident.guidance;
  for (const report of joining) guidance = joinGuidance(guidance, report.guidance);
  return { patch: { priority: to, score, reasons, harm, guidance }, from: incident.priority, to, addedHarm };
}

/**
 * Applies a rise through the case mutator: the row, the `storm_raised` audit row, the card update
 * and a thread line (the harm in plain words, never the customer's text). An incident that was
 * below `cards.minPriority` gets its card now.
 */
export async function applyLift(
  tx: Tx,
  incident: CaseRow,
  lift: Lift,
  cause: Record<string, unknown>,
  policy: LiftPolicy,
  now: Date,
): Promise<CaseRow> {
  // The card first, so the update that follows finds it (the order ingest posts cards in).
  if (cardWanted(lift.to, policy.minCardPriority) && !cardWanted(lift.from, policy.minCardPriority)) {
    for (const [platform, target] of Object.entries(incident.route)) {
      if (!target) continue;
      const post = { kind: 'card.post', platform: platform as PlatformId, target, caseId: incident.id } as const;
      enqueue(tx, post, now, `card.post:${platform}:${incident.id}`);
    }
  }
  const named = lift.addedHarm.length > 0 ? `a report in the storm names ${harmWords(lift.addedHarm)}` : 'a more urgent report joined';
  const stays = `🌪 ${named[0]!.toUpperCase()}${named.slice(1)}; stays ${lift.to}`;
  const line = lift.from === lift.to ? stays : `🌪 Raised ${lift.from} → ${lift.to}: ${named}`;
  return await applyChange(
    tx,
    incident,
    INGEST_ACTOR,
    {
      patch: lift.patch,
      kind: 'storm_raised',
      detail: { ...cause, from: lift.from, to: lift.to, ...(lift.addedHarm.length > 0 ? { harm: lift.addedHarm } : {}) },
      threadText: line,
    },
    now,
  );
}
