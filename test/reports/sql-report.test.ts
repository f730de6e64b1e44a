import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { cases, type NewCaseRow } from '../../db/schema/index.js';
import { PRIORITIES } from '../../src/domain/priority.js';
import { loadCaseFacts } from '../../src/reports/load-facts.js';
import { computeReport, parseWindow, WINDOW_SPECS, type Window } from '../../src/reports/metrics.js';
import { caseColumnsQuery, loadReport } from '../../src/reports/sql-report.js';
import { slaConfigSchema, type SlaConfig } from '../../src/sla/config.js';

/**
 * loadReport (one pass over the covering index, columns as JSON) must give exactly the report of
 * the reference, computeReport over loadCaseFacts: every count, rate, percentile and group, under
 * 24x7 and business-hours SLA policies, on hand-picked edge cases and on a large random set.
 */

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const NOW = new Date('2026-11-23T12:30:00Z'); // a Monday

const office = {
  timeZone: 'Europe/London',
  periods: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '12:00' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '13:00', end: '17:30' },
  ],
  holidays: ['2026-11-20'],
};
const SLAS: Record<string, SlaConfig> = {
  '24x7': slaConfigSchema.parse({}),
  'business hours': slaConfigSchema.parse({
    calendars: {
      office,
      tokyo: { timeZone: 'Asia/Tokyo', periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '08:00', end: '20:00' }] },
    },
    policies: { P2: { calendar: 'office' }, P3: { calendar: 'tokyo', firstResponseMinutes: 90 }, P4: { calendar: 'office' } },
  }),
};

let handle: DbHandle;
afterEach(() => handle?.close());

function caseRow(id: number, c: Partial<NewCaseRow> & Pick<NewCaseRow, 'createdAt'>): NewCaseRow {
  return {
    id,
    source: 'twitter',
    authorKey: `twitter:id:${id}`,
    firstMentionId: id,
    priority: 'P3',
    score: 50,
    openedAt: c.createdAt,
    updatedAt: c.createdAt,
    ...c,
  };
}

function insert(rows: NewCaseRow[]): void {
  handle = openDatabase(':memory:');
  for (let i = 0; i < rows.length; i += 500)
    handle.db
      .insert(cases)
      .values(rows.slice(i, i + 500))
      .run();
}

function both(window: Window, sla: SlaConfig) {
  return { fast: loadReport(handle.db, window, NOW, sla), reference: computeReport(loadCaseFacts(handle.db, window), window, NOW, sla) };
}

const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

/** Edge cases each rule of metrics.ts distinguishes. */
function edgeCases(): NewCaseRow[] {
  const week = parseWindow('7d', NOW);
  let id = 0;
  const row = (c: Partial<NewCaseRow> & Pick<NewCaseRow, 'createdAt'>) => caseRow(++id, c);
  return [
    row({ createdAt: week.from, priority: 'P1', firstResponseAt: at(-7 * D + 5 * M) }), // at `from`: inside
    row({ createdAt: week.to, priority: 'P1' }), // at `to`: outside
    row({ createdAt: at(-7 * D - 1), priority: 'P1' }), // just before the window
    row({ createdAt: at(-2 * D), priority: 'P1', firstResponseAt: at(-2 * D + 15 * M) }), // exactly on the 15 min target
    row({ createdAt: at(-2 * D), priority: 'P1', firstResponseAt: at(-2 * D + 15 * M + 1) }), // 1 ms late
    row({ createdAt: at(-3 * D), priority: 'P3', firstResponseAt: at(-2 * D) }), // exactly 24 h
    row({ createdAt: at(-3 * D), priority: 'P3', firstResponseAt: at(-2 * D + 1) }), // 24 h + 1 ms
    row({ createdAt: at(-D), priority: 'P4' }), // unanswered, exactly 24 h old: not pending
    row({ createdAt: at(-D + 1), priority: 'P4' }), // 1 ms younger: pending
    row({ createdAt: at(-H), priority: 'P2', firstResponseAt: at(H) }), // answer after now: unanswered
    row({ createdAt: at(-H), priority: 'P2', firstResponseAt: at(-2 * H) }), // answer before the mention (clock skew): FRT 0
    row({ createdAt: at(-5 * D), priority: 'P2', firstResponseAt: at(-4 * D), resolvedAt: at(2 * H) }), // resolved after now: not resolved
    row({ createdAt: at(-5 * D), priority: 'P3', firstResponseAt: at(-4 * D), resolvedAt: at(-4 * D - H) }), // resolved before created
    row({ createdAt: at(-2 * D), priority: 'P4', actionable: false, firstResponseAt: at(-D) }), // no action: volume only
    row({ createdAt: at(-2 * D), sentiment: 0.05 }), // on the threshold: neutral
    row({ createdAt: at(-2 * D), sentiment: -0.05 }),
    row({ createdAt: at(-2 * D), sentiment: 0.05000000000000001 }), // just above: positive
    row({ createdAt: at(-2 * D), sentiment: -0.05000000000000001 }),
    row({ createdAt: at(-2 * D), sentiment: 0.1234567890123456 }),
    row({ createdAt: at(-6 * D), source: 'email', ownerId: 'slack:UANA', priority: 'P2', firstResponseAt: at(-5 * D) }), // Tuesday
    row({
      createdAt: new Date('2026-11-20T16:00:00Z'),
      source: 'email',
      ownerId: 'slack:UBEN',
      priority: 'P2',
      firstResponseAt: new Date('2026-11-23T09:30:00Z'),
    }), // over a holiday and a weekend
    // odd keys are plain keys
    row({ createdAt: new Date('2026-11-21T10:00:' + '00Z'), source: '__proto__', ownerId: 'teams:29:x', priority: 'P4' }),
    row({ createdAt: at(-30 * M), ownerId: 'slack:UANA', priority: 'P3' }),
  ];
}

