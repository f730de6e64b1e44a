import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { cases, mentions } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { priorityRank, type Priority } from '../domain/priority.js';
import type { CaseView } from '../ports.js';
import type { SlaConfig } from '../sla/config.js';
import { caseSlaStatus, toCaseView } from './view.js';

export type QueueFilter = { kind: 'all' } | { kind: 'priority'; priority: Priority } | { kind: 'mine'; actorId: string } | { kind: 'unassigned'; priority: Priority };

/** Cases per page of `queue` (and per step of App Home's "Show more"). */
export const QUEUE_PAGE_SIZE = 15;

/**
 * Open cases, highest priority first and, within a priority, the one closest to (or furthest
 * past) its SLA first — the order people should work them in. `offset` and `limit` page through
 * that order; `total` counts them all.
 */
export function listQueue(db: DbOrTx, filter: QueueFilter, now: Date, sla: SlaConfig, limit = QUEUE_PAGE_SIZE, offset = 0): { views: CaseView[]; total: number } {
  const conditions = [eq(cases.state, 'open')];
  if (filter.kind === 'priority') conditions.push(eq(cases.priority, filter.priority));
  if (filter.kind === 'mine') conditions.push(eq(cases.ownerId, filter.actorId));
  if (filter.kind === 'unassigned') conditions.push(eq(cases.priority, filter.priority), isNull(cases.ownerId));
  const rows = db.select().from(cases).where(and(...conditions)).orderBy(asc(cases.priority), asc(cases.createdAt)).all();
  if (rows.length === 0) return { views: [], total: 0 };
  // The order needs every case's SLA status (business hours), but only the page needs its mention.
  const ordered = rows
    .map((row) => ({ row, status: caseSlaStatus(row, now, sla) }))
    .sort((a, b) => priorityRank(a.row.priority) - priorityRank(b.row.priority) || a.status.remainingMs - b.status.remainingMs)
    .slice(Math.max(0, offset), Math.max(0, offset) + limit);
  if (ordered.length === 0) return { views: [], total: rows.length };
  const firsts = new Map(db.select().from(mentions).where(inArray(mentions.id, ordered.map((o) => o.row.firstMentionId))).all().map((m) => [m.id, m]));
  const views = ordered.flatMap(({ row }) => {
    const first = firsts.get(row.firstMentionId);
    return first ? [toCaseView(row, first, now, sla)] : [];
  });
  return { views, total: rows.length };
}
