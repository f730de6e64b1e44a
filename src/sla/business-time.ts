/**
 * Business-time arithmetic over a weekly calendar in an IANA time zone.
 *
 * Definition: business time is real elapsed time (ms between instants) during which the local
 * wall clock in `hours.timeZone` is inside one of the day's periods and the local date is not a
 * holiday. Consequences worth knowing:
 * - a 09:00–17:00 period is 8 h on every day, DST-change days included, because changes happen
 *   at night; only the instants move (09:00 BST is 08:00Z, 09:00 GMT is 09:00Z);
 * - a period that contains the change itself (e.g. 00:00–24:00) is 23 h or 25 h that day, as the
 *   clock on the wall says; so a 7x24 calendar gives exactly wall-clock time;
 * - a period boundary that falls in a DST gap (02:30 on spring-forward night) maps to the
 *   instant after the gap, and an ambiguous one (01:30 on fall-back night) to the first
 *   occurrence — Temporal's "compatible" disambiguation.
 *
 * How: the calendar is compiled once (per BusinessHours object) into minutes-of-day intervals per
 * weekday; each local day is turned into UTC intervals on demand and memoised, so a report over a
 * million cases makes only a few hundred `Intl` calls. The memo is keyed by the BusinessHours
 * object itself (a WeakMap), so treat parsed config as immutable: build a new object to change it. Both functions walk day by day, never
 * minute by minute, so a long gap (a holiday season, a year) costs one map lookup per day.
 */
import { parseClock, WEEKDAYS, type BusinessHours } from './config.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/**
 * UTC offsets lie within -12 h..+14 h, so the local day holding an instant `t` is never earlier
 * than the UTC day of `t - 14 h`, and local day `n` never starts before `n·DAY - 14 h`. A 15 h
 * margin keeps a safety hour; extra days only cost a lookup.
 */
const MAX_OFFSET = 15 * 3_600_000;
/** A calendar with periods cannot go this long without business time unless holidays say so. */
const MAX_DAYS_WITHOUT_BUSINESS_TIME = 3_660;
/** Memoised days per calendar; cleared when full so a long-running process stays bounded. */
const MAX_CACHED_DAYS = 20_000;

type Interval = readonly [startMs: number, endMs: number];

interface Compiled {
  /** Merged, sorted [startMinute, endMinute] per weekday (0 = Sunday, as Date#getUTCDay). */
  readonly weekly: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Holidays as local day numbers (days since 1970-01-01 of the local date). */
  readonly holidays: ReadonlySet<number>;
  readonly zone: ZoneOffsets;
  readonly days: Map<number, readonly Interval[]>;
}

/** Offsets of one zone, from a cached Intl formatter. */
class ZoneOffsets {
  readonly #fmt: Intl.DateTimeFormat;
  constructor(timeZone: string) {
    this.#fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local wall time minus UTC at instant `t`, in ms (e.g. +3 600 000 for BST). */
  offsetAt(t: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.#fmt.formatToParts(new Date(t))) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    // Intl has second precision; compare against t rounded down to the second.
    return wall - (t - (((t % 1000) + 1000) % 1000));
  }

  /**
   * The instant at which the local wall clock reads `wall` (a local time encoded as if UTC).
   * Gap → the instant after the gap; overlap → the earlier instant ("compatible").
   */
  instantOf(wall: number): number {
    const before = this.offsetAt(wall - DAY);
    const after = this.offsetAt(wall + DAY);
    if (before === after) return wall - before; // no change nearby: the common case
    const early = wall - before; // candidate using the offset in force before the change
    const late = wall - after; // candidate using the offset after it
    const earlyOk = this.offsetAt(early) === before;
    const lateOk = this.offsetAt(late) === after;
    if (earlyOk && lateOk) return Math.min(early, late); // ambiguous (fall back)
    if (earlyOk) return early;
    if (lateOk) return late;
    return early; // gap (spring forward): the old offset lands just after the gap
  }
}

const compiledCache = new WeakMap<BusinessHours, Compiled>();

function compile(hours: BusinessHours): Compiled {
  const cached = compiledCache.get(hours);
  if (cached) return cached;
  const perDay: [number, number][][] = WEEKDAYS.map(() => []);
  for (const period of hours.periods) {
    const start = parseClock(period.start);
    const end = parseClock(period.end);
    if (!(start < end)) continue; // the schema refuses these; ignore rather than count negative time
    for (const day of period.days) perDay[WEEKDAYS.indexOf(day)]?.push([start, end]);
  }
  // Merge overlaps defensively (the schema refuses them, but hand-built objects skip the schema).
  const weekly = perDay.map((list) => {
    list.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [s, e] of list) {
      const last = merged.at(-1);
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    return merged;
  });
  if (weekly.every((d) => d.length === 0)) {
    throw new Error(`business hours in ${hours.timeZone} have no periods: at least one period is required`);
  }
  const holidays = new Set<number>();
  for (const h of hours.holidays ?? []) {
    const [y, m, d] = h.split('-').map(Number);
    holidays.add(Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN) / DAY);
  }
  const compiled: Compiled = { weekly, holidays, zone: new ZoneOffsets(hours.timeZone), days: new Map() };
  compiledCache.set(hours, compiled);
  return compiled;
}

