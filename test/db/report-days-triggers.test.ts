import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { openPostgres, type PgHandle } from '../../db/client-pg.js';
import * as lite from '../../db/schema/index.js';
import * as pgs from '../../db/schema-pg/index.js';
import { postgresql } from '../helpers/requirements.js';
import { createTestSchema, type TestSchema } from './pg-test-schema.js';

const postgres = await postgresql(import.meta.filename);

const DAY = 86_400_000;
const D = 20_415; // 2025-11-23
const at = (day: number, hours = 5) => new Date(day * DAY + hours * 3_600_000);

/** The same writes to a case on either engine, and the report days left after each. */
interface Engine {
  storeDays(days: number[]): Promise<void>;
  days(): Promise<number[]>;
  insertCase(createdAt: Date): Promise<void>;
  updateCase(set: Record<string, unknown>): Promise<void>;
  deleteCase(): Promise<void>;
}

function sqliteEngine(handle: DbHandle): Engine {
  const db = handle.db;
  return {
    async storeDays(days) {
      for (const day of days)
        db.insert(lite.reportDays)
          .values({ day, policy: 'p', groups: '{}', rows: Buffer.from([1]), computedAt: at(D + 5) })
          .onConflictDoNothing()
          .run();
    },
    async days() {
      return db
        .select({ day: lite.reportDays.day })
        .from(lite.reportDays)
        .orderBy(asc(lite.reportDays.day))
        .all()
        .map((r) => r.day);
    },
    async insertCase(createdAt) {
      db.insert(lite.cases)
        .values({
          id: 1,
          source: 'x',
          authorKey: 'x:a',
          firstMentionId: 1,
          priority: 'P3',
          score: 10,
          createdAt,
          openedAt: createdAt,
          updatedAt: createdAt,
        })
        .run();
    },
    async updateCase(set) {
      db.update(lite.cases).set(set).where(eq(lite.cases.id, 1)).run();
    },
    async deleteCase() {
      db.delete(lite.cases).where(eq(lite.cases.id, 1)).run();
    },
  };
}

function pgEngine(handle: PgHandle): Engine {
  const db = handle.db;
  return {
    async storeDays(days) {
      for (const day of days)
        await db
          .insert(pgs.reportDays)
          .values({ day, policy: 'p', groups: '{}', rows: Buffer.from([1]), computedAt: at(D + 5) })
          .onConflictDoNothing();
    },
    async days() {
      return (await db.select({ day: pgs.reportDays.day }).from(pgs.reportDays).orderBy(asc(pgs.reportDays.day))).map((r) => r.day);
    },
    async insertCase(createdAt) {
      await db.insert(pgs.cases).values({
        id: 1,
        source: 'x',
        authorKey: 'x:a',
        firstMentionId: 1,
        priority: 'P3',
        score: 10,
        createdAt,
        openedAt: createdAt,
        updatedAt: createdAt,
      });
    },
    async updateCase(set) {
      await db.update(pgs.cases).set(set).where(eq(pgs.cases.id, 1));
    },
    async deleteCase() {
      await db.delete(pgs.cases).where(eq(pgs.cases.id, 1));
    },
  };
}

/** Each step, then the days still stored; every step starts with days D-1 … D+2 stored. */
async function scenario(engine: Engine): Promise<Record<string, number[]>> {
  const all = [D - 1, D, D + 1, D + 2];
  const seen: Record<string, number[]> = {};
  const step = async (name: string, write: () => Promise<void>) => {
    await engine.storeDays(all);
    await write();
    seen[name] = await engine.days();
  };
  await step('insert', () => engine.insertCase(at(D)));
  await step('version bump', () => engine.updateCase({ version: 2, updatedAt: at(D, 9), ownerName: 'Ann' }));
  await step('priority', () => engine.updateCase({ priority: 'P1' }));
  await step('created_at moved', () => engine.updateCase({ createdAt: at(D + 2) }));
  // A report column named in SET fires the trigger even when its value does not change (both engines).
  await step('same value', () => engine.updateCase({ actionable: sql`actionable` as never }));
  await step('delete', () => engine.deleteCase());
  return seen;
}

describe.skipIf(postgres.skip)('report_days invalidation triggers: PostgreSQL drops the days SQLite drops', () => {
  let schema: TestSchema;
  let pgHandle: PgHandle;
  let sqlite: DbHandle;
  beforeAll(async () => {
    postgres.assertPresent();
    schema = await createTestSchema(postgres.url);
    pgHandle = await openPostgres(postgres.url, { schema: schema.name, max: 2 });
    sqlite = openDatabase(':memory:');
  });
  afterAll(async () => {
    await pgHandle?.close();
    sqlite?.close();
    await schema?.drop();
  });

  it('on insert, on an update of a column a report reads (not of others), on a moved day (both days) and on delete', async () => {
    const expected = {
      insert: [D - 1, D + 1, D + 2],
      'version bump': [D - 1, D, D + 1, D + 2],
      priority: [D - 1, D + 1, D + 2],
      'created_at moved': [D - 1, D + 1],
      'same value': [D - 1, D, D + 1],
      delete: [D - 1, D, D + 1],
    };
    expect(await scenario(sqliteEngine(sqlite))).toEqual(expected);
    expect(await scenario(pgEngine(pgHandle))).toEqual(expected);
  });
});
