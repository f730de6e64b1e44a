import { describe, expect, it } from 'vitest';
import { formatPercent, formatReportText } from '../../src/reports/format.js';
import { computeReport, parseWindow, type CaseFact } from '../../src/reports/metrics.js';
import { slaConfigSchema } from '../../src/sla/config.js';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-23T12:30:00Z');
const sla = slaConfigSchema.parse({});

const cases: CaseFact[] = [
  // P1 twitter: answered in 10m (SLA 15m met), negative.
  {
    id: 1,
    priority: 'P1',
    source: 'twitter',
    createdAt: at('2026-11-22T10:00:00Z'),
    firstResponseAt: at('2026-11-22T10:10:00Z'),
    resolvedAt: null,
    actionable: true,
    owner: 'ana',
    sentiment: -0.6,
  },
  // P3 email: answered after 26h10m (not within 24h, SLA 4h missed), resolved after 48h, positive.
  {
    id: 2,
    priority: 'P3',
    source: 'email',
    createdAt: at('2026-11-20T10:00:00Z'),
    firstResponseAt: at('2026-11-21T12:10:00Z'),
    resolvedAt: at('2026-11-22T10:00:00Z'),
    actionable: true,
    owner: 'ana',
    sentiment: 0.6,
  },
  // P2 email: unanswered, 30m old → pending, not yet due.
  {
    id: 3,
    priority: 'P2',
    source: 'email',
    createdAt: at('2026-11-23T12:00:00Z'),
    firstResponseAt: null,
    resolvedAt: null,
    actionable: true,
    owner: null,
    sentiment: 0,
  },
];

describe('formatReportText', () => {
  it('renders the headline numbers and the two tables', () => {
    const text = formatReportText(computeReport(cases, parseWindow('7d', NOW), NOW, sla));
    expect(text).toBe(
      [
        'Klaxon report 2026-11-16 12:30Z → 2026-11-23 12:30Z (generated 2026-11-23 12:30Z)',
        'Cases: 3 (3 actionable, 2 answered, 1 resolved)',
        // 1 within 24h ÷ (2 answered + 0 old unanswered); case 3 pending
        '24h response rate: 50.0% (1/2 answered within 24h; 1 pending)',
        // FRTs 10m and 26h10m: median 13h10m; p90 = 10m + 0.9 × 26h = 23h34m
        'First response: median 13h 10m · p90 23h 34m',
        'SLA attainment: 50.0% (1/2 met) · breaches 1',
        'Resolution: median 2d 0h',
        'Sentiment: 1 negative · 1 neutral · 1 positive',
        '',
        'priority  cases  act     24h  pend  frt med  frt p90     sla  breach  neg/neu/pos',
        'P1            1    1  100.0%     0      10m      10m  100.0%       0        1/0/0',
        'P2            1    1       —     1        —        —       —       0        0/1/0',
        'P3            1    1    0.0%     0    1d 2h    1d 2h    0.0%       1        0/0/1',
        'P4            0    0       —     0        —        —       —       0        0/0/0',
        '',
        'source   cases  act     24h  pend  frt med  frt p90     sla  breach  neg/neu/pos',
        'email        2    2    0.0%     1    1d 2h    1d 2h    0.0%       1        0/1/1',
        'twitter      1    1  100.0%     0      10m      10m  100.0%       0        1/0/0',
      ].join('\n'),
    );
  });

  it('shows dashes, not NaN, for an empty window', () => {
    const text = formatReportText(computeReport([], parseWindow('24h', NOW), NOW, sla));
    expect(text).toContain('24h response rate: — (0/0 answered within 24h; 0 pending)');
    expect(text).toContain('First response: median — · p90 —');
    expect(text).toContain('source: no cases in this window');
    expect(text).not.toMatch(/NaN|null|undefined/);
  });

  it('formats shares with one decimal', () => {
    expect(formatPercent(4 / 11)).toBe('36.4%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(null)).toBe('—');
  });
});
