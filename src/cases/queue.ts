import { and, asc, count, eq, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { cases, mentions, type CaseRow } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { PRIORITIES, type Priority } from '../domain/priority.js';
import type { CaseView } from '../ports.js';
import type { SlaConfig } from '../sla/config.js';
import { caseSlaStatus, toCaseView } from './view.js';

export type QueueFilter =
  | { kind: 'all' }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'mine'; actorId: string }
  | { kind: 'unassigned'; priority: Priority };

/** Cases per page of `queue` (and per step of App Home's "Show more"). */
export const QUEUE_PAGE_SIZE = 15;

interface Ranked {
  row: CaseRow;
  remainingMs: number;
}

/**
 * Open cases, highest priority first and, within a priority, the one closest to (or furthest
 * past) its SLA first — the order people should work them in. `offset` and `limit` page through
 * that order; `total` counts them all.
 *
 * Reads only what the page needs (a queue of 50,000 open cases answers about as fast as one of 50):
 * within one priority every case has the same policy, and a due time never moves earlier for a
 * case opened later (business time only ever adds), so unanswered cases sorted by age are already
 * sorted by first-response time left, and answered ones by resolution time left. A page is the
 * merge of the first rows of those two walks of the index cases_queue_order, after counts per
 * priority have skipped the priorities wholly before the page.
 */
export function listQueue(
  db: DbOrTx,
  filter: QueueFilter,
  now: Date,
  sla: SlaConfig,
  limit = QUEUE_PAGE_SIZE,
  offset = 0,
): { views: CaseView[]; total: number } {
  const size = Math.max(0, limit);
  const conditions = filterConditions(filter);
  const counts = db
    .select({ priority: cases.priority, n: count() })
    .from(cases)
    .where(and(...conditions))
    .groupBy(cases.priority)
    .all();
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const page: CaseRow[] = [];
  let skip = Math.max(0, offset);
  for (const priority of PRIORITIES) {
    if (page.length >= size) break;
    const inPriority = counts.find((c) => c.priority === priority)?.n ?? 0;
    if (skip >= inPriority) {
      skip -= inPriority;
      continue;
    }
    const want = skip + (size - page.length);
    page.push(...firstInQueueOrder(db, conditions, priority, want, now, sla).slice(skip, want));
    skip = 0;
  }
  if (page.length === 0) return { views: [], total };
  const firstIds = page.map((row) => row.firstMentionId);
  const firsts = new Map(
    db
      .select()
      .from(mentions)
      .where(inArray(mentions.id, firstIds))
      .all()
      .map((m) => [m.id, m]),
  );
  const views = page.flatMap((row) => {
    const first = firsts.get(row.firstMentionId);
    return first ? [toCaseView(row, first, now, sla)] : [];
  });
  return { views, total };
}

function filterConditions(filter: QueueFilter): SQL[] {
  const conditions: SQL[] = [eq(cases.state, 'open')];
  if (filter.kind === 'priority') conditions.push(eq(cases.priority, filter.priority));
  if (filter.kind === 'mine') conditions.push(eq(cases.ownerId, filter.actorId));
  if (filter.kind === 'unassigned') conditions.push(eq(cases.priority, filter.priority), isNull(cases.ownerId));
  return conditions;
}

/** The first `want` open cases of one priority in queue order: the merge of its two age-ordered walks. */
function firstInQueueOrder(db: DbOrTx, conditions: SQL[], priority: Priority, want: number, now: Date, sla: SlaConfig): CaseRow[] {
  const walk = (answered: boolean): Ranked[] =>
    db
      .select()
      .from(cases)
      .where(and(...conditions, eq(cases.priority, priority), answered ? isNotNull(cases.firstResponseAt) : isNull(cases.firstResponseAt)))
      .orderBy(asc(cases.createdAt), asc(cases.id))
      .limit(want)
      .all()
      .map((row) => ({ row, remainingMs: caseSlaStatus(row, now, sla).remainingMs }));
  return [...walk(false), ...walk(true)]
    .sort(queueOrder)
    .slice(0, want)
    .map((r) => r.row);
}

/** Least time left first; then the older case; then the lower id, so equal cases keep one order. */
function queueOrder(a: Ranked, b: Ranked): number {
  return a.remainingMs - b.remainingMs || a.row.createdAt.getTime() - b.row.createdAt.getTime() || a.row.id - b.row.id;
}