/** UTC intervals of business time on local day `n` (days since 1970-01-01, local date). */
function dayIntervals(c: Compiled, n: number): readonly Interval[] {
  const hit = c.days.get(n);
  if (hit) return hit;
  let result: Interval[] = [];
  if (!c.holidays.has(n)) {
    const midnight = n * DAY; // local midnight encoded as if UTC
    const weekday = new Date(midnight).getUTCDay();
    result = (c.weekly[weekday] ?? []).map(
      ([s, e]) => [c.zone.instantOf(midnight + s * MINUTE), c.zone.instantOf(midnight + e * MINUTE)] as const,
    );
  }
  if (c.days.size >= MAX_CACHED_DAYS) c.days.clear();
  c.days.set(n, result);
  return result;
}

function firstDayFor(t: number): number {
  return Math.floor((t - MAX_OFFSET) / DAY);
}

function assertDate(d: Date, name: string): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

/**
 * The earliest instant at which `durationMs` of business time has elapsed since `start`.
 * Without `hours` this is plain addition. A duration of 0 returns `start` unchanged (even outside
 * business hours); negative durations are refused.
 */
export function addBusinessTime(start: Date, durationMs: number, hours?: BusinessHours): Date {
  const t0 = assertDate(start, 'start');
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`durationMs must be a finite number >= 0, got ${durationMs}`);
  }
  return new Date(addBusinessMs(t0, durationMs, hours));
}

/**
 * `addBusinessTime` on epoch milliseconds, unchecked and allocation-free, for hot loops (reports
 * over millions of cases). Callers guarantee finite inputs and durationMs >= 0.
 */
export function addBusinessMs(t0: number, durationMs: number, hours?: BusinessHours): number {
  if (!hours || durationMs === 0) return t0 + durationMs;
  const c = compile(hours);
  let left = durationMs;
  // `cursor` only moves forward: intervals (or parts of them) before it were already counted or
  // lie before `start`. This also keeps an hour repeated at a fall-back midnight from counting twice.
  let cursor = t0;
  let idle = 0;
  for (let n = firstDayFor(t0); ; n++) {
    let gotTime = false;
    const day = dayIntervals(c, n);
    for (let i = 0; i < day.length; i++) {
      const iv = day[i] as Interval;
      const s = iv[0];
      const e = iv[1];
      const from = Math.max(s, cursor);
      if (from >= e) continue;
      gotTime = true;
      if (e - from >= left) return from + left;
      left -= e - from;
      cursor = e;
    }
    idle = gotTime ? 0 : idle + 1;
    if (idle > MAX_DAYS_WITHOUT_BUSINESS_TIME) {
      throw new Error(`no business time for ${MAX_DAYS_WITHOUT_BUSINESS_TIME} days in ${hours.timeZone}: check the holidays`);
    }
  }
}

/** Business time in ms within [from, to); 0 when `to <= from`. Without `hours`, `to - from`. */
export function businessTimeBetween(from: Date, to: Date, hours?: BusinessHours): number {
  const a = assertDate(from, 'from');
  const b = assertDate(to, 'to');
  if (b <= a) return 0;
  if (!hours) return b - a;
  const c = compile(hours);
  let total = 0;
  let cursor = a;
  // Local day n starts no earlier than n·DAY - MAX_OFFSET; once that is past `to`, nothing is left.
  for (let n = firstDayFor(a); n * DAY - MAX_OFFSET < b; n++) {
    const day = dayIntervals(c, n);
    for (let i = 0; i < day.length; i++) {
      const iv = day[i] as Interval;
      const s = iv[0];
      const e = iv[1];
      const lo = Math.max(s, cursor);
      const hi = Math.min(e, b);
      if (hi > lo) {
        total += hi - lo;
        cursor = hi;
      }
    }
  }
  return total;
}

/** True when `at` lies inside business hours (always true without hours). */
export function isBusinessTime(at: Date, hours?: BusinessHours): boolean {
  if (!hours) return true;
  return businessTimeBetween(at, new Date(at.getTime() + 1), hours) > 0;
}
