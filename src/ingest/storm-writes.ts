/**
 * The storm writes of the ingest hot path (storms/incident.ts) through prepared statements:
 * a storm joins, merges and updates cards far more often than anything else on that path, and
 * the query builder re-prepares its SQL every time. The rows written are those of
 * storms/incident.ts and outbox/enqueue.ts, row for row (test/bench/ingest-equivalence.test.ts
 * compares every table against the builder path).
 */
import type { CaseRow } from '../../db/schema/index.js';
import type { Tx } from '../../db/types.js';
import { INGEST_ACTOR, SYSTEM_ACTOR, type Actor, type CaseEventKind } from '../cases/events.js';
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

/** What `recordEvent` writes, through a prepared statement. */
export function recordEventFast(st: IngestStatements, caseId: number, actor: Actor, kind: CaseEventKind, at: Date, detail: Record<string, unknown>): void {
  st.insertEvent.run({ caseId, at, actor: actor.id, actorName: actor.name, platform: actor.platform, kind, detail });
}

/** What `enqueue(tx, { kind: 'card.update', … })` writes for each platform showing the case. */
export function enqueueCardUpdates(st: IngestStatements, row: Pick<CaseRow, 'id' | 'route'>, now: Date): void {
  for (const [platform, target] of Object.entries(row.route)) {
    if (!target || st.pendingCardUpdate.get({ caseId: row.id, platform })) continue;
    st.insertOutbox.run({ kind: 'card.update', platform, target, caseId: row.id, payload: { caseId: row.id }, nextAttemptAt: now, createdAt: now, dedupeKey: null });
  }
}

/** What `notifyCardChanged` writes: the card update and the thread line, per platform. */
function notifyCard(st: IngestStatements, row: Pick<CaseRow, 'id' | 'route'>, now: Date, threadText: string): void {
  for (const [platform, target] of Object.entries(row.route)) {
    if (!target) continue;
    if (!st.pendingCardUpdate.get({ caseId: row.id, platform })) {
      st.insertOutbox.run({ kind: 'card.update', platform, target, caseId: row.id, payload: { caseId: row.id }, nextAttemptAt: now, createdAt: now, dedupeKey: null });
    }
    st.insertOutbox.run({ kind: 'thread.post', platform, target, caseId: row.id, payload: { caseId: row.id, text: threadText }, nextAttemptAt: now, createdAt: now, dedupeKey: null });
  }
}

/**
 * storms/incident.ts `joinIncident`: a storm mention joins its incident. The common join (a repeat
 * that raises nothing) stays on prepared statements; the rare one that raises the incident's harm
 * or priority goes through the case mutator (carry.ts), as the reference path does.
 */
export function joinStorm(
  tx: Tx,
  st: IngestStatements,
  incidentId: number,
  mentionId: number,
  followers: number,
  rescore: (volume: number) => ScoreResult,
  policy: LiftPolicy,
  now: Date,
  absorbed: readonly JoiningReport[] = [],
): void {
  const row = st.caseById.get({ id: incidentId });
  if (!row) return;
  const volume = row.mentionCount + 1;
  const score = rescore(volume);
  st.saveScore.run({ caseId: row.id, score: score.score, severity: score.severity, sentiment: score.sentiment, reasons: JSON.stringify(score.reasons), themes: JSON.stringify(score.themes), id: mentionId });
  const lift = liftIncident(row, [...absorbed, joiningFromScore(score)], policy);
  const change = { mentionCount: volume, reach: row.reach + followers, version: row.version + 1, updatedAt: now.getTime(), id: row.id };
  if (lift === null && score.score > row.score) {
    // Never lowered: the priority stays (a rise would have been a lift), the harm stays named first.
    const reasons = reasonsWithHarm(score.reasons, row.harm, [row.reasons]);
    st.joinIncidentRaised.run({ ...change, score: score.score, priority: row.priority, reasons: JSON.stringify(reasons) });
  } else {
    st.joinIncident.run(change);
  }
  recordEventFast(st, row.id, INGEST_ACTOR, 'mention_added', now, { mentionId, storm: true, volume });
  const joined = { ...row, mentionCount: volume, reach: change.reach, version: change.version, updatedAt: now };
  if (lift) applyLift(tx, joined, lift, { mentionId, ...(absorbed.length > 0 ? { absorbed: absorbed.length } : {}) }, policy, now);
  else enqueueCardUpdates(st, row, now);
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
    st.mergeCase.run({ resolvedAt: now.getTime(), mergedInto: incidentId, version: member.version + 1, updatedAt: now.getTime(), id: member.id });
    recordEventFast(st, member.id, SYSTEM_ACTOR, 'merged', now, { into: incidentId });
    notifyCard(st, member, now, `🌪 Part of a storm: merged into ${formatCaseRef(incidentId)}`);
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
  st.growIncident.run({ mentionCount: row.mentionCount + merged.mentions, reach: row.reach + merged.reach, id: incidentId });
  return merged.reports;
}
