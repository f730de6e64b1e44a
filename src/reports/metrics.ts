/**
 * Reports over case facts (objects), and the report window. The metrics themselves are computed by
 * ReportBuilder (report-builder.ts), the one implementation of docs/CONTRACT.md §7, which the SQL
 * fast path (sql-report.ts) feeds from columns instead of objects.
 */
import type { Report, Window } from '../domain/report.js';
import type { Priority } from '../domain/priority.js';
import type { SlaConfig } from '../sla/config.js';
import { emptyInput, ReportBuilder, sentimentBucket, type CaseOutcomeInput } from './report-builder.js';

export type { MetricsSummary, Report, Window } from '../domain/report.js';
export { SENTIMENT_THRESHOLD } from './report-builder.js';
export { percentile } from './percentile.js';

export interface CaseFact {
  id: number;
  source: string;
  priority: Priority;
  /** The mention's createdAt (SLA clock start). */
  createdAt: Date;
  /** First reply to the customer (via Klaxon or an ingested outbound message). */
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  /** False for 'no action' cases: excluded everywhere except raw volume. */
  actionable: boolean;
  /** Agent id, for the by-agent breakdown. */
  owner: string | null;
  /** -1..1 */
  sentiment: number;
  /** Ignored: breaches are always computed from the SLA config. */
  breachedFirstResponse?: boolean;
}

export const WINDOW_SPECS = ['24h', '7d', '30d'] as const;
export type WindowSpec = (typeof WINDOW_SPECS)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOW_MS: Record<WindowSpec, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

export function isWindowSpec(value: string): value is WindowSpec {
  return (WINDOW_SPECS as readonly string[]).includes(value);
}

/** The window ending at `now`: [now − span, now). Spans are fixed (7d = 168 h), not calendar days. */
export function parseWindow(spec: WindowSpec, now: Date): Window {
  if (!isWindowSpec(spec)) throw new RangeError(`unknown window "${String(spec)}" (expected ${WINDOW_SPECS.join(', ')})`);
  return { from: new Date(now.getTime() - WINDOW_MS[spec]), to: new Date(now.getTime()) };
}

/** The report of `cases` for `window` as of `now` (see report-builder.ts for every definition). */
export function computeReport(cases: readonly CaseFact[], window: Window, now: Date, sla: SlaConfig): Report {
  const builder = new ReportBuilder(window, now, sla, cases.length);
  const input: CaseOutcomeInput = emptyInput();
  for (const c of cases) {
    input.createdMs = c.createdAt.getTime();
    input.priority = c.priority;
    input.source = c.source;
    input.owner = c.owner;
    input.actionable = c.actionable;
    input.firstResponseMs = c.firstResponseAt ? c.firstResponseAt.getTime() : NaN;
    input.resolvedMs = c.resolvedAt ? c.resolvedAt.getTime() : NaN;
    input.sentiment = sentimentBucket(c.sentiment);
    if (!builder.add(input)) throw new RangeError(`case ${c.id} has unknown priority ${JSON.stringify(c.priority)}`);
  }
  return builder.build();
}
