import { eq, inArray } from 'drizzle-orm';
import { cases, mentions, type CaseRow } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/types.js';
import { INGEST_ACTOR, SYSTEM_ACTOR, recordEvent } from '../../cases/events.js';
import { notifyCardChanged } from '../../cases/mutate.js';
import { formatCaseRef } from '../../cases/refs.js';
import type { ScoreResult } from '../../scoring/index.js';
import { moveMentions } from './detector.js';

/**
 * Folds open, untouched cases about the same thing into a new incident: their mentions move to
 * it, they close as merged (not actionable on their own: the incident is), and their cards say
 * where the conversation went.
 */
export function mergeIntoIncident(tx: Tx, incident: Pick<CaseRow, 'id'>, mergeIds: number[], now: Date): { mentions: number; reach: number } {
  if (mergeIds.length === 0) return { mentions: 0, reach: 0 };
  const members = tx.select().from(cases).where(inArray(cases.id, mergeIds)).all();
  let count = 0;
  let reach = 0;
  for (const member of members) {
    count += member.mentionCount;
    reach += member.reach;
    tx.update(cases)
      .set({ state: 'resolved', resolvedAt: now, resolvedBy: 'Klaxon (storm)', actionable: false, mergedInto: incident.id, version: member.version + 1, updatedAt: now })
      .where(eq(cases.id, member.id))
      .run();
    recordEvent(tx, member.id, SYSTEM_ACTOR, 'merged', now, { into: incident.id });
    notifyCardChanged(tx, member, now, `🌪 Part of a storm: merged into ${formatCaseRef(incident.id)}`);
  }
  moveMentions(tx, members.map((m) => m.id), incident.id);
  return { mentions: count, reach };
}

/**
 * Earlier reports that matched no one until now join an open incident (the same rule as when an
 * incident forms): their cases are folded in and the incident's count and reach grow by theirs.
 */
export function absorbIntoIncident(tx: Tx, incidentId: number, mergeIds: number[], now: Date): void {
  if (mergeIds.length === 0) return;
  const merged = mergeIntoIncident(tx, { id: incidentId }, mergeIds, now);
  const row = tx.select({ mentionCount: cases.mentionCount, reach: cases.reach }).from(cases).where(eq(cases.id, incidentId)).get();
  if (!row) return;
  tx.update(cases).set({ mentionCount: row.mentionCount + merged.mentions, reach: row.reach + merged.reach }).where(eq(cases.id, incidentId)).run();
}

/** A storm mention joins its incident: the count and reach grow, and so may the priority. */
export function joinIncident(tx: Tx, incidentId: number, mentionId: number, followers: number, rescore: (volume: number) => ScoreResult, now: Date): void {
  const row = tx.select().from(cases).where(eq(cases.id, incidentId)).get();
  if (!row) return;
  const volume = row.mentionCount + 1;
  const score = rescore(volume);
  tx.update(mentions).set({ caseId: row.id, score: score.score, severity: score.severity, sentiment: score.sentiment, reasons: score.reasons, themes: score.themes }).where(eq(mentions.id, mentionId)).run();
  const raised = score.score > row.score;
  tx.update(cases)
    .set({ mentionCount: volume, reach: row.reach + followers, version: row.version + 1, updatedAt: now, ...(raised ? { score: score.score, priority: score.priority, reasons: score.reasons } : {}) })
    .where(eq(cases.id, row.id))
    .run();
  recordEvent(tx, row.id, INGEST_ACTOR, 'mention_added', now, { mentionId, storm: true, volume });
  notifyCardChanged(tx, row, now, null);
}

/** A VIP's or influencer's mention in a storm keeps its own card but still counts in the storm. */
export function countInIncident(tx: Tx, incidentId: number, followers: number, now: Date): void {
  const row = tx.select().from(cases).where(eq(cases.id, incidentId)).get();
  if (!row) return;
  tx.update(cases).set({ mentionCount: row.mentionCount + 1, reach: row.reach + followers, version: row.version + 1, updatedAt: now }).where(eq(cases.id, row.id)).run();
  notifyCardChanged(tx, row, now, null);
}
