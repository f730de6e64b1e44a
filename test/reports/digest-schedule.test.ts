import { describe, expect, it } from 'vitest';
import { localDayKey, shiftDay, startOfLocalDay } from '../../src/reports/digest-days.js';
import { digestDue } from '../../src/reports/digest-schedule.js';

describe('digestDue', () => {
  const london = { time: '08:00', timeZone: 'Europe/London' };

  it('is due from the configured local time on a day not posted yet', () => {
    expect(digestDue(new Date('2026-07-01T06:59:00Z'), london, null)).toBeNull(); // 07:59 BST
    expect(digestDue(new Date('2026-07-01T07:00:00Z'), london, null)).toBe('2026-07-01'); // 08:00 BST
    expect(digestDue(new Date('2026-07-01T22:59:00Z'), london, null)).toBe('2026-07-01'); // 23:59 BST
    expect(digestDue(new Date('2026-07-01T07:00:00Z'), london, '2026-07-01')).toBeNull();
    expect(digestDue(new Date('2026-07-02T07:30:00Z'), london, '2026-07-01')).toBe('2026-07-02');
    // A clock that went back (or a later day recorded) never posts an older day.
    expect(digestDue(new Date('2026-07-01T09:00:00Z'), london, '2026-07-02')).toBeNull();
  });

  it('uses the local day: 23:30 UTC is already tomorrow in Tokyo', () => {
    expect(digestDue(new Date('2026-11-22T23:30:00Z'), { time: '08:00', timeZone: 'Asia/Tokyo' }, '2026-11-22')).toBe('2026-11-23');
  });
});

describe('local days', () => {
  it('start at local midnight, DST days included', () => {
    expect(startOfLocalDay('2026-11-23', 'America/New_York')).toEqual(new Date('2026-11-23T05:00:00Z'));
    expect(startOfLocalDay('2026-07-01', 'America/New_York')).toEqual(new Date('2026-07-01T04:00:00Z'));
    // London springs forward at 01:00 on 29 Mar 2026: that day still starts at 00:00 GMT.
    expect(startOfLocalDay('2026-03-29', 'Europe/London')).toEqual(new Date('2026-03-29T00:00:00Z'));
    expect(startOfLocalDay('2026-03-30', 'Europe/London')).toEqual(new Date('2026-03-29T23:00:00Z'));
    // Santiago skipped midnight on 7 Sep 2025 (00:00 → 01:00): the day starts after the gap.
    expect(startOfLocalDay('2025-09-07', 'America/Santiago')).toEqual(new Date('2025-09-07T04:00:00Z'));
    expect(localDayKey(new Date('2025-09-07T04:00:00Z'), 'America/Santiago')).toBe('2025-09-07');
  });

  it('shift across months and years', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-11-23', -14)).toBe('2026-11-09');
  });
});
