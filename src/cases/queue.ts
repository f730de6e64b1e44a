import { and, asc, eq, inArray } from 'drizzle-orm';
import { cases, mentions } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { priorityRank, type Priority } from '../domain/priority.js';
import type { CaseView } from '../ports.js';
import type { SlaConfig } from '../sla/config.js';
import { toCaseView } from './view.js';

export type QueueFilter = { kind: 'all' } | { kind: 'priority'; priority: Priority } | { kind: 'mine'; actorId: string };

/**
 * Open cases, highest priority first and, within a priority, the one closest to (or furthest
 * past) its SLA first — the order people should work them in.
 */
export function listQueue(db: DbOrTx, filter: QueueFilter, now: Date, sla: SlaConfig, limit = 15): { views: CaseView[]; total: number } {
  const conditions = [eq(cases.state, 'open')];
  if (filter.kind === 'priority') conditions.push(eq(cases.priority, filter.priority));
  if (filter.kind === 'mine') conditions.push(eq(cases.ownerId, filter.actorId));
  const rows = db.select().from(cases).where(and(...conditions)).orderBy(asc(cases.priority), asc(cases.createdAt)).all();
  if (rows.length === 0) return { views: [], total: 0 };
  const firstIds = rows.map((r) => r.firstMentionId);
  const firsts = new Map(db.select().from(mentions).where(inArray(mentions.id, firstIds)).all().map((m) => [m.id, m]));
  const views = rows.flatMap((row) => {
    const first = firsts.get(row.firstMentionId);
    return first ? [toCaseView(row, first, now, sla)] : [];
  });
  views.sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority) || a.sla.remainingMs - b.sla.remainingMs);
  return { views: views.slice(0, limit), total: views.length };
}
