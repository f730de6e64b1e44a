/**
 * Reports over long windows without reading every case each time: a window's whole UTC days come
 * from stored report days (table report_days), its partial first and last days from the cases.
 *
 * A day is classified as of `now` like any case in a report, and most of that depends on `now`
 * only for a while: an unanswered case is "pending" for its first 24 hours and not yet SLA-eligible
 * before its due time; a response or resolution stamped after `now` does not exist yet. Once
 * every case of the day is past all such moments the day is *settled*: its classification is the
 * same at every later instant, and only then is it stored. Any write to a case of that day drops
 * the stored day (triggers in migration 0009), so a stored day is the day as the cases are now.
 * The stored part keeps every actionable case's first-response and resolution times, so medians
 * and p90s over the window are exact: the report equals the one computed from every case.
 *
 * Stored days are keyed by a hash of the SLA configuration: a policy change classifies afresh.
 */
import { createHash } from 'node:crypto';
import { and, between, eq } from 'drizzle-orm';
import { reportDays } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { PRIORITIES } from '../domain/priority.js';
import type { Window } from '../domain/report.js';
import { addBusinessMs } from '../sla/business-time.js';
import { calendarFor, type SlaConfig } from '../sla/config.js';
import type { ReportPart } from './report-builder.js';

export const DAY_MS = 86_400_000;

/** The case columns a settled-day check reads (a subset of sql-report.ts's CaseColumns). */
export interface SettleColumns {
  priority: string[];
  createdAt: number[];
  firstResponseAt: (number | null)[];
  resolvedAt: (number | null)[];
  actionable: number[];
}

/** A short, stable name for an SLA configuration (its policies and calendars). */
export function policyKey(sla: SlaConfig): string {
  return createHash('sha256').update(JSON.stringify(sla)).digest('hex').slice(0, 16);
}

/** The whole UTC days inside a window, as day numbers [first, end). Empty when there are none. */
export function wholeDays(window: Window): { first: number; end: number } {
  const first = Math.ceil(window.from.getTime() / DAY_MS);
  const end = Math.floor(window.to.getTime() / DAY_MS);
  return { first, end: Math.max(first, end) };
}

export const dayWindow = (day: number): Window => ({ from: new Date(day * DAY_MS), to: new Date((day + 1) * DAY_MS) });

/**
 * The instant from which the classification of these cases no longer changes: every unanswered
 * actionable case is at least 24 h old and past its due time, and no response or resolution is
 * stamped later. -Infinity for a day with nothing that waits on time.
 */
export function settledAt(cols: SettleColumns, sla: SlaConfig): number {
  const targetMs = PRIORITIES.map((p) => sla.policies[p].firstResponseMinutes * 60_000);
  const hours = PRIORITIES.map((p) => calendarFor(sla, p));
  let settled = -Infinity;
  for (let k = 0; k < cols.createdAt.length; k++) {
    const created = cols.createdAt[k] as number;
    const resolved = cols.resolvedAt[k];
    if (resolved != null) settled = Math.max(settled, resolved);
    if (cols.actionable[k] !== 1) continue;
    const responded = cols.firstResponseAt[k];
    if (responded != null) {
      // Before the response's instant the case is unanswered; from it on, answered for good.
      settled = Math.max(settled, responded);
      continue;
    }
    const p = PRIORITIES.indexOf(cols.priority[k] as never);
    if (p < 0) continue; // an unknown priority fails the report itself
    settled = Math.max(settled, created + DAY_MS, addBusinessMs(created, targetMs[p] as number, hours[p]));
  }
  return settled;
}

/** Stored days of [first, end) under this policy, by day number. */
export function readStoredDays(db: DbOrTx, policy: string, first: number, end: number): Map<number, ReportPart> {
  const rows = db
    .select()
    .from(reportDays)
    .where(and(eq(reportDays.policy, policy), between(reportDays.day, first, end - 1)))
    .all();
  return new Map(rows.map((r) => [r.day, decodePart(r.groups, r.rows)]));
}

export function storeDay(db: DbOrTx, policy: string, day: number, part: ReportPart, now: Date): void {
  const { groups, rows } = encodePart(part);
  db.insert(reportDays).values({ day, policy, groups, rows, computedAt: now }).onConflictDoNothing().run();
}

type Counters = Pick<ReportPart, 'overall' | 'byPriority' | 'bySource' | 'byAgent'>;

function encodePart(part: ReportPart): { groups: string; rows: Buffer } {
  const { rows, ...counters } = part;
  const n = rows.frt.length;
  const buffer = Buffer.alloc(n * 28);
  Buffer.from(rows.frt.buffer, rows.frt.byteOffset, n * 8).copy(buffer, 0);
  Buffer.from(rows.resolution.buffer, rows.resolution.byteOffset, n * 8).copy(buffer, n * 8);
  Buffer.from(rows.priority.buffer, rows.priority.byteOffset, n * 4).copy(buffer, n * 16);
  Buffer.from(rows.source.buffer, rows.source.byteOffset, n * 4).copy(buffer, n * 20);
  Buffer.from(rows.agent.buffer, rows.agent.byteOffset, n * 4).copy(buffer, n * 24);
  return { groups: JSON.stringify(counters satisfies Counters), rows: buffer };
}

function decodePart(groups: string, buffer: Buffer): ReportPart {
  const counters = JSON.parse(groups) as Counters;
  const n = buffer.length / 28;
  // Copy into a fresh, aligned ArrayBuffer: typed arrays need offsets aligned to their element size.
  const bytes = new Uint8Array(buffer.length);
  bytes.set(buffer);
  const at = bytes.buffer;
  return {
    ...counters,
    rows: {
      frt: new Float64Array(at, 0, n),
      resolution: new Float64Array(at, n * 8, n),
      priority: new Int32Array(at, n * 16, n),
      source: new Int32Array(at, n * 20, n),
      agent: new Int32Array(at, n * 24, n),
    },
  };
}
