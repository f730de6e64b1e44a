/**
 * SLA settings: per-priority targets and the business-hours calendars they may count in.
 *
 * Every field has a default, so `slaConfigSchema.parse({})` is a complete, usable config and the
 * config file only has to say what differs. The schema is meant to be embedded in the larger
 * config-file schema; issue paths here are relative, zod prefixes them when nested. Embed it as
 * `sla: slaConfigSchema.prefault({})`, not `.default({})`: zod 4's `.default` returns its value
 * unparsed, so the inner defaults would not be filled in.
 *
 * Defaults (minutes):
 *
 * | priority | first response | resolution        |
 * |----------|----------------|-------------------|
 * | P1       | 15             | 240 (4 h)         |
 * | P2       | 60             | 1440 (1 day)      |
 * | P3       | 240 (4 h)      | 4320 (3 days)     |
 * | P4       | 1440 (1 day)   | 10080 (7 days)    |
 *
 * No default policy names a calendar, so out of the box every target counts around the clock
 * (24x7). `warnAt` defaults to 0.75: a case turns "at risk" once 75 % of its target has elapsed.
 */
import { z } from 'zod';
import { PRIORITIES, type Priority } from '../domain/priority.js';
import { ownValue } from '../own.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** True when `Intl` knows the IANA zone name (it throws a RangeError for unknown zones). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** 'HH:MM' → minutes after local midnight. '24:00' (end of day) is 1440. Assumes a valid string. */
export function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

const CLOCK_RE = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const clockSchema = z.string().regex(CLOCK_RE, { message: 'expected a time "HH:MM" between 00:00 and 24:00' });

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar date: the regex alone would let 2026-02-30 through. */
function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const periodSchema = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1, { message: 'at least one day is required' }),
    start: clockSchema,
    end: clockSchema,
  })
  .superRefine((p, ctx) => {
    // Only compare once both clocks are well-formed; the regex issues already say what's wrong.
    if (CLOCK_RE.test(p.start) && CLOCK_RE.test(p.end) && parseClock(p.start) >= parseClock(p.end)) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `end ${p.end} must be after start ${p.start} (a period cannot cross midnight; split it into two)`,
      });
    }
  });

export const businessHoursSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, {
      error: (issue) => `unknown time zone ${JSON.stringify(issue.input)} (expected an IANA name such as "Europe/London")`,
    }),
    // A calendar without periods has no business time at all: every due date would be "never"
    // and the day walk in business-time.ts could not end, so it is refused here.
    periods: z.array(periodSchema).min(1, { message: 'at least one period is required' }),
    holidays: z.array(z.string().refine(isCalendarDate, { message: 'expected a local date "YYYY-MM-DD"' })).default([]),
  })
  .superRefine((hours, ctx) => {
    // Overlapping periods on the same day would count the overlap twice in a naive sum and are
    // almost always a typo; adjacent periods (12:00-13:00 then 13:00-17:00) are fine.
    const seen = new Map<Weekday, { start: number; end: number; index: number }[]>();
    hours.periods.forEach((p, index) => {
      if (!CLOCK_RE.test(p.start) || !CLOCK_RE.test(p.end)) return;
      const start = parseClock(p.start);
      const end = parseClock(p.end);
      for (const day of new Set(p.days)) {
        const list = seen.get(day) ?? [];
        const clash = list.find((o) => start < o.end && o.start < end);
        if (clash) {
          ctx.addIssue({
            code: 'custom',
            path: ['periods', index],
            message: `overlaps periods[${clash.index}] on ${day}`,
          });
          return;
        }
        list.push({ start, end, index });
        seen.set(day, list);
      }
    });
  });

export type BusinessHours = z.infer<typeof businessHoursSchema>;

interface PolicyDefaults {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export const DEFAULT_POLICIES: Readonly<Record<Priority, PolicyDefaults>> = {
  P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 4320 },
  P4: { firstResponseMinutes: 1440, resolutionMinutes: 10080 },
};

/** A policy whose every field defaults to that priority's defaults, so `{ P1: { calendar: 'office' } }` works. */
function policySchema(d: PolicyDefaults) {
  return z
    .object({
      firstResponseMinutes: z.number().positive().default(d.firstResponseMinutes),
      resolutionMinutes: z.number().positive().default(d.resolutionMinutes),
      /** Name of an entry in `calendars`; absent = the target counts 24x7. */
      calendar: z.string().min(1).optional(),
    })
    .default({ ...d });
}

export const slaConfigSchema = z
  .object({
    warnAt: z
      .number()
      .gt(0, { message: 'warnAt is a share of the target: expected a number between 0 and 1 (exclusive)' })
      .lt(1, { message: 'warnAt is a share of the target: expected a number between 0 and 1 (exclusive)' })
      .default(0.75),
    calendars: z.record(z.string().min(1), businessHoursSchema).default({}),
    policies: z
      .object({
        P1: policySchema(DEFAULT_POLICIES.P1),
        P2: policySchema(DEFAULT_POLICIES.P2),
        P3: policySchema(DEFAULT_POLICIES.P3),
        P4: policySchema(DEFAULT_POLICIES.P4),
      })
      .default({
        P1: { ...DEFAULT_POLICIES.P1 },
        P2: { ...DEFAULT_POLICIES.P2 },
        P3: { ...DEFAULT_POLICIES.P3 },
        P4: { ...DEFAULT_POLICIES.P4 },
      }),
  })
  .superRefine((cfg, ctx) => {
    for (const priority of PRIORITIES) {
      const name = cfg.policies[priority].calendar;
      if (name !== undefined && !Object.hasOwn(cfg.calendars, name)) {
        const known = Object.keys(cfg.calendars);
        ctx.addIssue({
          code: 'custom',
          path: ['policies', priority, 'calendar'],
          message:
            `policies.${priority}.calendar names unknown calendar ${JSON.stringify(name)} ` +
            (known.length ? `(defined: ${known.join(', ')})` : '(no calendars are defined)'),
        });
      }
    }
  });

export type SlaConfig = z.infer<typeof slaConfigSchema>;

/** The business-hours calendar a priority's policy counts in; undefined = 24x7. */
export function calendarFor(config: SlaConfig, priority: Priority): BusinessHours | undefined {
  const name = config.policies[priority].calendar;
  if (name === undefined) return undefined;
  const hours = ownValue(config.calendars, name);
  // Only reachable with a config that skipped validation; fail loudly rather than silently go 24x7.
  if (!hours) throw new Error(`SLA policy ${priority} names unknown calendar "${name}"`);
  return hours;
}
