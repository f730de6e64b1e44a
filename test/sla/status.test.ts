import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { firstResponseStatus, formatDuration, resolutionStatus, type SlaFacts } from '../../src/sla/status.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const at = (iso: string) => new Date(iso);

/** Defaults (P1 15m / 240m, 24x7, warn at 75 %) plus a London office calendar for P2. */
const config = slaConfigSchema.parse({
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

describe('first response, 24x7 (P1: 15m, warn at 11m15s)', () => {
  const facts: SlaFacts = { priority: 'P1', createdAt: at('2026-11-23T10:00:00Z') };

  it('moves ok → at_risk → breached as an injected clock advances', () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const seen = () => firstResponseStatus(facts, config, clock.now());

    expect(seen()).toEqual({
      dueAt: at('2026-11-23T10:15:00Z'),
      warnAt: at('2026-11-23T10:11:15Z'), // 0.75 × 15m = 11m15s
      phase: 'ok',
      remainingMs: 15 * M,
      target: 'first_response',
    });
    clock.advance(11 * M + 14 * S);
    expect(seen().phase).toBe('ok');
    clock.advance(1 * S); // exactly warnAt
    expect(seen()).toMatchObject({ phase: 'at_risk', remainingMs: 3 * M + 45 * S });
    clock.set('2026-11-23T10:14:59.999Z');
    expect(seen().phase).toBe('at_risk');
    clock.set('2026-11-23T10:15:00Z'); // exactly dueAt
    expect(seen()).toMatchObject({ phase: 'breached', remainingMs: 0 });
    clock.advance(5 * M);
    expect(seen()).toMatchObject({ phase: 'breached', remainingMs: -5 * M });
  });

  it('met when answered by dueAt (inclusive), missed after; remaining frozen at the answer', () => {
    const now = at('2026-11-23T12:00:00Z');
    expect(firstResponseStatus({ ...facts, firstResponseAt: at('2026-11-23T10:05:00Z') }, config, now)).toMatchObject({
      phase: 'met',
      remainingMs: 10 * M,
    });
    expect(firstResponseStatus({ ...facts, firstResponseAt: at('2026-11-23T10:15:00Z') }, config, now).phase).toBe('met');
    expect(firstResponseStatus({ ...facts, firstResponseAt: at('2026-11-23T10:20:00Z') }, config, now)).toMatchObject({
      phase: 'missed',
      remainingMs: -5 * M,
    });
  });

  it('ignores a response stamped after now', () => {
    const status = firstResponseStatus({ ...facts, firstResponseAt: at('2026-11-23T10:14:00Z') }, config, at('2026-11-23T10:12:00Z'));
    expect(status).toMatchObject({ phase: 'at_risk', remainingMs: 3 * M });
  });
});

describe('first response in business hours (P2: 60m on the office calendar, warn at 45m)', () => {
  // Created Mon 23 Nov 17:00 (GMT = UTC): 30m left today, so due Tue 09:30, warn Tue 09:15.
  const facts: SlaFacts = { priority: 'P2', createdAt: at('2026-11-23T17:00:00Z') };

  it('does not count the night', () => {
    const evening = firstResponseStatus(facts, config, at('2026-11-23T20:00:00Z'));
    expect(evening).toEqual({
      dueAt: at('2026-11-24T09:30:00Z'),
      warnAt: at('2026-11-24T09:15:00Z'),
      phase: 'ok',
      remainingMs: 30 * M, // business time from 20:00 to Tue 09:30 is only Tue 09:00–09:30
      target: 'first_response',
    });
    expect(firstResponseStatus(facts, config, at('2026-11-24T09:20:00Z'))).toMatchObject({
      phase: 'at_risk',
      remainingMs: 10 * M,
    });
    expect(firstResponseStatus(facts, config, at('2026-11-24T10:00:00Z'))).toMatchObject({
      phase: 'breached',
      remainingMs: -30 * M,
    });
  });

  it('an answer overnight is on time', () => {
    const status = firstResponseStatus({ ...facts, firstResponseAt: at('2026-11-24T07:00:00Z') }, config, at('2026-11-24T12:00:00Z'));
    // Answered at 07:00 with Tue 09:00–09:30 still to go, plus Mon 17:30 not counted: 30m slack.
    expect(status).toMatchObject({ phase: 'met', remainingMs: 30 * M });
  });
});

describe('resolution', () => {
  it('P2 resolution (1440m = 24h business) from Mon 17:00 ends Fri 10:00', () => {
    // Mon 0.5h + Tue 7.5h + Wed 7.5h + Thu 7.5h = 23h; Fri 09:00 + 1h = 10:00.
    const facts: SlaFacts = { priority: 'P2', createdAt: at('2026-11-23T17:00:00Z') };
    const status = resolutionStatus(facts, config, at('2026-11-25T09:00:00Z'));
    expect(status).toMatchObject({ dueAt: at('2026-11-27T10:00:00Z'), phase: 'ok', target: 'resolution' });
    // warn at 18h business: Mon 0.5 + Tue 7.5 + Wed 7.5 = 15.5h; Thu 09:00–12:00 = 18.5h → Thu 11:30.
    expect(status.warnAt).toEqual(at('2026-11-26T11:30:00Z'));
    expect(status.remainingMs).toBe(16 * H); // Wed 7.5 + Thu 7.5 + Fri 1
    expect(resolutionStatus({ ...facts, resolvedAt: at('2026-11-27T11:00:00Z') }, config, at('2026-11-30T00:00:00Z'))).toMatchObject({
      phase: 'missed',
      remainingMs: -1 * H,
    });
  });

  it('P1 resolution is independent of the first response', () => {
    const facts: SlaFacts = {
      priority: 'P1',
      createdAt: at('2026-11-23T10:00:00Z'),
      firstResponseAt: at('2026-11-23T10:01:00Z'),
    };
    expect(resolutionStatus(facts, config, at('2026-11-23T13:00:00Z'))).toMatchObject({
      dueAt: at('2026-11-23T14:00:00Z'),
      warnAt: at('2026-11-23T13:00:00Z'),
      phase: 'at_risk',
    });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [-500, '0s'],
    [45 * S, '45s'],
    [14 * M, '14m'],
    [59 * M + 59 * S, '59m'],
    [65 * M, '1h 05m'],
    [23 * H + 59 * M, '23h 59m'],
    [24 * H, '1d 0h'],
    [51 * H + 30 * M, '2d 3h'],
    [-5 * M, '-5m'],
    [-(65 * M), '-1h 05m'],
    [Number.NaN, '—'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
