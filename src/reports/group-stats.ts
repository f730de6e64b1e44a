/**
 * The bookkeeping behind ReportBuilder: per-group counters, and the median / p90 of each group's
 * first-response and resolution times.
 *
 * Why the layout: a report over a million cases has one value list per group in each of three
 * dimensions (priority, source, agent) plus the overall one. Growing a buffer per group and
 * sorting each was most of the cost (allocation churn → full GCs on a big heap, then n log n per
 * group). Instead every actionable case becomes one row in a few flat typed arrays (its times and
 * its group index in each dimension); per dimension the values are scattered into one scratch
 * array, group by group (a counting-sort pass), and each group's percentiles are picked by
 * linear-time selection.
 */
import { percentilesInPlace } from './percentile.js';
import type { MetricsSummary } from '../domain/report.js';

// Per-case outcomes as bits: computed once per case, then added to each of its groups.
export const ANSWERED = 1;
export const WITHIN_24H = 2;
/** Unanswered and younger than 24 h at `now`. Unanswered without it = older: in the denominator. */
export const PENDING_24H = 4;
export const SLA_ELIGIBLE = 8;
export const SLA_MET = 16;

/** The counters of a group, in the order a stored report day writes them. */
const COUNTER_ORDER = [
  'total',
  'actionable',
  'answered',
  'within24h',
  'pending24h',
  'overdueUnanswered24h',
  'slaMet',
  'slaEligible',
  'resolved',
  'negative',
  'neutral',
  'positive',
] as const;

export class GroupCounts {
  total = 0;
  actionable = 0;
  answered = 0;
  within24h = 0;
  pending24h = 0;
  overdueUnanswered24h = 0;
  slaMet = 0;
  slaEligible = 0;
  resolved = 0;
  negative = 0;
  neutral = 0;
  positive = 0;
  frtMedianMs: number | null = null;
  frtP90Ms: number | null = null;
  resolutionMedianMs: number | null = null;

  /** The counters in COUNTER_ORDER (what a stored report day keeps of a group). */
  counters(): number[] {
    return COUNTER_ORDER.map((k) => this[k]);
  }

  /** Adds counters written by `counters()` (a stored day's group). */
  addCounters(values: readonly number[]): void {
    COUNTER_ORDER.forEach((k, i) => {
      this[k] += values[i] ?? 0;
    });
  }

  /** One actionable case. */
  add(flags: number, resolved: boolean, sentiment: -1 | 0 | 1): void {
    this.actionable++;
    if (flags & ANSWERED) {
      this.answered++;
      if (flags & WITHIN_24H) this.within24h++;
    } else if (flags & PENDING_24H) this.pending24h++;
    else this.overdueUnanswered24h++;
    if (flags & SLA_ELIGIBLE) {
      this.slaEligible++;
      if (flags & SLA_MET) this.slaMet++;
    }
    if (resolved) this.resolved++;
    if (sentiment < 0) this.negative++;
    else if (sentiment > 0) this.positive++;
    else this.neutral++;
  }

  summary(): MetricsSummary {
    const denominator24h = this.answered + this.overdueUnanswered24h;
    return {
      total: this.total,
      actionable: this.actionable,
      answered: this.answered,
      answeredWithin24h: this.within24h,
      pending24h: this.pending24h,
      responseRate24h: denominator24h === 0 ? null : this.within24h / denominator24h,
      frtMedianMs: this.frtMedianMs,
      frtP90Ms: this.frtP90Ms,
      slaMet: this.slaMet,
      slaEligible: this.slaEligible,
      slaAttainment: this.slaEligible === 0 ? null : this.slaMet / this.slaEligible,
      breaches: this.slaEligible - this.slaMet,
      resolved: this.resolved,
      resolutionMedianMs: this.resolutionMedianMs,
      sentiment: { negative: this.negative, neutral: this.neutral, positive: this.positive },
    };
  }
}

/**
 * One row per actionable case: its two durations (NaN = none) and its group index in each of the
 * three dimensions (-1 = in no group of that dimension, e.g. no owner).
 */
