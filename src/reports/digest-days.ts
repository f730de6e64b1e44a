/**
 * Local calendar days in an IANA time zone, for the digest's schedule and its per-day series.
 * Days are keyed `YYYY-MM-DD` (local date), which sorts and compares as a string.
 *
 * A local day starts at local midnight; on the rare zone where midnight falls in a DST gap the
 * day starts at the first instant after the gap (Temporal's "compatible" rule).
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: Date | number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Local wall time minus UTC at instant `t`, in ms. */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(t, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (t - (((t % 1000) + 1000) % 1000));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The local date of an instant, `YYYY-MM-DD`. */
export function localDayKey(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Minutes since local midnight (0..1439) at an instant. */
export function localMinuteOfDay(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return w.hour * 60 + w.minute;
}

function dayNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a day key "YYYY-MM-DD": ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The day key `n` days after `day` (negative n: before). */
export function shiftDay(day: string, n: number): string {
  const d = new Date((dayNumber(day) + n) * DAY_MS);
  return d.toISOString().slice(0, 10);
}

/** The instant local day `day` begins in `timeZone`. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const wall = dayNumber(day) * DAY_MS; // local midnight encoded as if UTC
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  if (before === after) return new Date(wall - before); // no change nearby: the common case
  const early = wall - before;
  const late = wall - after;
  const earlyOk = offsetAt(early, timeZone) === before;
  const lateOk = offsetAt(late, timeZone) === after;
  if (earlyOk && lateOk) return new Date(Math.min(early, late)); // midnight happens twice: the first
  if (earlyOk) return new Date(early);
  if (lateOk) return new Date(late);
  return new Date(early); // midnight skipped: the old offset lands on the first instant after the gap
}
