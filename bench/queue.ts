/**
 * 8. `/klaxon queue` with 50,000 open cases: the first page (15 cases, the default filter and
 * "mine"), and a page deep in the queue, against the previous way of building a page in the same
 * run — read every open case, work out each one's SLA time left, sort, slice — which is also the
 * definition the page must equal (checked here on the big set, and in test/db/queue-order.test.ts
 * on random ones).
 */
import Database from 'better-sqlite3';
import { and, asc, eq } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { cases } from '../db/schema/index.js';
import type { DbOrTx } from '../db/types.js';
import { listQueue, QUEUE_PAGE_SIZE } from '../src/cases/queue.js';
import { caseSlaStatus } from '../src/cases/view.js';
import { priorityRank } from '../src/domain/priority.js';
import { slaConfigSchema } from '../src/sla/config.js';
import { round, type Figure } from './lib/figure.js';
import { writeReportCases } from './lib/report-data.js';
import { scratchDir } from './lib/scratch.js';
import { median, timed } from './lib/stats.js';

const TARGET_MS = 100;

/** The previous page builder: every open case read and sorted (its ids, in order). */
function fullSortPage(db: DbOrTx, now: Date, sla: ReturnType<typeof slaConfigSchema.parse>, offset: number): number[] {
  const rows = db
    .select()
    .from(cases)
    .where(and(eq(cases.state, 'open')))
    .orderBy(asc(cases.createdAt), asc(cases.id))
    .all();
  return rows
    .map((row) => ({ row, remaining: caseSlaStatus(row, now, sla).remainingMs }))
    .sort(
      (a, b) =>
        priorityRank(a.row.priority) - priorityRank(b.row.priority) ||
        a.remaining - b.remaining ||
        a.row.createdAt.getTime() - b.row.createdAt.getTime() ||
        a.row.id - b.row.id,
    )
    .slice(offset, offset + QUEUE_PAGE_SIZE)
    .map((r) => r.row.id);
}

/** Writes the case set and one first mention per case (the page shows the customer's text). */
function writeQueueData(path: string, cases: number, now: number): number {
  const ms = writeReportCases(path, cases, now);
  const db = new Database(path);
  try {
    const insert = db.prepare(
      `insert into mentions (id, source, external_id, direction, author_id, author_handle, text, created_at, received_at, case_id)
       values (?, 'twitter', ?, 'inbound', ?, ?, 'My order never arrived and nobody answers', ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 1; i <= cases; i++) insert.run(i, `m${i}`, `a${i}`, `user${i}`, now, now, i);
    })();
  } finally {
    db.close();
  }
  return ms;
}

export function benchQueue(totalCases: number, rounds: number, log: (line: string) => void): Figure {
  const scratch = scratchDir('queue');
  try {
    const now = new Date();
    const path = scratch.file('klaxon.db');
    writeQueueData(path, totalCases, now.getTime());
    const handle = openDatabase(path);
    try {
      const db = handle.db;
      const sla = slaConfigSchema.parse({});
      const open = listQueue(db, { kind: 'all' }, now, sla).total;
      const deep = Math.floor(open / QUEUE_PAGE_SIZE / 2) * QUEUE_PAGE_SIZE;
      log(`  ${open.toLocaleString('en-US')} open cases of ${totalCases.toLocaleString('en-US')}`);
      const same = (offset: number) =>
        JSON.stringify(listQueue(db, { kind: 'all' }, now, sla, QUEUE_PAGE_SIZE, offset).views.map((v) => v.id)) ===
        JSON.stringify(fullSortPage(db, now, sla, offset));
      if (!same(0) || !same(deep)) throw new Error('the queue page differs from the full sort');
      const first: number[] = [];
      const mine: number[] = [];
      const middle: number[] = [];
      const baseline: number[] = [];
      for (let r = 0; r < rounds; r++) {
        first.push(timed(() => listQueue(db, { kind: 'all' }, now, sla)).ms);
        mine.push(timed(() => listQueue(db, { kind: 'mine', actorId: 'slack:U0007' }, now, sla)).ms);
        middle.push(timed(() => listQueue(db, { kind: 'all' }, now, sla, QUEUE_PAGE_SIZE, deep)).ms);
        baseline.push(timed(() => fullSortPage(db, now, sla, 0)).ms);
      }
      const value = median(first);
      const before = median(baseline);
      log(
        `  first page ${value.toFixed(1)} ms · "mine" ${median(mine).toFixed(1)} ms · page ${deep / QUEUE_PAGE_SIZE + 1} ` +
          `${median(middle).toFixed(1)} ms · full sort ${before.toFixed(0)} ms`,
      );
      return {
        id: 'queue',
        name: `/klaxon queue, first page of ${open.toLocaleString('en-US')} open cases`,
        value: round(value, 1),
        unit: 'ms',
        baseline: {
          name: 'full sort',
          value: round(before, 1),
          unit: 'ms',
          description:
            'every open case read, its SLA time left computed, sorted, then the page sliced (the previous way, ' +
            'and the definition the page must equal)',
        },
        ratio: round(value / before),
        ratioOf: 'of the full sort’s time',
        target: `< ${TARGET_MS} ms`,
        met: value < TARGET_MS,
        ...(value < TARGET_MS ? {} : { limit: 'the page reads more of the index than it shows (see details)' }),
        details: {
          openCases: open,
          mineMs: round(median(mine), 1),
          deepPage: deep / QUEUE_PAGE_SIZE + 1,
          deepPageMs: round(median(middle), 1),
          samples: first,
          baselineSamples: baseline,
        },
      };
    } finally {
      handle.close();
    }
  } finally {
    scratch.cleanup();
  }
}
