import type Database from 'better-sqlite3';
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { asc, eq, is, Table } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { openPostgres, type PgHandle } from '../../db/client-pg.js';
import * as sqliteSchema from '../../db/schema/index.js';
import * as pgSchema from '../../db/schema-pg/index.js';
import { postgresql } from '../helpers/requirements.js';
import { createTestSchema, type TestSchema } from './pg-test-schema.js';
import { postgresShape, shapeDifferences, sqliteShape, type SchemaShape } from './schema-shape.js';

const postgres = await postgresql(import.meta.filename);

/** The drizzle tables of a schema module, by table name. */
function tablesOf<T extends Table>(
  module: Record<string, unknown>,
  isTable: (v: unknown) => v is T,
  nameOf: (t: T) => string,
): Map<string, T> {
  return new Map(
    Object.values(module)
      .filter(isTable)
      .map((t) => [nameOf(t), t]),
  );
}
const sqliteTables = tablesOf(
  sqliteSchema,
  (v): v is SQLiteTable => is(v, Table),
  (t) => sqliteTableConfig(t).name,
);
const pgTables = tablesOf(
  pgSchema,
  (v): v is PgTable => is(v, Table),
  (t) => pgTableConfig(t).name,
);

/**
 * The two dialects' committed migrations build the same database: the same tables, columns, keys,
 * indexes, constraints and triggers (types compared by family: see schema-shape.ts). A change made
 * to one dialect only fails here.
 */
