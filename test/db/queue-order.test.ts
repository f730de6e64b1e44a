import fc from 'fast-check';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { cases, mentions, type CaseRow, type NewCaseRow } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { PRIORITIES, priorityRank, type Priority } from '../../src/domain/priority.js';
import { listQueue, type QueueFilter } from '../../src/cases/queue.js';
import { caseSlaStatus } from '../../src/cases/view.js';
import { slaConfigSchema, type SlaConfig } from '../../src/sla/config.js';

/**
 * The queue reads only the rows a page needs; its order must be exactly the one of sorting every
 * open case by priority and SLA time left (the definition), on random cases, under 24x7 and
 * business-hours policies, for every filter and page.
 */

const NOW = new Date('2026-11-23T12:30:00Z'); // a Monday, in office hours
const H = 3_600_000;
const office = { timeZone: 'Europe/London', periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30' }] };
const SLAS: SlaConfig[] = [
  slaConfigSchema.parse({}),
  slaConfigSchema.parse({
    calendars: { office },
    policies: { P2: { calendar: 'office' }, P3: { calendar: 'office', firstResponseMinutes: 90 }, P4: { calendar: 'office' } },
  }),
];

/** The definition, as the queue once computed it: every open case sorted in memory. */
function reference(db: DbOrTx, filter: QueueFilter, sla: SlaConfig): number[] {
  const conditions = [eq(cases.state, 'open')];
  if (filter.kind === 'priority') conditions.push(eq(cases.priority, filter.priority));
  if (filter.kind === 'mine') conditions.push(eq(cases.ownerId, filter.actorId));
  if (filter.kind === 'unassigned') conditions.push(eq(cases.priority, filter.priority), isNull(cases.ownerId));
  const rows: CaseRow[] = db
    .select()
    .from(cases)
    .where(and(...conditions))
    .orderBy(asc(cases.createdAt), asc(cases.id))
    .all();
  return rows
    .map((row) => ({ row, remaining: caseSlaStatus(row, NOW, sla).remainingMs }))
    .sort(
      (a, b) =>
        priorityRank(a.row.priority) - priorityRank(b.row.priority) ||
        a.remaining - b.remaining ||
        a.row.createdAt.getTime() - b.row.createdAt.getTime() ||
        a.row.id - b.row.id,
    )
    .map((r) => r.row.id);
}

let handle: DbHandle | undefined;
afterEach(() => handle?.close());

const caseArb = fc.record({
  priority: fc.constantFrom<Priority>(...PRIORITIES),
  // Ages on a coarse grid so that equal times (ties) are common; some outside office hours.
  ageHours: fc.integer({ min: 0, max: 400 }).map((n) => n / 4),
  answeredAfterHours: fc.option(
    fc.integer({ min: 0, max: 60 }).map((n) => n / 4),
    { freq: 2 },
  ),
  state: fc.constantFrom('open', 'open', 'open', 'resolved'),
  owner: fc.constantFrom(null, 'slack:UALEX', 'slack:USAM'),
});

type CaseSpec = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function seed(rows: CaseSpec[]): DbHandle {
  const h = openDatabase(':memory:');
  rows.forEach((c, i) => {
    const id = i + 1;
    const createdAt = new Date(NOW.getTime() - c.ageHours * H);
    h.db
      .insert(mentions)
      .values({
        id,
        source: 'twitter',
        externalId: `m${id}`,
        direction: 'inbound',
        authorId: `${id}`,
        authorHandle: `u${id}`,
        text: 'Order never arrived',
        createdAt,
        receivedAt: createdAt,
      })
      .run();
    const answeredAt = c.answeredAfterHours === null ? null : new Date(createdAt.getTime() + c.answeredAfterHours * H);
    const row: NewCaseRow = {
      id,
      source: 'twitter',
      authorKey: `twitter:id:${id}`,
      firstMentionId: id,
      priority: c.priority,
      score: 50,
      state: c.state as 'open',
      ownerId: c.owner,
      firstResponseAt: answeredAt,
      openedAt: createdAt,
      updatedAt: createdAt,
      createdAt,
    };
    h.db.insert(cases).values(row).run();
  });
  return h;
}

describe('queue order from the index equals the full sort', () => {
  it('for every filter, page size and page, under 24x7 and business hours', () => {
    fc.assert(
      fc.property(
        fc.array(caseArb, { minLength: 0, maxLength: 60 }),
        fc.constantFrom<QueueFilter>(
          { kind: 'all' },
          { kind: 'priority', priority: 'P2' },
          { kind: 'mine', actorId: 'slack:UALEX' },
          { kind: 'unassigned', priority: 'P3' },
        ),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(0, 1),
        (rows, filter, pageSize, slaIndex) => {
          handle?.close();
          handle = seed(rows);
          const sla = SLAS[slaIndex] as SlaConfig;
          const expected = reference(handle.db, filter, sla);
          const seen: number[] = [];
          for (let offset = 0; offset <= expected.length; offset += pageSize) {
            const page = listQueue(handle.db, filter, NOW, sla, pageSize, offset);
            expect(page.total).toBe(expected.length);
            seen.push(...page.views.map((v) => v.id));
          }
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('walks the queue index and stops after the page (no full scan of open cases)', () => {
    handle = openDatabase(':memory:');
    // The query of one index walk, as listQueue builds it.
    const walk = sql`select * from cases where state = 'open' and priority = 'P2' and first_response_at is null
      order by created_at, id limit 15`;
    const plan = handle.db.all<{ detail: string }>(sql`explain query plan ${walk}`);
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING (COVERING )?INDEX cases_queue_order/);
  });
});
