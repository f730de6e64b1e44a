import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { cases, reportDays, type NewCaseRow } from '../../db/schema/index.js';
import { PRIORITIES } from '../../src/domain/priority.js';
import { loadCaseFacts } from '../../src/reports/load-facts.js';
import { computeReport, parseWindow, WINDOW_SPECS } from '../../src/reports/metrics.js';
import { loadReport } from '../../src/reports/sql-report.js';
import { slaConfigSchema, type SlaConfig } from '../../src/sla/config.js';

/**
 * Stored report days must never change a report: at every instant, after any writes, under any
 * SLA policy, loadReport equals the reference computed from every case.
 */

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const START = new Date('2026-11-23T12:30:00Z');
const office = {
  timeZone: 'Europe/London',
  periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30' }],
  holidays: ['2026-11-20'],
};
const SLAS: SlaConfig[] = [
  slaConfigSchema.parse({}),
  slaConfigSchema.parse({
    calendars: { office },
    policies: { P2: { calendar: 'office' }, P3: { calendar: 'office', firstResponseMinutes: 600 }, P4: { calendar: 'office' } },
  }),
];

let handle: DbHandle | undefined;
afterEach(() => handle?.close());

const reference = (now: Date, spec: (typeof WINDOW_SPECS)[number], sla: SlaConfig) => {
  const window = parseWindow(spec, now);
  return computeReport(loadCaseFacts((handle as DbHandle).db, window), window, now, sla);
};

const caseArb = fc.record({
  ageMs: fc.integer({ min: 0, max: 34 * D }),
  priority: fc.constantFrom(...PRIORITIES),
  answerAfterMs: fc.option(fc.integer({ min: -H, max: 3 * D }), { freq: 3 }),
  resolveAfterMs: fc.option(fc.integer({ min: 0, max: 3 * D }), { freq: 2 }),
  actionable: fc.boolean(),
  owner: fc.constantFrom(null, 'slack:UANA', 'slack:UBEN'),
  source: fc.constantFrom('twitter', 'email', '__proto__'),
});

type CaseSpec = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function row(id: number, c: CaseSpec, now: Date): NewCaseRow {
  const createdAt = new Date(now.getTime() - c.ageMs);
  const firstResponseAt = c.answerAfterMs === null ? null : new Date(createdAt.getTime() + c.answerAfterMs);
  const resolvedAt = firstResponseAt && c.resolveAfterMs !== null ? new Date(firstResponseAt.getTime() + c.resolveAfterMs) : null;
  return {
    id,
    source: c.source,
    authorKey: `twitter:id:${id}`,
    firstMentionId: id,
    priority: c.priority,
    score: 50,
    ownerId: c.owner,
    actionable: c.actionable,
    sentiment: (id % 7) / 10 - 0.3,
    createdAt,
    openedAt: createdAt,
    updatedAt: createdAt,
    firstResponseAt,
    resolvedAt,
  };
}

describe('reports from stored days', () => {
  it('equal the reference at every later instant, after writes to stored days, under either policy', () => {
    const step = fc.record({
      advanceMs: fc.integer({ min: 0, max: 2 * D }),
      answer: fc.option(fc.nat(), { freq: 2 }),
      added: fc.array(caseArb, { maxLength: 4 }),
      spec: fc.constantFrom(...WINDOW_SPECS),
      sla: fc.constantFrom(0, 1),
    });
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 80 }), fc.array(step, { minLength: 1, maxLength: 5 }), (initial, steps) => {
        handle?.close();
        handle = openDatabase(':memory:');
        const db = handle.db;
        let now = START;
        let nextId = 1;
        for (const c of initial)
          db.insert(cases)
            .values(row(nextId++, c, now))
            .run();
        for (const s of steps) {
          now = new Date(now.getTime() + s.advanceMs);
          for (const c of s.added)
            db.insert(cases)
              .values(row(nextId++, c, now))
              .run();
          if (s.answer !== null) {
            // A late response to a case that may sit in a stored day.
            const id = (s.answer % (nextId - 1)) + 1;
            db.update(cases).set({ firstResponseAt: now }).where(eq(cases.id, id)).run();
          }
          const sla = SLAS[s.sla] as SlaConfig;
          const window = parseWindow(s.spec, now);
          expect(loadReport(db, window, now, sla)).toEqual(reference(now, s.spec, sla));
          // Asked again: now from the days stored by the first call.
          expect(loadReport(db, window, now, sla)).toEqual(reference(now, s.spec, sla));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stores only settled days, and a write to a case of a stored day drops that day', () => {
    handle = openDatabase(':memory:');
    const db = handle.db;
    const sla = SLAS[0] as SlaConfig;
    const old = {
      ageMs: 10 * D,
      priority: 'P3' as const,
      answerAfterMs: null,
      resolveAfterMs: null,
      actionable: true,
      owner: null,
      source: 'twitter' as const,
    };
    const fresh = { ...old, ageMs: 20 * H }; // yesterday afternoon, unanswered: pending until it is 24 h old
    db.insert(cases)
      .values([row(1, old, START), row(2, fresh, START)])
      .run();
    loadReport(db, parseWindow('30d', START), START, sla);
    const days = () =>
      db
        .select({ day: reportDays.day })
        .from(reportDays)
        .all()
        .map((r) => r.day);
    const oldDay = Math.floor((START.getTime() - 10 * D) / D);
    expect(days()).toContain(oldDay);
    // Yesterday's unanswered case is still pending: its day is not settled, so not stored.
    expect(days()).not.toContain(Math.floor((START.getTime() - 20 * H) / D));
    expect(days()).toContain(Math.floor((START.getTime() - 20 * H) / D) - 1); // an empty day is settled
    db.update(cases).set({ firstResponseAt: START }).where(eq(cases.id, 1)).run();
    expect(days()).not.toContain(oldDay);
    // A version bump (a card update) leaves stored days alone.
    loadReport(db, parseWindow('30d', START), START, sla);
    db.update(cases)
      .set({ version: sql`${cases.version} + 1` })
      .where(eq(cases.id, 1))
      .run();
    expect(days()).toContain(oldDay);
  });
});