export class CaseRows {
  frt: Float64Array;
  resolution: Float64Array;
  dims: [priority: Int32Array, source: Int32Array, agent: Int32Array];
  length = 0;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.frt = new Float64Array(n);
    this.resolution = new Float64Array(n);
    this.dims = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  }

  push(frt: number, resolution: number, priority: number, source: number, agent: number): void {
    if (this.length === this.frt.length) this.reserve(this.length * 2);
    const k = this.length++;
    this.frt[k] = frt;
    this.resolution[k] = resolution;
    this.dims[0][k] = priority;
    this.dims[1][k] = source;
    this.dims[2][k] = agent;
  }

  /**
   * Appends rows in bulk: times copied as they are, priority indexes too, source and agent indexes
   * translated through `sources` / `agents` (index -1 stays -1).
   */
  append(
    rows: { frt: Float64Array; resolution: Float64Array; priority: Int32Array; source: Int32Array; agent: Int32Array },
    sources: Int32Array,
    agents: Int32Array,
  ): void {
    const n = rows.frt.length;
    const at = this.length;
    this.reserve(at + n);
    this.frt.set(rows.frt, at);
    this.resolution.set(rows.resolution, at);
    this.dims[0].set(rows.priority, at);
    const source = this.dims[1];
    const agent = this.dims[2];
    for (let k = 0; k < n; k++) {
      source[at + k] = sources[rows.source[k] as number] as number;
      const a = rows.agent[k] as number;
      agent[at + k] = a < 0 ? -1 : (agents[a] as number);
    }
    this.length = at + n;
  }

  /** Room for at least `capacity` rows (copies once rather than growing row by row). */
  reserve(capacity: number): void {
    if (capacity <= this.frt.length) return;
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.frt = grow(this.frt, (n) => new Float64Array(n));
    this.resolution = grow(this.resolution, (n) => new Float64Array(n));
    this.dims = [
      grow(this.dims[0], (n) => new Int32Array(n)),
      grow(this.dims[1], (n) => new Int32Array(n)),
      grow(this.dims[2], (n) => new Int32Array(n)),
    ];
  }
}

type Metric = 'frt' | 'resolution';

function assign(target: GroupCounts, metric: Metric, values: Float64Array): void {
  const [median = null, p90 = null] = percentilesInPlace(values, [50, 90]);
  if (metric === 'frt') {
    target.frtMedianMs = median;
    target.frtP90Ms = p90;
  } else target.resolutionMedianMs = median;
}

/**
 * Fills frtMedianMs / frtP90Ms / resolutionMedianMs of `overall` and of every group, where
 * `groups[d][i]` is the GroupCounts of group index i in dimension d. Relies on the groups'
 * `answered` / `resolved` counts matching the rows' present values (both come from the same loop).
 */
export function fillPercentiles(rows: CaseRows, overall: GroupCounts, groups: readonly (readonly GroupCounts[])[]): void {
  const n = rows.length;
  const scratch = new Float64Array(n);
  for (const metric of ['frt', 'resolution'] as const) {
    const values = rows[metric];
    const count = (g: GroupCounts) => (metric === 'frt' ? g.answered : g.resolved);
    // Overall: compact the present values.
    let m = 0;
    for (let k = 0; k < n; k++) {
      const v = values[k] as number;
      if (v === v) scratch[m++] = v; // v === v is false only for NaN (= no value)
    }
    assign(overall, metric, scratch.subarray(0, m));

    groups.forEach((dimGroups, d) => {
      const dim = rows.dims[d] as Int32Array;
      const g = dimGroups.length;
      // Counting sort by group: group i's values go to scratch[start[i], start[i + 1]).
      const start = new Int32Array(g + 1);
      for (let i = 0; i < g; i++) start[i + 1] = (start[i] as number) + count(dimGroups[i] as GroupCounts);
      const cursor = start.slice(0, g);
      for (let k = 0; k < n; k++) {
        const v = values[k] as number;
        const gi = dim[k] as number;
        if (v === v && gi >= 0) {
          const at = cursor[gi] as number;
          scratch[at] = v;
          cursor[gi] = at + 1;
        }
      }
      for (let i = 0; i < g; i++) {
        assign(dimGroups[i] as GroupCounts, metric, scratch.subarray(start[i] as number, start[i + 1] as number));
      }
    });
  }
}
