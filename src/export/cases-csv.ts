import { and, asc, eq, gt, gte, lt, or } from 'drizzle-orm';
import { cases, mentions } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { formatCaseRef } from '../cases/refs.js';
import type { Window } from '../reports/metrics.js';
import type { SlaConfig } from '../sla/config.js';
import { firstResponseStatus } from '../sla/status.js';
import { csvRecord, type CsvValue } from './csv.js';

/**
 * The data behind the report (docs/CONTRACT.md §9 `export`, `report … csv`): one row per case opened in
 * the window — the cases `report` counts as its volume — with the facts each number is made of.
 * The CLI, the Slack upload and the Teams download all write exactly these bytes.
 *
 * Column decisions:
 * - Times are ISO 8601 in UTC; `frt_minutes` is first response − mention time, as in the report
 *   (never negative; empty while unanswered or answered after `now`).
 * - `sla_met`: `yes` / `no` on the first-response target of the case's priority (business hours
 *   where the policy has them), `pending` while unanswered and not yet due, empty when the case is
 *   not actionable (marked "no action"; reports leave it out).
 * - `actionable` lets the rows be reconciled with the report's numbers.
 */
export const CASE_CSV_COLUMNS = [
  'ref',
  'source',
  'author',
  'priority',
  'reasons',
  'created',
  'first_response',
  'frt_minutes',
  'sla_met',
  'owner',
  'state',
  'resolved',
  'actionable',
] as const;

export interface CaseCsvRow {
  ref: string;
  source: string;
  author: string;
  priority: string;
  reasons: string;
  created: string;
  firstResponse: string | null;
  frtMinutes: number | null;
  slaMet: 'yes' | 'no' | 'pending' | null;
  owner: string | null;
  state: string;
  resolved: string | null;
  actionable: boolean;
}

const PAGE = 2000;

interface Joined {
  id: number;
  source: string;
  priority: (typeof cases.$inferSelect)['priority'];
  reasons: string[];
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  ownerId: string | null;
  ownerName: string | null;
  state: string;
  actionable: boolean;
  authorName: string | null;
  authorHandle: string | null;
}

function authorOf(name: string | null, handle: string | null): string {
  if (name && handle) return `${name} (@${handle})`;
  if (handle) return `@${handle}`;
  return name ?? '';
}

/** Nothing after `now` exists (the report's rule), so an export taken "as of" an instant is reproducible. */
function upTo(date: Date | null, now: Date): Date | null {
  return date && date.getTime() <= now.getTime() ? date : null;
}

export function toCsvRow(c: Joined, now: Date, sla: SlaConfig): CaseCsvRow {
  const responded = upTo(c.firstResponseAt, now);
  const resolved = upTo(c.resolvedAt, now);
  let slaMet: CaseCsvRow['slaMet'] = null;
  if (c.actionable) {
    const phase = firstResponseStatus({ priority: c.priority, createdAt: c.createdAt, firstResponseAt: responded }, sla, now).phase;
    slaMet = phase === 'met' ? 'yes' : phase === 'missed' || phase === 'breached' ? 'no' : 'pending';
  }
  return {
    ref: formatCaseRef(c.id),
    source: c.source,
    author: authorOf(c.authorName, c.authorHandle),
    priority: c.priority,
    reasons: c.reasons.join('; '),
    created: c.createdAt.toISOString(),
    firstResponse: responded?.toISOString() ?? null,
    frtMinutes: responded ? Math.round(Math.max(0, responded.getTime() - c.createdAt.getTime()) / 6_000) / 10 : null,
    slaMet,
    owner: c.ownerName ?? c.ownerId,
    state: c.state,
    resolved: resolved?.toISOString() ?? null,
    actionable: c.actionable,
  };
}

function values(r: CaseCsvRow): CsvValue[] {
  return [
    r.ref,
    r.source,
    r.author,
    r.priority,
    r.reasons,
    r.created,
    r.firstResponse,
    r.frtMinutes,
    r.slaMet,
    r.owner,
    r.state,
    r.resolved,
    r.actionable ? 'yes' : 'no',
  ];
}

/**
 * The window's cases in creation order, a page at a time (keyset paging on created time and id):
 * memory stays flat however long the window, and a writer can stream each page out.
 */
export function* caseCsvRows(db: DbOrTx, window: Window, now: Date, sla: SlaConfig): Generator<CaseCsvRow[]> {
  let after: { createdAt: Date; id: number } | null = null;
  for (;;) {
    const inWindow = and(gte(cases.createdAt, window.from), lt(cases.createdAt, window.to));
    const page: Joined[] = db
      .select({
        id: cases.id,
        source: cases.source,
        priority: cases.priority,
        reasons: cases.reasons,
        createdAt: cases.createdAt,
        firstResponseAt: cases.firstResponseAt,
        resolvedAt: cases.resolvedAt,
        ownerId: cases.ownerId,
        ownerName: cases.ownerName,
        state: cases.state,
        actionable: cases.actionable,
        authorName: mentions.authorName,
        authorHandle: mentions.authorHandle,
      })
      .from(cases)
      .leftJoin(mentions, eq(mentions.id, cases.firstMentionId))
      .where(
        after
          ? and(inWindow, or(gt(cases.createdAt, after.createdAt), and(eq(cases.createdAt, after.createdAt), gt(cases.id, after.id))))
          : inWindow,
      )
      .orderBy(asc(cases.createdAt), asc(cases.id))
      .limit(PAGE)
      .all();
    if (page.length === 0) return;
    yield page.map((c) => toCsvRow(c, now, sla));
    if (page.length < PAGE) return;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/** The header record, then one record per case, written a page at a time. */
export function* caseCsvChunks(db: DbOrTx, window: Window, now: Date, sla: SlaConfig): Generator<string> {
  yield csvRecord(CASE_CSV_COLUMNS);
  for (const page of caseCsvRows(db, window, now, sla)) yield page.map((r) => csvRecord(values(r))).join('');
}

/** The whole export as one string (for an upload or a download). */
export function caseCsv(db: DbOrTx, window: Window, now: Date, sla: SlaConfig): string {
  let out = '';
  for (const chunk of caseCsvChunks(db, window, now, sla)) out += chunk;
  return out;
}
