/**
 * The storm writes of the ingest hot path (storms/incident.ts) through prepared statements:
 * a storm joins, merges and updates cards far more often than anything else on that path, and
 * the query builder re-prepares its SQL every time. The rows written are those of
 * storms/incident.ts and outbox/enqueue.ts, row for row (test/bench/ingest-equivalence.test.ts
 * compares every table against the builder path).
 */
import type { Tx } from '../../db/types.js';
import { INGEST_ACTOR, SYSTEM_ACTOR } from '../cases/events.js';
import { formatCaseRef } from '../cases/refs.js';
import type { ScoreResult } from '../scoring/index.js';
import type { IngestStatements } from './statements.js';
import {
  applyLift,
  joiningFromCase,
  joiningFromScore,
  liftIncident,
  reasonsWithHarm,
  type JoiningReport,
  type LiftPolicy,
} from './storms/carry.js';
import type { MergedCases } from './storms/incident.js';

/**
 * storms/incident.ts `joinIncident`: a storm mention joins its incident. The common join (a repeat
 * that raises nothing) stays on prepared statements; the rare one that raises the incident's harm
 * or priority goes through the case mutator (carry.ts), as the reference path does.
 */
export async function joinStorm(
  tx: Tx,
  st: IngestStatements,
  incidentId: number,
  mentionId: number,
  followers: number,
  rescore: (volume: number) => ScoreResult,
  policy: LiftPolicy,
  now: Date,
  absorbed: readonly JoiningReport[] = [],
): Promise<void> {
  const row = st.caseById.get({ id: incidentId });
  if (!row) return;
  const volume = row.mentionCount + 1;
  const score = rescore(volume);
  st.saveScore.run({
    caseId: row.id,
    score: score.score,
    severity: score.severity,
    sentiment: score.sentiment,
    reasons: JSON.stringify(score.reasons),
    themes: JSON.stringify(score.themes),
    id: mentionId,
  });
  const lift = liftIncident(row, [...absorbed, joiningFromScore(score)], policy);
  const change = { mentionCount: volume, reach: row.reach + followers, version: row.version + 1, updatedAt: now, id: row.id };
  // Never lowered: the priority stays (a rise would have been a lift), the harm stays named first.
  const raised = lift === null && score.score > row.score;
  const reasons = raised ? reasonsWithHarm(score.reasons, row.harm, [row.reasons]) : row.reasons;
  st.cases.joinIncident(change, raised ? { score: score.score, priority: row.priority, reasons } : undefined);
  st.cases.recordEvent(row.id, INGEST_ACTOR, 'mention_added', now, { mentionId, storm: true, volume });
  const joined = { ...row, mentionCount: volume, reach: change.reach, version: change.version, updatedAt: now };
  if (lift) await applyLift(tx, joined, lift, { mentionId, ...(absorbed.length > 0 ? { absorbed: absorbed.length } : {}) }, policy, now);
  else st.cases.notifyCardChanged(row, now, null);
}

/** storms/incident.ts `mergeIntoIncident`: open, untouched cases fold into the incident. */
export function mergeIntoStorm(st: IngestStatements, incidentId: number, mergeIds: readonly number[], now: Date): MergedCases {
  let count = 0;
  let reach = 0;
  const reports: JoiningReport[] = [];
  // In id order, as the builder's `WHERE id IN (…)` returns them.
  for (const id of [...mergeIds].sort((a, b) => a - b)) {
    const member = st.caseById.get({ id });
    if (!member) continue;
    count += member.mentionCount;
    reach += member.reach;
    reports.push(joiningFromCase(member));
    st.cases.mergeInto(member, incidentId, now);
    st.cases.recordEvent(member.id, SYSTEM_ACTOR, 'merged', now, { into: incidentId });
    st.cases.notifyCardChanged(member, now, `🌪 Part of a storm: merged into ${formatCaseRef(incidentId)}`);
  }
  for (const id of mergeIds) st.moveCaseMentions.run({ to: incidentId, from: id });
  return { mentions: count, reach, reports };
}

/** storms/incident.ts `absorbIntoIncident`: earlier reports join an open incident. */
export function absorbIntoStorm(st: IngestStatements, incidentId: number, mergeIds: readonly number[], now: Date): JoiningReport[] {
  if (mergeIds.length === 0) return [];
  const merged = mergeIntoStorm(st, incidentId, mergeIds, now);
  const row = st.caseById.get({ id: incidentId });
  if (!row) return [];
  st.cases.growIncident(incidentId, { mentionCount: row.mentionCount + merged.mentions, reach: row.reach + merged.reach });
  return merged.reports;
}
