/**
 * The one implementation of the contract's metrics (docs/CONTRACT.md §7): every report, the digest,
 * App Home and the SQL fast path feed their cases, one at a time, into a ReportBuilder. The rules
 * that decide what a case counts as (actionable, answered, within 24 h, SLA met or missed, pending,
 * resolved, sentiment bucket) live in `add` and nowhere else.
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
 * wall-clock shortcut cannot decide. The builder takes one reusable input object per call rather
 * than an object per case, so a million-case report allocates nothing per case.
 */
import type { MetricsSummary, Report, Window } from '../domain/report.js';
import { PRIORITIES, type Priority } from '../domain/priority.js';
import { addBusinessMs } from '../sla/business-time.js';
import { calendarFor, type BusinessHours, type SlaConfig } from '../sla/config.js';
import { ANSWERED, CaseRows, fillPercentiles, GroupCounts, PENDING_24H, SLA_ELIGIBLE, SLA_MET, WITHIN_24H } from './group-stats.js';

const DAY = 24 * 3_600_000;

export const SENTIMENT_THRESHOLD = 0.05;

/** The sentiment bucket of a score in −1..1: −1 negative, 1 positive, 0 neutral (also for NaN). */
export function sentimentBucket(sentiment: number): -1 | 0 | 1 {
  return sentiment < -SENTIMENT_THRESHOLD ? -1 : sentiment > SENTIMENT_THRESHOLD ? 1 : 0;
}

/**
 * One case as the builder reads it. Callers keep one of these and overwrite it per case; times are
 * epoch milliseconds, NaN when absent.
 */
export interface CaseOutcomeInput {
  createdMs: number;
  priority: string;
  source: string;
  owner: string | null;
  actionable: boolean;
  firstResponseMs: number;
  resolvedMs: number;
  sentiment: -1 | 0 | 1;
}

/**
 * Counters and percentile rows of a set of cases, in a form that can be stored and added to
 * another builder: group counters in GroupCounts' order, rows with group indexes into this part's
 * own source and agent lists (-1: no agent).
 */
export interface ReportPart {
  overall: number[];
  byPriority: number[][];
  bySource: [string, number[]][];
  byAgent: [string, number[]][];
  rows: { frt: Float64Array; resolution: Float64Array; priority: Int32Array; source: Int32Array; agent: Int32Array };
}

/** A fresh input to overwrite case by case. */
export function emptyInput(): CaseOutcomeInput {
  return { createdMs: 0, priority: '', source: '', owner: null, actionable: false, firstResponseMs: NaN, resolvedMs: NaN, sentiment: 0 };
}

/** Group index by key, for one of the string dimensions (source, agent). */
class Keyed {
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
function priorityIndex(p: string): number {
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

export class ReportBuilder {
  private readonly from: number;
  private readonly to: number;
  private readonly nowMs: number;
  // Per-priority SLA inputs, computed once rather than per case.
  private readonly targetMs: number[];
  private readonly hours: (BusinessHours | undefined)[];
  private readonly overall = new GroupCounts();
  private readonly byPriority = PRIORITIES.map(() => new GroupCounts());
  private readonly bySource = new Keyed();
  private readonly byAgent = new Keyed();
  private readonly rows: CaseRows;

  /** `capacity`: an upper bound on the cases that will be added (sizes the typed arrays once). */
  constructor(window: Window, now: Date, sla: SlaConfig, capacity: number) {
    this.from = window.from.getTime();
    this.to = window.to.getTime();
    this.nowMs = now.getTime();
    this.targetMs = PRIORITIES.map((p) => sla.policies[p].firstResponseMinutes * 60_000);
    this.hours = PRIORITIES.map((p) => calendarFor(sla, p));
    this.rows = new CaseRows(capacity);
  }

  /**
   * Counts one case (ignored when outside the window). Returns false, counting nothing, when its
   * priority is not one of PRIORITIES: the caller says which case that is.
   */
  add(c: CaseOutcomeInput): boolean {
    const created = c.createdMs;
    if (!(created >= this.from && created < this.to)) return true;
    const p = priorityIndex(c.priority);
    if (p < 0) return false;
    const nowMs = this.nowMs;
    const pAcc = this.byPriority[p] as GroupCounts;
    const s = this.bySource.of(c.source);
    const sAcc = this.bySource.groups[s] as GroupCounts;
    const a = c.owner != null ? this.byAgent.of(c.owner) : -1;
    const aAcc = a >= 0 ? (this.byAgent.groups[a] as GroupCounts) : null;
    this.overall.total++;
    pAcc.total++;
    sAcc.total++;
    if (aAcc) aAcc.total++;
    if (!c.actionable) return true;

    const respondedMs = c.firstResponseMs;
    const answered = respondedMs <= nowMs; // false for NaN (no response) and for future stamps
    const frt = answered ? Math.max(0, respondedMs - created) : NaN;
    const age = nowMs - created;
    const target = this.targetMs[p] as number;
    const cal = this.hours[p];
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
    const resolved = c.resolvedMs <= nowMs;

    this.overall.add(flags, resolved, c.sentiment);
    pAcc.add(flags, resolved, c.sentiment);
    sAcc.add(flags, resolved, c.sentiment);
    if (aAcc) aAcc.add(flags, resolved, c.sentiment);
    this.rows.push(frt, resolved ? Math.max(0, c.resolvedMs - created) : NaN, p, s, a);
    return true;
  }

  /** The cases added so far as one stored part (a report day: report-days.ts). */
  toPart(): ReportPart {
    const keyed = (k: Keyed) => [...k.index].map(([key, i]) => [key, (k.groups[i] as GroupCounts).counters()] as [string, number[]]);
    const n = this.rows.length;
    return {
      overall: this.overall.counters(),
      byPriority: this.byPriority.map((g) => g.counters()),
      bySource: keyed(this.bySource),
      byAgent: keyed(this.byAgent),
      rows: {
        frt: this.rows.frt.slice(0, n),
        resolution: this.rows.resolution.slice(0, n),
        priority: this.rows.dims[0].slice(0, n),
        source: this.rows.dims[1].slice(0, n),
        agent: this.rows.dims[2].slice(0, n),
      },
    };
  }

  /**
   * Adds a part built by `toPart` under the same SLA policies and classified as of a time after
   * which its cases no longer change with time, so it counts as it would if added case by case.
   */
  addPart(part: ReportPart): void {
    this.overall.addCounters(part.overall);
    part.byPriority.forEach((c, i) => {
      (this.byPriority[i] as GroupCounts).addCounters(c);
    });
    const remap = (into: Keyed, groups: [string, number[]][]) =>
      Int32Array.from(groups, ([key, counters]) => {
        const i = into.of(key);
        (into.groups[i] as GroupCounts).addCounters(counters);
        return i;
      });
    const sources = remap(this.bySource, part.bySource);
    const agents = remap(this.byAgent, part.byAgent);
    this.rows.append(part.rows, sources, agents);
  }

  build(): Report {
    fillPercentiles(this.rows, this.overall, [this.byPriority, this.bySource.groups, this.byAgent.groups]);
    const byPriority = {} as Record<Priority, MetricsSummary>;
    PRIORITIES.forEach((p, i) => {
      byPriority[p] = (this.byPriority[i] as GroupCounts).summary();
    });
    return {
      window: { from: new Date(this.from), to: new Date(this.to) },
      generatedAt: new Date(this.nowMs),
      overall: this.overall.summary(),
      byPriority,
      bySource: this.bySource.toRecord(),
      byAgent: this.byAgent.toRecord(),
    };
  }
}
