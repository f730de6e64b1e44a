import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isBusinessTime } from '../../src/sla/business-time.js';
import { businessHoursSchema, type BusinessHours } from '../../src/sla/config.js';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => new Date(iso);
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** London office: 09:00–12:00 and 13:00–17:30 on weekdays (7.5 h a day), Christmas off. */
const office: BusinessHours = businessHoursSchema.parse({
  timeZone: 'Europe/London',
  periods: [
    { days: [...WEEKDAYS], start: '09:00', end: '12:00' },
    { days: [...WEEKDAYS], start: '13:00', end: '17:30' },
  ],
  holidays: ['2026-12-25'],
});

/** 09:00–17:00 every day, to look at DST-change Sundays. */
const londonDaily: BusinessHours = businessHoursSchema.parse({
  timeZone: 'Europe/London',
  periods: [{ days: [...ALL_DAYS], start: '09:00', end: '17:00' }],
});

const newYork: BusinessHours = businessHoursSchema.parse({
  timeZone: 'America/New_York',
  periods: [{ days: [...WEEKDAYS], start: '09:00', end: '17:00' }],
});

describe('without business hours', () => {
  it('is plain arithmetic', () => {
    expect(addBusinessTime(at('2026-03-29T00:30:00Z'), 2 * H)).toEqual(at('2026-03-29T02:30:00Z'));
    expect(businessTimeBetween(at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(24 * H);
    expect(businessTimeBetween(at('2026-03-30T00:00:00Z'), at('2026-03-29T00:00:00Z'))).toBe(0);
  });
});

describe('addBusinessTime on the London office calendar (November: GMT, local = UTC)', () => {
  it('starts inside a period', () => {
    // Mon 10:00 + 1h = 11:00, still in the morning period.
    expect(addBusinessTime(at('2026-11-23T10:00:00Z'), H, office)).toEqual(at('2026-11-23T11:00:00Z'));
  });

  it('skips the lunch gap between two periods of one day', () => {
    // Mon 11:30: 30m until 12:00, lunch, 30m more from 13:00 → 13:30.
    expect(addBusinessTime(at('2026-11-23T11:30:00Z'), H, office)).toEqual(at('2026-11-23T13:30:00Z'));
  });

  it('ends exactly at the end of a period rather than the next morning', () => {
    expect(addBusinessTime(at('2026-11-23T17:00:00Z'), 30 * M, office)).toEqual(at('2026-11-23T17:30:00Z'));
  });

  it('carries over the night', () => {
    // Mon 17:00: 30m until 17:30, then 30m from Tue 09:00 → Tue 09:30.
    expect(addBusinessTime(at('2026-11-23T17:00:00Z'), H, office)).toEqual(at('2026-11-24T09:30:00Z'));
  });

  it('starts before the first period', () => {
    expect(addBusinessTime(at('2026-11-23T07:00:00Z'), 15 * M, office)).toEqual(at('2026-11-23T09:15:00Z'));
  });

  it('starts after the last period', () => {
    expect(addBusinessTime(at('2026-11-23T20:00:00Z'), 15 * M, office)).toEqual(at('2026-11-24T09:15:00Z'));
  });

  it('skips the weekend', () => {
    // Fri 27 Nov 17:00: 30m on Friday, 30m on Monday 30 Nov → 09:30.
    expect(addBusinessTime(at('2026-11-27T17:00:00Z'), H, office)).toEqual(at('2026-11-30T09:30:00Z'));
    // Sat noon + 15m → Mon 09:15.
    expect(addBusinessTime(at('2026-11-28T12:00:00Z'), 15 * M, office)).toEqual(at('2026-11-30T09:15:00Z'));
  });

  it('skips holidays', () => {
    // Thu 24 Dec 17:00: 30m on Thursday; Fri 25 Dec is a holiday; weekend; Mon 28 Dec 09:30.
    expect(addBusinessTime(at('2026-12-24T17:00:00Z'), H, office)).toEqual(at('2026-12-28T09:30:00Z'));
  });

  it('spans several days: 2 working days = 15 h', () => {
    // Mon 09:00 + 15h → end of Tuesday (17:30).
    expect(addBusinessTime(at('2026-11-23T09:00:00Z'), 15 * H, office)).toEqual(at('2026-11-24T17:30:00Z'));
  });

  it('returns the start for a zero duration and refuses negative ones', () => {
    expect(addBusinessTime(at('2026-11-28T12:00:00Z'), 0, office)).toEqual(at('2026-11-28T12:00:00Z'));
    expect(() => addBusinessTime(at('2026-11-28T12:00:00Z'), -1, office)).toThrow(RangeError);
  });
});

describe('businessTimeBetween on the London office calendar', () => {
  it('counts only periods within [from, to)', () => {
    // Mon 11:00 → Tue 10:00: Mon 11–12 (1h) + 13–17:30 (4.5h) + Tue 09–10 (1h) = 6.5h.
    expect(businessTimeBetween(at('2026-11-23T11:00:00Z'), at('2026-11-24T10:00:00Z'), office)).toBe(6.5 * H);
    // Entirely in the lunch gap.
    expect(businessTimeBetween(at('2026-11-23T12:10:00Z'), at('2026-11-23T12:50:00Z'), office)).toBe(0);
    // A whole weekend.
    expect(businessTimeBetween(at('2026-11-27T17:30:00Z'), at('2026-11-30T09:00:00Z'), office)).toBe(0);
  });

  it('walks a whole year quickly', () => {
    // Mon 5 Jan 2026 → Mon 4 Jan 2027 = 52 weeks = 260 weekdays, minus Fri 25 Dec = 259 days
    // × 7.5h = 1942.5h (London's DST changes on Sundays do not touch the weekday hours).
    const t0 = performance.now();
    expect(businessTimeBetween(at('2026-01-05T00:00:00Z'), at('2027-01-04T00:00:00Z'), office)).toBe(1942.5 * H);
    // …and the inverse ends at the last business minute before Mon 4 Jan: Fri 1 Jan 2027 17:30
    // (only 25 Dec is a holiday in this calendar).
    expect(addBusinessTime(at('2026-01-05T00:00:00Z'), 1942.5 * H, office)).toEqual(at('2027-01-01T17:30:00Z'));
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('isBusinessTime: periods are half-open', () => {
    expect(isBusinessTime(at('2026-11-23T09:00:00Z'), office)).toBe(true);
    expect(isBusinessTime(at('2026-11-23T12:00:00Z'), office)).toBe(false);
    expect(isBusinessTime(at('2026-11-28T10:00:00Z'), office)).toBe(false);
    expect(isBusinessTime(at('2026-11-28T10:00:00Z'))).toBe(true);
  });
});

describe('DST changes', () => {
  it('London spring forward (Sun 29 Mar 2026): 09:00–17:00 BST is still 8h, at 08:00Z–16:00Z', () => {
    expect(businessTimeBetween(at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'), londonDaily)).toBe(8 * H);
    expect(isBusinessTime(at('2026-03-29T08:00:00Z'), londonDaily)).toBe(true); // 09:00 BST
    expect(isBusinessTime(at('2026-03-29T16:00:00Z'), londonDaily)).toBe(false); // 17:00 BST
    // Sat 28 Mar 16:00 GMT + 2h: 1h until 17:00Z on Saturday, then Sunday 08:00Z (09:00 BST) + 1h.
    expect(addBusinessTime(at('2026-03-28T16:00:00Z'), 2 * H, londonDaily)).toEqual(at('2026-03-29T09:00:00Z'));
  });

  it('London fall back (Sun 25 Oct 2026): Saturday 08:00Z–16:00Z, Sunday 09:00Z–17:00Z', () => {
    expect(businessTimeBetween(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'), londonDaily)).toBe(16 * H);
    // Sat 24 Oct 15:00Z (16:00 BST) + 2h: 1h until 16:00Z, then Sunday 09:00Z (09:00 GMT) + 1h.
    expect(addBusinessTime(at('2026-10-24T15:00:00Z'), 2 * H, londonDaily)).toEqual(at('2026-10-25T10:00:00Z'));
  });

  it('London office: a Friday-to-Monday carry-over lands on the new offset', () => {
    // Fri 27 Mar 17:00 GMT: 30m Friday; Mon 30 Mar is BST, 09:00 local = 08:00Z, +30m → 08:30Z.
    expect(addBusinessTime(at('2026-03-27T17:00:00Z'), H, office)).toEqual(at('2026-03-30T08:30:00Z'));
  });

  it('America/New_York spring forward (Sun 8 Mar 2026)', () => {
    // Fri 6 Mar 16:00 EST = 21:00Z: 1h until 17:00 EST; Mon 9 Mar 09:00 EDT = 13:00Z, +1h → 14:00Z.
    expect(addBusinessTime(at('2026-03-06T21:00:00Z'), 2 * H, newYork)).toEqual(at('2026-03-09T14:00:00Z'));
    // Fri 16:00 EST → Mon 10:00 EDT is 2h of business time, though 65h of wall time.
    expect(businessTimeBetween(at('2026-03-06T21:00:00Z'), at('2026-03-09T14:00:00Z'), newYork)).toBe(2 * H);
  });

  it('a period containing the change counts real time: 23h / 25h days', () => {
    const allDay = businessHoursSchema.parse({
      timeZone: 'Europe/London',
      periods: [{ days: ['sun'], start: '00:00', end: '24:00' }],
    });
    // 00:00 GMT (00:00Z) → 24:00 BST (23:00Z): the clock skips 01:00–02:00.
    expect(businessTimeBetween(at('2026-03-28T00:00:00Z'), at('2026-03-31T00:00:00Z'), allDay)).toBe(23 * H);
    // 00:00 BST (Sat 23:00Z) → 24:00 GMT (Mon 00:00Z): 01:00–02:00 happens twice.
    expect(businessTimeBetween(at('2026-10-24T00:00:00Z'), at('2026-10-27T00:00:00Z'), allDay)).toBe(25 * H);
  });

  it('a boundary in the spring-forward gap moves to just after the gap', () => {
    const gap = businessHoursSchema.parse({
      timeZone: 'America/New_York',
      periods: [{ days: ['sun'], start: '02:30', end: '04:00' }],
    });
    // 02:30 does not exist on 8 Mar: it reads as 03:30 EDT (07:30Z); 04:00 EDT is 08:00Z → 30m.
    expect(businessTimeBetween(at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z'), gap)).toBe(30 * M);
    expect(addBusinessTime(at('2026-03-08T00:00:00Z'), 10 * M, gap)).toEqual(at('2026-03-08T07:40:00Z'));
  });

  it('a 7x24 calendar equals wall-clock time across both London changes', () => {
    const always = businessHoursSchema.parse({
      timeZone: 'Europe/London',
      periods: [{ days: [...ALL_DAYS], start: '00:00', end: '24:00' }],
    });
    for (const [from, to] of [
      ['2026-03-28T10:00:00Z', '2026-03-30T10:00:00Z'],
      ['2026-10-24T10:00:00Z', '2026-10-26T10:00:00Z'],
    ] as const) {
      expect(businessTimeBetween(at(from), at(to), always)).toBe(at(to).getTime() - at(from).getTime());
      expect(addBusinessTime(at(from), 48 * H, always)).toEqual(at(to));
    }
  });
});

describe('consistency', () => {
  it('businessTimeBetween(start, addBusinessTime(start, d)) === d for many starts', () => {
    // Deterministic pseudo-random starts through 2026 (covers both DST changes and Christmas).
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const hours of [office, londonDaily, newYork]) {
      for (let i = 0; i < 300; i++) {
        const start = new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * 24 * 60) * M);
        const d = Math.floor(next() * 40 * 60) * M;
        const end = addBusinessTime(start, d, hours);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime() + d);
        expect(businessTimeBetween(start, end, hours)).toBe(d);
      }
    }
  });

  it('a hand-built calendar without periods fails clearly instead of looping', () => {
    const empty = { timeZone: 'UTC', periods: [], holidays: [] } as BusinessHours;
    expect(() => addBusinessTime(at('2026-11-23T10:00:00Z'), H, empty)).toThrow(/at least one period is required/);
  });
});
