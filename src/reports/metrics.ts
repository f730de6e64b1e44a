/**
 * The one implementation of the contract's metrics (CONTRACT.md section 7). Reports, the digest,
 * `/metrics` and tests all call `computeReport`; nothing else may re-derive these numbers.
 *
 * Definitions and the decisions the contract leaves open:
 * - Window: cases whose `createdAt` lies in [from, to). `total` is raw volume (every case in the
 *   window); every other number counts actionable cases only.
 * - Nothing after `now` exists: a `firstResponseAt` or `resolvedAt` later than `now` is treated
 *   as absent, so a report computed "as of" an instant is reproducible.
 * - FRT = firstResponseAt − createdAt, wall clock. A response stamped before the mention (clock
 *   skew between sources) counts as FRT 0 rather than a negative time.
 * - 24-hour response rate = answeredWithin24h ÷ (answered + unanswered cases aged ≥ 24 h at
 *   `now`). "Within 24 h" is FRT ≤ 24 h exactly. A case answered after 24 h is in the
 *   denominator only. Unanswered cases younger than 24 h are `pending24h`, in neither number.
 *   null when the denominator is 0.
 * - SLA attainment = slaMet ÷ slaEligible, in business time when the priority's policy names a
 *   calendar. Eligible: every answered case (met when firstResponseAt ≤ dueAt) plus unanswered
 *   cases already past due at `now` (misses). Unanswered cases not yet due are excluded: their
 *   outcome is unknown. null when nothing is eligible.
 * - Breaches = answered late + unanswered past due = slaEligible − slaMet.
 * - Resolution time = resolvedAt − createdAt, wall clock, over resolved actionable cases.
 * - Sentiment buckets: < −0.05 negative, > 0.05 positive, otherwise (or not a number) neutral.
 * - byAgent groups by `owner`; cases without an owner appear in no agent row, so agent rows need
 *   not add up to `overall`. bySource/byAgent list only keys that occur in the window.
 * - Percentiles (median, p90) use linear interpolation between closest ranks (see `percentile`).
 *
 * Cost: one pass over the cases into flat typed arrays, then per group a linear-time selection
 * of the median and p90 instead of a sort (group-stats.ts). Due dates are only computed when the
 * wall-clock shortcut cannot decide.
 */
import { PRIORITIES, type Priority } from '../domain/priority.js';
import { addBusinessMs } from '../sla/business-time.js';
import { calendarFor, type BusinessHours, type SlaConfig } from '../sla/config.js';
import {
  ANSWERED,
  CaseRows,
  fillPercentiles,
  GroupCounts,
  PENDING_24H,
  SLA_ELIGIBLE,
  SLA_MET,
  WITHIN_24H,
} from './group-stats.js';

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

export interface Window {
  from: Date;
  to: Date;
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

export interface MetricsSummary {
  total: number;
  actionable: number;
  answered: number;
  answeredWithin24h: number;
  pending24h: number;
  /** null when the denominator is 0. */
  responseRate24h: number | null;
  frtMedianMs: number | null;
  frtP90Ms: number | null;
  slaMet: number;
  slaEligible: number;
  slaAttainment: number | null;
  breaches: number;
  resolved: number;
  resolutionMedianMs: number | null;
  sentiment: { negative: number; neutral: number; positive: number };
}

export interface Report {
  window: Window;
  generatedAt: Date;
  overall: MetricsSummary;
  byPriority: Record<Priority, MetricsSummary>;
  bySource: Record<string, MetricsSummary>;
  byAgent: Record<string, MetricsSummary>;
}

export const SENTIMENT_THRESHOLD = 0.05;

/** Group index by key, for one of the string dimensions (source, agent). Shared with sql-report.ts. */
export class Keyed {
  readonly index = new Map<string, number>();
  readonly groups: GroupCounts[] = [];
  of(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.groups.length;
      this.groups.push(new GroupCounts());
      this.index.set(key, i);
    }
    return i;
  }
  /** Largest groups first, then by name, so reports and JSON come out in a stable, useful order. */
  toRecord(): Record<string, MetricsSummary> {
    const entries = [...this.index].sort(
      ([ka, a], [kb, b]) => (this.groups[b]?.total ?? 0) - (this.groups[a]?.total ?? 0) || (ka < kb ? -1 : ka > kb ? 1 : 0),
    );
    // fromEntries defines own data properties, so a source called "__proto__" is just a key.
    return Object.fromEntries(entries.map(([k, i]) => [k, (this.groups[i] as GroupCounts).summary()]));
  }
}

