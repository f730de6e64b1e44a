import { describe, expect, it } from 'vitest';
import { computeReport, parseWindow, percentile, type CaseFact } from '../../src/reports/metrics.js';
import { slaConfigSchema } from '../../src/sla/config.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const at = (iso: string) => new Date(iso);

describe('percentile (linear interpolation, rank = p/100 · (n − 1))', () => {
  it('handles empty, single and boundary cases', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([1, 2, 3], 100)).toBe(3);
  });

  it('median of an even count is the mean of the two middle values', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([5, 5, 5, 5], 50)).toBe(5);
  });

  it('interpolates between ranks', () => {
    // 1..10: rank 0.9 × 9 = 8.1 → 9 + 0.1 × (10 − 9) = 9.1
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 10);
    // rank 0.25 × 4 = 1 → exactly the second value
    expect(percentile([0, 10, 20, 30, 40], 25)).toBe(10);
    expect(percentile(Float64Array.of(1, 3), 50)).toBe(2);
  });

  it('refuses p outside 0..100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('parseWindow', () => {
  it('ends at now and spans fixed hours', () => {
    const now = at('2026-11-23T12:30:00Z');
    expect(parseWindow('24h', now)).toEqual({ from: at('2026-11-22T12:30:00Z'), to: now });
    expect(parseWindow('7d', now)).toEqual({ from: at('2026-11-16T12:30:00Z'), to: now });
    expect(parseWindow('30d', now)).toEqual({ from: at('2026-10-24T12:30:00Z'), to: now });
    expect(() => parseWindow('1y' as never, now)).toThrow(/unknown window "1y"/);
  });
});

/**
 * A hand-worked data set. now = Mon 23 Nov 2026 12:30Z, window 7d = [16 Nov 12:30Z, now).
 * SLA: defaults (24x7: P1 15m, P3 240m, P4 1440m) except P2 = 60m on a London office calendar,
 * weekdays 09:00–12:00 and 13:00–17:30 (November: local = UTC).
 */
const NOW = at('2026-11-23T12:30:00Z');
const sla = slaConfigSchema.parse({
  calendars: {
    office: {
      timeZone: 'Europe/London',
      periods: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00' },
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '13:00', end: '17:30' },
      ],
    },
  },
  policies: { P2: { calendar: 'office' } },
});

type Row = [
  id: number,
  priority: CaseFact['priority'],
  source: string,
  created: string,
  response: string | null,
  resolved: string | null,
  actionable: boolean,
  owner: string | null,
  sentiment: number,
];
// prettier-ignore
const rows: Row[] = [
  // id P    source      createdAt               first response          resolved                act    owner  sent.   FRT / SLA (due)
  [1, 'P1', 'twitter', '2026-11-22T10:00:00Z', '2026-11-22T10:10:00Z', '2026-11-22T12:00:00Z', true, 'ana', -0.6], // 10m, met
  [2, 'P1', 'twitter', '2026-11-22T11:00:00Z', '2026-11-22T11:30:00Z', null, true, 'ana', -0.9], // 30m, missed
  [3, 'P1', 'facebook', '2026-11-23T12:20:00Z', null, null, true, null, 0], // pending, due 12:35: not yet
  [4, 'P1', 'twitter', '2026-11-23T11:00:00Z', null, null, true, 'ben', -0.05], // pending, due 11:15: breach
  // 64h20m; due Mon 09:30 (Fri 30m + Mon 30m): met
  [5, 'P2', 'twitter', '2026-11-20T17:00:' + '00Z', '2026-11-23T09:20:' + '00Z', '2026-11-23T10:00:' + '00Z', true, 'ben', 0.3],
  [6, 'P2', 'email', '2026-11-21T10:00:00Z', null, null, true, null, 0.05], // 50.5h old; due Mon 10:00: breach
  [7, 'P2', 'email', '2026-11-23T11:15:00Z', null, null, true, 'ana', -0.2], // pending; 45m business so far, due 13:15
  [8, 'P3', 'twitter', '2026-11-17T09:00:00Z', '2026-11-18T08:00:00Z', '2026-11-19T09:00:00Z', true, 'ben', 0.8], // 23h, missed
  [9, 'P3', 'review', '2026-11-18T12:00:00Z', '2026-11-19T12:00:00Z', null, true, null, -0.4], // exactly 24h: within 24h; missed
  [10, 'P3', 'review', '2026-11-19T12:00:00Z', '2026-11-20T12:00:01Z', null, true, null, 0.1], // 24h 1s: not within; missed
  [11, 'P4', 'twitter', '2026-11-21T12:00:00Z', '2026-11-21T14:00:00Z', null, true, 'ana', 0], // 2h, met
  [12, 'P4', 'email', '2026-11-22T00:00:00Z', null, null, true, null, -0.7], // 36.5h old; due 23 Nov 00:00: breach
  [13, 'P4', 'twitter', '2026-11-20T10:00:00Z', null, null, false, 'ana', -1], // no action: volume only
  [14, 'P2', 'twitter', '2026-11-22T09:00:00Z', '2026-11-22T09:05:00Z', null, false, null, 0], // no action: volume only
  [15, 'P1', 'twitter', '2026-11-16T12:00:00Z', '2026-11-16T12:05:00Z', null, true, 'ana', 0], // before the window
  [16, 'P1', 'twitter', '2026-11-23T12:30:00Z', null, null, true, 'ana', 0], // at `to`: outside [from, to)
  [17, 'P4', 'chat', '2026-11-23T09:00:00Z', '2026-11-23T13:00:00Z', null, true, 'ben', 0.6], // answer after now: pending, not due
  // at `from`: inside; 1.5h, met
  [18, 'P3', 'twitter', '2026-11-16T12:30:' + '00Z', '2026-11-16T14:00:' + '00Z', '2026-11-16T14:00:' + '00Z', true, 'ben', -0.3],
];
const cases: CaseFact[] = rows.map(([id, priority, source, created, response, resolved, actionable, owner, sentiment]) => ({
  id,
  priority,
  source,
  actionable,
  owner,
  sentiment,
  createdAt: at(created),
  firstResponseAt: response ? at(response) : null,
  resolvedAt: resolved ? at(resolved) : null,
}));