describe.skipIf(postgres.skip)('the SQLite and PostgreSQL schemas are the same', () => {
  let lite: DbHandle;
  let sqlite: Database.Database;
  let schema: TestSchema;
  let pgHandle: PgHandle;
  let client: pg.PoolClient;
  let sqliteBaseline: SchemaShape;
  let pgBaseline: SchemaShape;

  beforeAll(async () => {
    postgres.assertPresent();
    schema = await createTestSchema(postgres.url);
    pgHandle = await openPostgres(postgres.url, { schema: schema.name, max: 2 });
    client = await pgHandle.pool.connect();
    // The real migrations on a fresh in-memory SQLite, read through a second handle on the same
    // connection (better-sqlite3's own) for the catalogue queries.
    lite = openDatabase(':memory:');
    sqlite = (lite.db as unknown as { $client: Database.Database }).$client;
    sqliteBaseline = sqliteShape(sqlite);
    pgBaseline = await postgresShape(client, schema.name);
  });

  afterAll(async () => {
    client?.release();
    await pgHandle?.close();
    lite?.close();
    await schema?.drop();
  });

  it('both dialects apply every committed migration', async () => {
    expect(pgHandle.appliedMigrations).toEqual(['0000_init', '0001_report_days_invalidation']);
    expect(await pgHandle.migrationLevel()).toEqual({ level: '0001_report_days_invalidation', applied: 2, pending: [], ahead: false });
    expect(lite.appliedMigrations.at(-1)).toBe('0009_report_days_invalidation');
  });

  it('tables, columns, nullability, defaults, keys, indexes, unique constraints, foreign keys, checks and triggers are equal', () => {
    // Guards against comparing two empty readings.
    expect(Object.keys(sqliteBaseline).sort()).toEqual([...sqliteTables.keys()].sort());
    expect(Object.keys(sqliteBaseline.cases?.indexes ?? {})).toContain('cases_report');
    expect(Object.keys(sqliteBaseline.cases?.triggers ?? {})).toHaveLength(3);
    expect(sqliteBaseline.mentions?.indexes.mentions_source_external_id).toEqual({
      unique: true,
      partial: false,
      columns: ['source', 'external_id'],
    });
    expect(shapeDifferences(sqliteBaseline, pgBaseline)).toEqual([]);
  });

  it('each dialect’s drizzle schema names exactly the columns its migrations built', () => {
    const problems: string[] = [];
    for (const [dialect, shape, columnsOf] of [
      ['sqlite', sqliteBaseline, (name: string) => sqliteTableConfig(sqliteTables.get(name)!).columns.map((c) => c.name)],
      ['postgresql', pgBaseline, (name: string) => pgTableConfig(pgTables.get(name)!).columns.map((c) => c.name)],
    ] as const) {
      const declared = dialect === 'sqlite' ? sqliteTables : pgTables;
      expect([...declared.keys()].sort()).toEqual(Object.keys(shape).sort());
      for (const [table, t] of Object.entries(shape)) {
        const inSchema = columnsOf(table).sort();
        const inDatabase = Object.keys(t.columns).sort();
        if (JSON.stringify(inSchema) !== JSON.stringify(inDatabase))
          problems.push(`${dialect} ${table}: schema ${inSchema} vs database ${inDatabase}`);
      }
    }
    expect(problems).toEqual([]);
  });

  describe('a change made to one dialect only is reported', () => {
    const changedPg = async (change: string, undo: string) => {
      await client.query(change);
      try {
        return shapeDifferences(sqliteBaseline, await postgresShape(client, schema.name));
      } finally {
        await client.query(undo);
      }
    };
    const changedSqlite = (change: string, undo: string) => {
      sqlite.exec(change);
      try {
        return shapeDifferences(sqliteShape(sqlite), pgBaseline);
      } finally {
        sqlite.exec(undo);
      }
    };

    it('a column added to PostgreSQL only', async () => {
      expect(await changedPg('alter table cases add column extra text', 'alter table cases drop column extra')).toEqual([
        'column cases.extra: only in postgresql',
      ]);
    });

    it('a column added to SQLite only', () => {
      expect(changedSqlite('alter table outbox add column extra integer', 'alter table outbox drop column extra')).toEqual([
        'column outbox.extra: only in sqlite',
      ]);
    });

    it('an index added to SQLite only, and one added to PostgreSQL only', async () => {
      expect(changedSqlite('create index mentions_url on mentions (url)', 'drop index mentions_url')).toEqual([
        'index mentions_url on mentions: only in sqlite',
      ]);
      expect(await changedPg('create unique index vips_added on vips (added_by, added_at)', 'drop index vips_added')).toEqual([
        'index vips_added on vips: only in postgresql',
      ]);
    });

    it('an index whose columns, order or uniqueness differ', async () => {
      expect(
        await changedPg(
          'drop index outbox_due; create index outbox_due on outbox (next_attempt_at, status)',
          'drop index outbox_due; create index outbox_due on outbox (status, next_attempt_at)',
        ),
      ).toEqual([
        'index outbox_due on outbox: {"unique":false,"partial":false,"columns":["status","next_attempt_at"]} in sqlite, ' +
          '{"unique":false,"partial":false,"columns":["next_attempt_at","status"]} in postgresql',
      ]);
      expect(
        changedSqlite(
          'drop index mentions_source_external_id; create index mentions_source_external_id on mentions (source, external_id)',
          'drop index mentions_source_external_id; create unique index mentions_source_external_id on mentions (source, external_id)',
        ),
      ).toEqual([
        'index mentions_source_external_id on mentions: {"unique":false,"partial":false,"columns":["source","external_id"]} in sqlite, ' +
          '{"unique":true,"partial":false,"columns":["source","external_id"]} in postgresql',
      ]);
    });

    it('nullability, default, a 4-byte float, a unique constraint, a foreign key, a check and a missing trigger', async () => {
      expect(
        await changedPg('alter table vips alter column note set not null', 'alter table vips alter column note drop not null'),
      ).toEqual(['column vips.note: notNull false in sqlite, true in postgresql']);
      expect(
        await changedPg(
          "alter table cases alter column state set default 'resolved'",
          "alter table cases alter column state set default 'open'",
        ),
      ).toEqual([`column cases.state: default "'open'" in sqlite, "'resolved'" in postgresql`]);
      expect(
        await changedPg(
          'alter table mentions alter column sentiment type real',
          'alter table mentions alter column sentiment type double precision',
        ),
      ).toEqual(['column mentions.sentiment: type "real" in sqlite, "float4" in postgresql']);
      expect(
        await changedPg('alter table kv_state add constraint kv_value unique (value)', 'alter table kv_state drop constraint kv_value'),
      ).toEqual(['index unique(value) on kv_state: only in postgresql']);
      expect(
        await changedPg(
          'alter table card_refs add constraint card_refs_case foreign key (case_id) references cases (id) on delete cascade',
          'alter table card_refs drop constraint card_refs_case',
        ),
      ).toEqual([
        `table card_refs: foreign keys [] in sqlite, ${JSON.stringify([
          JSON.stringify({
            columns: ['case_id'],
            references: 'cases',
            referencedColumns: ['id'],
            onUpdate: 'no action',
            onDelete: 'cascade',
          }),
        ])} in postgresql`,
      ]);
      expect(
        await changedPg(
          'alter table outbox add constraint outbox_attempts check (attempts >= 0)',
          'alter table outbox drop constraint outbox_attempts',
        ),
      ).toEqual(['table outbox: checks [] in sqlite, ["outbox_attempts"] in postgresql']);
      const trigger = pgBaseline.cases?.triggers.report_days_case_delete;
      expect(trigger).toEqual({ timing: 'AFTER', event: 'DELETE', columns: [] });
      expect(
        await changedPg(
          'drop trigger report_days_case_delete on cases',
          'create trigger report_days_case_delete after delete on cases for each row execute function report_days_invalidate()',
        ),
      ).toEqual(['trigger report_days_case_delete on cases: only in sqlite']);
    });
  });

  /**
   * Beyond the catalogue: one row per table written through each dialect's drizzle schema and read
   * back gives the same JavaScript values — Dates to the millisecond, booleans, JSON (key order
   * included), doubles to the last bit, bytes, NULLs and unicode.
   */
  it('a row written through drizzle reads back as the same JavaScript values on both', async () => {
    const at = new Date(Date.UTC(2026, 10, 23, 10, 0, 0, 123));
    const valueFor = (
      column: { name: string; columnType: string; notNull: boolean; enumValues?: string[] | undefined },
      k: number,
    ): unknown => {
      if (!column.notNull && k === 1) return null;
      switch (column.columnType) {
        case 'SQLiteTimestamp':
          return new Date(at.getTime() + k * 86_400_000 + 1);
        case 'SQLiteBoolean':
          return k === 0;
        case 'SQLiteTextJson':
          return { teams: '19:abc@thread.tacv2', slack: 'C123', note: ['ünïcødé ✓ 🚨', k] };
        case 'SQLiteBlobBuffer':
          return Buffer.from([0, 1, 2, 254, 255, k]);
        case 'SQLiteReal':
          return 0.1 + 0.2 - k;
        case 'SQLiteInteger':
          return 7 + k;
        case 'SQLiteText':
          return column.enumValues?.length ? column.enumValues[k % column.enumValues.length] : `Zoë “quoted” 漢字 🚨 ${column.name} ${k}`;
        default:
          throw new Error(`no sample for ${column.name} (${column.columnType})`);
      }
    };
    for (const [name, liteTable] of sqliteTables) {
      const pgTable = pgTables.get(name)!;
      const config = sqliteTableConfig(liteTable);
      const rows = [0, 1].map((k) =>
        Object.fromEntries(
          Object.entries(liteTable as unknown as Record<string, { name: string; columnType: string; notNull: boolean; primary: boolean }>)
            .filter(([, c]) => config.columns.includes(c as never))
            .filter(([, c]) => !(c.primary && c.columnType === 'SQLiteInteger'))
            .map(([key, c]) => [key, valueFor(c, k)]),
        ),
      );
      await (lite.db.insert(liteTable).values(rows as never) as unknown as { run(): void }).run();
      await pgHandle.db.insert(pgTable).values(rows as never);
      const order = config.columns.filter((c) => c.primary || config.primaryKeys[0]?.columns.includes(c)).map((c) => c.name);
      expect(order.length, `${name} has a key to order by`).toBeGreaterThan(0);
      const liteRows = lite.db
        .select()
        .from(liteTable)
        .orderBy(...order.map((c) => asc((liteTable as unknown as Record<string, never>)[camel(c)]!)))
        .all();
      const pgRows = await pgHandle.db
        .select()
        .from(pgTable)
        .orderBy(...order.map((c) => asc((pgTable as unknown as Record<string, never>)[camel(c)]!)));
      expect(pgRows, name).toEqual(liteRows);
      expect(liteRows.length, name).toBe(2);
      // toEqual ignores key order; the JSON text itself must be byte for byte what SQLite keeps.
      expect(JSON.stringify(pgRows), name).toBe(JSON.stringify(liteRows));
    }
    const [liteCase] = lite.db.select().from(sqliteSchema.cases).where(eq(sqliteSchema.cases.id, 1)).all();
    expect(liteCase?.createdAt).toBeInstanceOf(Date);
    expect(liteCase?.actionable).toBe(true);
  });
});

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