/** A seeded random data set: many groups, every combination of answered / resolved / actionable. */
function randomCases(count: number, seed: number): NewCaseRow[] {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const sources = ['twitter', 'facebook', 'email', 'review', 'chat'];
  return Array.from({ length: count }, (_, i) => {
    const createdAt = at(-Math.floor(rnd() * 35 * D));
    const answered = rnd() < 0.8;
    const firstResponseAt = answered ? new Date(createdAt.getTime() + Math.floor(M * Math.exp(rnd() * 9)) - (rnd() < 0.02 ? D : 0)) : null;
    const resolvedAt = firstResponseAt && rnd() < 0.6 ? new Date(firstResponseAt.getTime() + Math.floor(rnd() * 3 * D)) : null;
    return caseRow(i + 1, {
      createdAt,
      priority: PRIORITIES[Math.floor(rnd() * 4)]!,
      source: sources[Math.floor(rnd() * sources.length)]!,
      ownerId: rnd() < 0.6 ? `slack:U${Math.floor(rnd() * 12)}` : null,
      actionable: rnd() < 0.95,
      sentiment: Math.round((rnd() * 2 - 1) * 100) / 1000,
      firstResponseAt,
      resolvedAt,
    });
  });
}

describe('loadReport gives exactly the reference report', () => {
  for (const [name, sla] of Object.entries(SLAS)) {
    it(`on the edge cases, every window (${name} SLA)`, () => {
      insert(edgeCases());
      for (const spec of WINDOW_SPECS) {
        const { fast, reference } = both(parseWindow(spec, NOW), sla);
        expect(fast).toEqual(reference);
      }
      // The edge cases really reach the branches they name.
      const week = both(parseWindow('7d', NOW), sla).fast;
      expect(week.overall.pending24h).toBeGreaterThan(0);
      expect(week.overall.slaMet).toBeGreaterThan(0);
      expect(week.overall.breaches).toBeGreaterThan(0);
      expect(Object.keys(week.bySource)).toContain('__proto__');
      expect(week.overall.sentiment).toEqual({ negative: 1, neutral: 17, positive: 2 });
    });

    it(`on 4,000 random cases, every window (${name} SLA)`, () => {
      insert(randomCases(4000, name.length));
      for (const spec of WINDOW_SPECS) {
        const { fast, reference } = both(parseWindow(spec, NOW), sla);
        expect(fast).toEqual(reference);
        expect(Object.keys(fast.byAgent).length).toBeGreaterThan(5);
      }
    });
  }

  it('gives the empty report for an empty window', () => {
    insert([]);
    const { fast, reference } = both(parseWindow('24h', NOW), SLAS['24x7']!);
    expect(fast).toEqual(reference);
    expect(fast.overall.total).toBe(0);
  });

  it('names the case with an unknown priority, as the reference does', () => {
    insert([caseRow(1, { createdAt: at(-H) }), caseRow(2, { createdAt: at(-H) })]);
    handle.exec(`update cases set priority = 'P9' where id = 2`);
    const window = parseWindow('24h', NOW);
    expect(() => loadReport(handle.db, window, NOW, SLAS['24x7']!)).toThrow('case 2 has unknown priority "P9"');
    expect(() => computeReport(loadCaseFacts(handle.db, window), window, NOW, SLAS['24x7']!)).toThrow('case 2 has unknown priority "P9"');
  });

  it('reads the window from the covering index alone', () => {
    insert(randomCases(50, 1));
    const plan = handle.db.all<{ detail: string }>(sql`explain query plan ${caseColumnsQuery(parseWindow('30d', NOW))}`);
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/COVERING INDEX cases_report/);
  });
});