describe('computeReport on the hand-worked data set', () => {
  const report = computeReport(cases, parseWindow('7d', NOW), NOW, sla);

  it('overall', () => {
    const { frtP90Ms, ...rest } = report.overall;
    expect(rest).toEqual({
      total: 16, // ids 1–14, 17, 18 (15 is before the window, 16 at its open end)
      actionable: 14, // minus no-action 13 and 14
      answered: 8, // 1, 2, 5, 8, 9, 10, 11, 18 (17's answer is after now)
      answeredWithin24h: 6, // 1, 2, 8, 9, 11, 18 (5 took 64h20m, 10 took 24h 1s)
      pending24h: 4, // unanswered and < 24h old: 3, 4, 7, 17
      responseRate24h: 0.6, // 6 ÷ (8 answered + 2 unanswered older than 24h: 6, 12) = 6/10
      // FRTs sorted: 10m, 30m, 90m, 120m, 1380m, 1440m, 1440m+1s, 3860m → (120m + 1380m) / 2 = 750m
      frtMedianMs: 750 * M,
      slaMet: 4, // 1, 5, 11, 18
      slaEligible: 11, // 8 answered + unanswered past due 4, 6, 12 (3, 7, 17 not yet due)
      slaAttainment: 4 / 11,
      breaches: 7, // answered late 2, 8, 9, 10 + unanswered past due 4, 6, 12
      resolved: 4, // 1 (2h), 5 (65h), 8 (48h), 18 (1.5h)
      resolutionMedianMs: 25 * H, // sorted 1.5h, 2h, 48h, 65h → (2h + 48h) / 2
      // neg (< −0.05): 1, 2, 7, 9, 12, 18; neutral: 3, 4 (−0.05), 6 (0.05), 11; pos: 5, 8, 10, 17
      sentiment: { negative: 6, neutral: 4, positive: 4 },
    });
    // rank 0.9 × 7 = 6.3: 86 401 000 + 0.3 × (231 600 000 − 86 401 000) = 129 960 700 ms
    expect(frtP90Ms).toBeCloseTo(129_960_700, 3);
  });

  it('by priority', () => {
    expect(report.byPriority.P1).toMatchObject({
      total: 4,
      actionable: 4,
      answered: 2,
      answeredWithin24h: 2,
      pending24h: 2,
      responseRate24h: 1, // 2 ÷ (2 answered + 0 old unanswered)
      frtMedianMs: 20 * M, // (10m + 30m) / 2
      frtP90Ms: 28 * M, // 10m + 0.9 × 20m
      slaMet: 1,
      slaEligible: 3,
      breaches: 2, // 1 met; 2 late; 4 past due (3 not yet due)
      resolved: 1,
      resolutionMedianMs: 2 * H,
      sentiment: { negative: 2, neutral: 2, positive: 0 },
    });
    expect(report.byPriority.P2).toMatchObject({
      total: 4,
      actionable: 3,
      answered: 1,
      answeredWithin24h: 0,
      pending24h: 1,
      responseRate24h: 0, // 0 ÷ (1 answered + case 6)
      frtMedianMs: 64 * H + 20 * M,
      slaMet: 1,
      slaEligible: 2,
      slaAttainment: 0.5,
      breaches: 1, // 5 met in business hours; 6 past due
      resolved: 1,
      resolutionMedianMs: 65 * H,
      sentiment: { negative: 1, neutral: 1, positive: 1 },
    });
    expect(report.byPriority.P3).toMatchObject({
      total: 4,
      actionable: 4,
      answered: 4,
      answeredWithin24h: 3,
      pending24h: 0,
      responseRate24h: 0.75, // 8, 9, 18 of 4
      frtMedianMs: 23.5 * H, // sorted 1.5h, 23h, 24h, 24h 1s → (23h + 24h) / 2
      slaMet: 1,
      slaEligible: 4,
      slaAttainment: 0.25,
      breaches: 3,
      resolved: 2,
      resolutionMedianMs: 24.75 * H, // (1.5h + 48h) / 2
      sentiment: { negative: 2, neutral: 0, positive: 2 },
    });
    expect(report.byPriority.P4).toMatchObject({
      total: 4,
      actionable: 3,
      answered: 1,
      answeredWithin24h: 1,
      pending24h: 1,
      responseRate24h: 0.5, // 11 ÷ (11 + 12)
      frtMedianMs: 2 * H,
      frtP90Ms: 2 * H,
      slaMet: 1,
      slaEligible: 2,
      slaAttainment: 0.5,
      breaches: 1,
      resolved: 0,
      resolutionMedianMs: null,
      sentiment: { negative: 1, neutral: 1, positive: 1 },
    });
  });

  it('by source, largest first', () => {
    expect(Object.keys(report.bySource)).toEqual(['twitter', 'email', 'review', 'chat', 'facebook']);
    expect(report.bySource.twitter).toMatchObject({
      total: 9,
      actionable: 7,
      answered: 6,
      answeredWithin24h: 5,
      pending24h: 1,
      responseRate24h: 5 / 6, // 1, 2, 8, 11, 18 of answered 1, 2, 5, 8, 11, 18
      slaMet: 4,
      slaEligible: 7,
      breaches: 3, // late 2, 8; past due 4
    });
    expect(report.bySource.facebook).toMatchObject({
      total: 1,
      actionable: 1,
      pending24h: 1,
      responseRate24h: null,
      frtMedianMs: null,
      slaEligible: 0,
      slaAttainment: null,
      breaches: 0,
    });
    expect(report.bySource.email).toMatchObject({
      total: 3,
      answered: 0,
      pending24h: 1,
      responseRate24h: 0,
      slaEligible: 2,
      slaAttainment: 0,
      breaches: 2,
    });
    expect(report.bySource.review).toMatchObject({ total: 2, answered: 2, responseRate24h: 0.5, breaches: 2 });
    expect(report.bySource.chat).toMatchObject({ total: 1, answered: 0, pending24h: 1, slaEligible: 0 });
  });

  it('by agent (cases without an owner are in no agent row)', () => {
    expect(Object.keys(report.byAgent)).toEqual(['ana', 'ben']);
    expect(report.byAgent.ana).toMatchObject({
      total: 5,
      actionable: 4,
      answered: 3,
      pending24h: 1,
      responseRate24h: 1, // 1, 2, 11; 7 pending
      slaMet: 2,
      slaEligible: 3,
      breaches: 1, // 7 not yet due
    });
    expect(report.byAgent.ben).toMatchObject({
      total: 5,
      actionable: 5,
      answered: 3,
      answeredWithin24h: 2,
      pending24h: 2,
      responseRate24h: 2 / 3, // 8, 18 of 5, 8, 18
      slaMet: 2,
      slaEligible: 4,
      breaches: 2, // 5, 18 met; 8 late; 4 past due
    });
  });

  it('groups add up to the overall numbers', () => {
    const sum = (k: 'total' | 'breaches' | 'answered' | 'pending24h') => Object.values(report.byPriority).reduce((n, s) => n + s[k], 0);
    for (const k of ['total', 'breaches', 'answered', 'pending24h'] as const) expect(sum(k)).toBe(report.overall[k]);
    expect(report.window).toEqual({ from: at('2026-11-16T12:30:00Z'), to: NOW });
    expect(report.generatedAt).toEqual(NOW);
  });

  it('a later `now` turns pending cases into answered or overdue ones', () => {
    // 24h later nothing is pending any more, and 17's answer (13:00 on the 23rd, 4h FRT) now counts.
    const later = at('2026-11-24T12:30:00Z');
    const r = computeReport(cases, parseWindow('7d', NOW), later, sla);
    expect(r.overall.pending24h).toBe(0);
    expect(r.overall.answered).toBe(9);
    // within 24h: 6 + 17 = 7; denominator: 9 answered + unanswered 3, 4, 6, 7, 12 = 14
    expect(r.overall.responseRate24h).toBe(7 / 14);
  });

  it('an empty window has nulls, not NaN', () => {
    const r = computeReport([], parseWindow('24h', NOW), NOW, sla);
    expect(r.overall).toMatchObject({ total: 0, responseRate24h: null, frtMedianMs: null, slaAttainment: null, breaches: 0 });
    expect(Object.keys(r.byPriority)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(r.bySource).toEqual({});
  });
});
