import { eq, inArray } from 'drizzle-orm';
import { cases, mentions, type CaseRow } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/types.js';
import { INGEST_ACTOR, SYSTEM_ACTOR } from '../../cases/events.js';
import { applyChange, patchCase } from '../../cases/store.js';
import { formatCaseRef } from '../../cases/refs.js';
import type { ScoreResult } from '../../scoring/index.js';
import {
  applyLift,
  joiningFromCase,
  joiningFromScore,
  liftIncident,
  reasonsWithHarm,
  type JoiningReport,
  type LiftPolicy,
} from './carry.js';
import { moveMentions } from './detector.js';

/** What cases folded into an incident bring to it. */
export interface MergedCases {
  mentions: number;
  reach: number;
  /** Each folded case's harm and urgency. */
  reports: JoiningReport[];
}

/**
 * Folds open, untouched cases about the same thing into a new incident: their mentions move to
 * it, they close as merged (not actionable on their own: the incident is), and their cards say
 * where the conversation went. Returns what they bring to the incident: their count, reach, and
 * each case's harm and urgency (carry.ts), which the incident must not lose.
 */
export async function mergeIntoIncident(tx: Tx, incident: Pick<CaseRow, 'id'>, mergeIds: number[], now: Date): Promise<MergedCases> {
  if (mergeIds.length === 0) return { mentions: 0, reach: 0, reports: [] };
  const members = tx.select().from(cases).where(inArray(cases.id, mergeIds)).all();
  let count = 0;
  let reach = 0;
  const reports: JoiningReport[] = [];
  for (const member of members) {
    count += member.mentionCount;
    reach += member.reach;
    reports.push(joiningFromCase(member));
    const patch = { state: 'resolved' as const, resolvedAt: now, resolvedBy: 'Klaxon (storm)', actionable: false, mergedInto: incident.id };
    const threadText = `🌪 Part of a storm: merged into ${formatCaseRef(incident.id)}`;
    await applyChange(tx, member, SYSTEM_ACTOR, { patch, kind: 'merged', detail: { into: incident.id }, threadText }, now);
  }
  moveMentions(
    tx,
    members.map((m) => m.id),
    incident.id,
  );
  return { mentions: count, reach, reports };
}

/**
 * Earlier reports that matched no one until now join an open incident (the same rule as when an
 * incident forms): their cases are folded in and the incident's count and reach grow by theirs.
 * Returns the folded cases' harm and urgency, for the join that follows to carry (joinIncident).
 */
export async function absorbIntoIncident(tx: Tx, incidentId: number, mergeIds: number[], now: Date): Promise<JoiningReport[]> {
  if (mergeIds.length === 0) return [];
  const merged = await mergeIntoIncident(tx, { id: incidentId }, mergeIds, now);
  const row = tx.select({ mentionCount: cases.mentionCount, reach: cases.reach }).from(cases).where(eq(cases.id, incidentId)).get();
  if (!row) return [];
  // The merged cases' own rows carry the audit; the join that follows bumps the incident's version.
  await patchCase(tx, incidentId, { mentionCount: row.mentionCount + merged.mentions, reach: row.reach + merged.reach });
  return merged.reports;
}

/**
 * A storm mention joins its incident: the count and reach grow, and so may the score. A report
 * that carries harm the incident lacks, or more urgency, raises it through the case mutator
 * (carry.ts); nothing a report brings ever lowers it or drops the harm it names. `absorbed`: the
 * cases folded into the incident just before (absorbIntoIncident), carried with the join.
 */
export async function joinIncident(
  tx: Tx,
  incidentId: number,
  mentionId: number,
  followers: number,
  rescore: (volume: number) => ScoreResult,
  policy: LiftPolicy,
  now: Date,
  absorbed: readonly JoiningReport[] = [],
): Promise<void> {
  const row = tx.select().from(cases).where(eq(cases.id, incidentId)).get();
  if (!row) return;
  const volume = row.mentionCount + 1;
  const score = rescore(volume);
  tx.update(mentions)
    .set({
      caseId: row.id,
      score: score.score,
      severity: score.severity,
      sentiment: score.sentiment,
      reasons: score.reasons,
      themes: score.themes,
    })
    .where(eq(mentions.id, mentionId))
    .run();
  const lift = liftIncident(row, [...absorbed, joiningFromScore(score)], policy);
  // Without a rise, a higher score still brings its reasons, behind the harm the incident names.
  const raised = lift === null && score.score > row.score;
  const rise = raised ? { score: score.score, reasons: reasonsWithHarm(score.reasons, row.harm, [row.reasons]) } : {};
  const patch = { mentionCount: volume, reach: row.reach + followers, ...rise };
  const detail = { mentionId, storm: true, volume };
  // The card update queued here stays pending, so a lift adds only its thread line.
  const joined = await applyChange(tx, row, INGEST_ACTOR, { patch, kind: 'mention_added', detail, threadText: null }, now);
  if (lift) await applyLift(tx, joined, lift, { mentionId, ...(absorbed.length > 0 ? { absorbed: absorbed.length } : {}) }, policy, now);
}

/**
 * A new incident formed by folding earlier cases in takes on their harm and urgency: a case that
 * was P1 for a gas smell does not become a P2 line in an outage incident. Called once the
 * incident's own row, score and card post are written.
 */
export async function liftFormedIncident(
  tx: Tx,
  incidentId: number,
  merged: readonly JoiningReport[],
  policy: LiftPolicy,
  now: Date,
): Promise<void> {
  const row = tx.select().from(cases).where(eq(cases.id, incidentId)).get();
  if (!row) return;
  const lift = liftIncident(row, merged, policy);
  if (lift) await applyLift(tx, row, lift, { merged: merged.length }, policy, now);
}

/**
 * A VIP's or influencer's mention in a storm keeps its own card (`ownCase`) but still counts in
 * the storm: the incident's count and reach grow, with an audit row saying which mention and case.
 */
export async function countInIncident(
  tx: Tx,
  incidentId: number,
  counted: { mentionId: number; ownCase: number; followers: number },
  now: Date,
): Promise<void> {
  const row = tx.select().from(cases).where(eq(cases.id, incidentId)).get();
  if (!row) return;
  const volume = row.mentionCount + 1;
  await applyChange(
    tx,
    row,
    INGEST_ACTOR,
    {
      patch: { mentionCount: volume, reach: row.reach + counted.followers },
      kind: 'mention_added',
      detail: { mentionId: counted.mentionId, storm: true, volume, ownCase: counted.ownCase },
      threadText: null,
    },
    now,
  );
}
