import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarFor, slaConfigSchema } from '../../src/sla/config.js';

/** Runs the schema and returns "path: message" lines, the way a config loader would print them. */
function problems(input: unknown): string[] {
  const result = slaConfigSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const office = {
  timeZone: 'Europe/London',
  periods: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '13:00', end: '17:30' },
  ],
};

describe('slaConfigSchema defaults', () => {
  it('parses {} into the documented defaults (24x7, warn at 75 %)', () => {
    expect(slaConfigSchema.parse({})).toEqual({
      warnAt: 0.75,
      calendars: {},
      policies: {
        P1: { firstResponseMinutes: 15, resolutionMinutes: 240 },
        P2: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
        P3: { firstResponseMinutes: 240, resolutionMinutes: 4320 },
        P4: { firstResponseMinutes: 1440, resolutionMinutes: 10080 },
      },
    });
  });

  it('fills a partial policy from that priority’s defaults and holidays with []', () => {
    const cfg = slaConfigSchema.parse({ calendars: { office }, policies: { P2: { calendar: 'office' } } });
    expect(cfg.policies.P2).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 1440, calendar: 'office' });
    expect(cfg.policies.P1).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 240 });
    expect(cfg.calendars.office?.holidays).toEqual([]);
    expect(calendarFor(cfg, 'P2')?.timeZone).toBe('Europe/London');
    expect(calendarFor(cfg, 'P1')).toBeUndefined();
  });

  it('accepts several periods a day, 24:00 as an end and adjacent periods', () => {
    const hours = {
      timeZone: 'America/New_York',
      periods: [
        { days: ['sat'], start: '00:00', end: '12:00' },
        { days: ['sat'], start: '12:00', end: '24:00' },
      ],
      holidays: ['2026-12-25'],
    };
    expect(problems({ calendars: { weekend: hours } })).toEqual([]);
  });
});

describe('slaConfigSchema errors name the path', () => {
  it('rejects an unknown time zone, naming it', () => {
    const lines = problems({ calendars: { office: { ...office, timeZone: 'Mars/Olympus_Mons' } } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^calendars\.office\.timeZone: unknown time zone "Mars\/Olympus_Mons"/);
  });

  it('rejects malformed HH:MM', () => {
    const bad = { ...office, periods: [{ days: ['mon'], start: '9:00', end: '25:00' }] };
    const lines = problems({ calendars: { office: bad } });
    expect(lines).toEqual([
      expect.stringMatching(/^calendars\.office\.periods\.0\.start: expected a time "HH:MM"/),
      expect.stringMatching(/^calendars\.office\.periods\.0\.end: expected a time "HH:MM"/),
    ]);
  });

  it('rejects start >= end and overlapping periods', () => {
    const lines = problems({
      calendars: {
        office: {
          timeZone: 'UTC',
          periods: [
            { days: ['mon'], start: '17:00', end: '09:00' },
            { days: ['tue'], start: '09:00', end: '12:00' },
            { days: ['tue', 'wed'], start: '11:00', end: '13:00' },
          ],
        },
      },
    });
    expect(lines).toEqual([
      expect.stringMatching(/^calendars\.office\.periods\.0\.end: end 09:00 must be after start 17:00/),
      'calendars.office.periods.2: overlaps periods[1] on tue',
    ]);
  });

  it('requires at least one period and one day', () => {
    expect(problems({ calendars: { none: { timeZone: 'UTC', periods: [] } } })).toEqual([
      'calendars.none.periods: at least one period is required',
    ]);
    expect(problems({ calendars: { x: { timeZone: 'UTC', periods: [{ days: [], start: '09:00', end: '10:00' }] } } })).toEqual([
      'calendars.x.periods.0.days: at least one day is required',
    ]);
  });

  it('rejects impossible holiday dates', () => {
    expect(problems({ calendars: { office: { ...office, holidays: ['2026-02-30', '2026-12-25'] } } })).toEqual([
      'calendars.office.holidays.0: expected a local date "YYYY-MM-DD"',
    ]);
  });

  it('rejects a policy naming an unknown calendar', () => {
    const result = slaConfigSchema.safeParse({ calendars: { office }, policies: { P3: { calendar: 'ofice' } } });
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(['policies', 'P3', 'calendar']);
    expect(issue?.message).toBe('policies.P3.calendar names unknown calendar "ofice" (defined: office)');
    // The path also survives zod's own pretty-printer.
    expect(z.prettifyError(result.error as z.ZodError)).toContain('at policies.P3.calendar');
  });

  it('rejects warnAt outside (0, 1) and non-positive targets', () => {
    expect(problems({ warnAt: 1 })).toEqual([expect.stringMatching(/^warnAt: warnAt is a share of the target/)]);
    expect(problems({ warnAt: 0 })).toEqual([expect.stringMatching(/^warnAt: /)]);
    expect(problems({ policies: { P1: { firstResponseMinutes: 0 } } })).toEqual([
      expect.stringMatching(/^policies\.P1\.firstResponseMinutes: /),
    ]);
  });

  it('prefixes paths when embedded in a larger schema (embed with .prefault({}))', () => {
    const file = z.object({ sla: slaConfigSchema.prefault({}) });
    expect(file.parse({}).sla.policies.P4.firstResponseMinutes).toBe(1440);
    const result = file.safeParse({ sla: { policies: { P1: { calendar: 'nope' } } } });
    expect(result.error?.issues[0]?.path).toEqual(['sla', 'policies', 'P1', 'calendar']);
  });
});