/** Index into PRIORITIES; -1 for anything else (a switch beats a keyed lookup in the hot loop). */
export function priorityIndex(p: string): number {
  switch (p) {
    case 'P1':
      return 0;
    case 'P2':
      return 1;
    case 'P3':
      return 2;
    case 'P4':
      return 3;
    default:
      return -1;
  }
}

export function computeReport(cases: readonly CaseFact[], window: Window, now: Date, sla: SlaConfig): Report {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const nowMs = now.getTime();

  // Per-priority SLA inputs, hoisted out of the loop.
  const targetMs = PRIORITIES.map((p) => sla.policies[p].firstResponseMinutes * 60_000);
  const hours: (BusinessHours | undefined)[] = PRIORITIES.map((p) => calendarFor(sla, p));

  const overall = new GroupCounts();
  const byPriority = PRIORITIES.map(() => new GroupCounts());
  const bySource = new Keyed();
  const byAgent = new Keyed();
  const rows = new CaseRows(cases.length);

  for (const c of cases) {
    const created = c.createdAt.getTime();
    if (!(created >= from && created < to)) continue;
    const p = priorityIndex(c.priority);
    if (p < 0) throw new RangeError(`case ${c.id} has unknown priority ${JSON.stringify(c.priority)}`);
    const pAcc = byPriority[p] as GroupCounts;
    const s = bySource.of(c.source);
    const sAcc = bySource.groups[s] as GroupCounts;
    const a = c.owner != null ? byAgent.of(c.owner) : -1;
    const aAcc = a >= 0 ? (byAgent.groups[a] as GroupCounts) : null;
    overall.total++;
    pAcc.total++;
    sAcc.total++;
    if (aAcc) aAcc.total++;
    if (!c.actionable) continue;

    const respondedMs = c.firstResponseAt ? c.firstResponseAt.getTime() : NaN;
    const answered = respondedMs <= nowMs; // false for NaN (no response) and for future stamps
    const frt = answered ? Math.max(0, respondedMs - created) : NaN;
    const age = nowMs - created;
    const target = targetMs[p] as number;
    const cal = hours[p];
    // Business time never runs faster than the wall clock, so dueAt ≥ createdAt + target: the
    // business-time walk (addBusinessMs) only runs when that bound cannot decide.

    let flags = 0;
    if (answered) {
      flags |= ANSWERED | SLA_ELIGIBLE;
      if (frt <= DAY) flags |= WITHIN_24H;
      if (respondedMs - created <= target || respondedMs <= addBusinessMs(created, target, cal)) flags |= SLA_MET;
    } else {
      if (age < DAY) flags |= PENDING_24H;
      if (age >= target && nowMs >= addBusinessMs(created, target, cal)) flags |= SLA_ELIGIBLE;
    }
    const resolvedMs = c.resolvedAt ? c.resolvedAt.getTime() : NaN;
    const resolved = resolvedMs <= nowMs;
    const sentiment = c.sentiment < -SENTIMENT_THRESHOLD ? -1 : c.sentiment > SENTIMENT_THRESHOLD ? 1 : 0;

    overall.add(flags, resolved, sentiment);
    pAcc.add(flags, resolved, sentiment);
    sAcc.add(flags, resolved, sentiment);
    if (aAcc) aAcc.add(flags, resolved, sentiment);
    rows.push(frt, resolved ? Math.max(0, resolvedMs - created) : NaN, p, s, a);
  }

  fillPercentiles(rows, overall, [byPriority, bySource.groups, byAgent.groups]);

  const byPriorityRecord = {} as Record<Priority, MetricsSummary>;
  PRIORITIES.forEach((p, i) => (byPriorityRecord[p] = (byPriority[i] as GroupCounts).summary()));

  return {
    window: { from: new Date(from), to: new Date(to) },
    generatedAt: new Date(nowMs),
    overall: overall.summary(),
    byPriority: byPriorityRecord,
    bySource: bySource.toRecord(),
    byAgent: byAgent.toRecord(),
  };
}
