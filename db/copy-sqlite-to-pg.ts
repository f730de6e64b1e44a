import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { is, Table } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { migrationsFolder } from './client.js';
import type { PgHandle } from './client-pg.js';
import * as pgSchema from './schema-pg/index.js';

/**
 * Copies a Klaxon SQLite database into a migrated PostgreSQL one (`klaxon migrate-data`): every
 * table, in batches, inside one PostgreSQL transaction, so the target ends up with all of it or
 * none of it. The SQLite side is read in one read transaction (a consistent snapshot, even while a
 * Klaxon still writes to the file) and never written.
 */

/** A refusal the user can act on, said in one line (the CLI prints the message as it is). */
export class CopyRefused extends Error {
  override readonly name = 'CopyRefused';
}

export interface TableCount {
  table: string;
  rows: number;
}

export interface CopyOptions {
  /** Empty a target that already holds Klaxon data, then copy (the CLI's --force). Default: refuse. */
  replace?: boolean;
  /** Rows per INSERT (default 5,000). */
  batchRows?: number;
}

export interface CopyResult {
  /** Per table, in the order copied. */
  tables: TableCount[];
  /** The SQLite database's migration level (its newest migration's tag). */
  sourceLevel: string;
  /** Rows the target held and --force removed, per table (empty when it was empty). */
  replaced: TableCount[];
}

interface ColumnPlan {
  name: string;
  sqlType: string;
  convert: (value: unknown) => unknown;
}

interface TablePlan {
  name: string;
  columns: ColumnPlan[];
  /** The identity column, whose sequence must continue after the copied ids. */
  identity: string | null;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Values arrive from SQLite with 64-bit integers as BigInt (read exactly, never through a double)
 * and go to node-postgres in the form PostgreSQL parses exactly: integers as decimal text,
 * booleans from SQLite's 0/1, doubles as JS numbers (node-postgres sends the shortest text that
 * reads back as the same double), text (JSON included) byte for byte, blobs as Buffers.
 */
function converterFor(table: string, column: string, sqlType: string): (value: unknown) => unknown {
  const bad = (value: unknown, expected: string) =>
    new Error(`${table}.${column} holds ${typeof value === 'bigint' ? value.toString() : JSON.stringify(value)}, which is not ${expected}`);
  switch (sqlType) {
    case 'boolean':
      return (value) => {
        if (value === null) return null;
        if (value === 0n || value === 1n) return value === 1n;
        throw bad(value, '0 or 1 (a boolean)');
      };
    case 'integer':
    case 'bigint':
      return (value) => (typeof value === 'bigint' ? value.toString() : value);
    case 'double precision':
      return (value) => (typeof value === 'bigint' ? Number(value) : value);
    case 'bytea':
      return (value) => {
        if (value === null || Buffer.isBuffer(value)) return value;
        throw bad(value, 'bytes');
      };
    case 'text':
      return (value) => (typeof value === 'bigint' ? value.toString() : value);
    default:
      throw new Error(`${table}.${column}: no copy rule for PostgreSQL type ${sqlType}`);
  }
}

/**
 * The tables to copy, from the PostgreSQL schema (the schema test holds it equal to SQLite's).
 * report_days goes last: inserting a case fires the trigger that deletes its day's stored report,
 * so days copied before the cases would be dropped again.
 */
export function copyPlan(): TablePlan[] {
  const tables = (Object.values(pgSchema) as unknown[]).filter((v): v is PgTable => is(v, Table));
  const plans = tables.map((t) => {
    const config = getTableConfig(t);
    return {
      name: config.name,
      columns: config.columns.map((c) => ({
        name: c.name,
        sqlType: c.getSQLType(),
        convert: converterFor(config.name, c.name, c.getSQLType()),
      })),
      identity: config.columns.find((c) => c.generatedIdentity !== undefined)?.name ?? null,
    };
  });
  // By name, whatever order a module loader lists the exports in, so every run prints the same.
  plans.sort((a, b) => (a.name < b.name ? -1 : 1));
  return [...plans.filter((p) => p.name !== 'report_days'), ...plans.filter((p) => p.name === 'report_days')];
}

interface JournalEntry {
  when: number;
  tag: string;
}

/** Opens the SQLite file read-only and checks it is a Klaxon database at this version's migration level. */
function openSource(path: string): { sqlite: Database.Database; level: string } {
  if (!existsSync(path)) throw new CopyRefused(`there is no SQLite database at ${path}`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    throw new CopyRefused(`${path} is not a readable SQLite database (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const recorded = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
    if (!recorded) throw new CopyRefused(`${path} is not a Klaxon database: it has no migration record`);
    const last = (sqlite.prepare('select max(created_at) as at from __drizzle_migrations').get() as { at: number | null }).at;
    const journal = (JSON.parse(readFileSync(resolve(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] })
      .entries;
    const newest = journal.at(-1)!;
    const level = journal.find((e) => e.when === Number(last));
    if (last === null || Number(last) < newest.when) {
      const migrate = `run "DATABASE_URL=${path} npx klaxon migrate" first`;
      throw new CopyRefused(`${path} is at migration ${level?.tag ?? 'none'}, older than this version's ${newest.tag}: ${migrate}`);
    }
    if (!level) throw new CopyRefused(`${path} was migrated by a newer version of Klaxon than this one: copy it with that version`);
    return { sqlite, level: level.tag };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** Checks, without copying anything, that `path` is a Klaxon SQLite database this version can copy; returns its migration level. */
export function inspectSqliteSource(path: string): string {
  const { sqlite, level } = openSource(path);
  sqlite.close();
  return level;
}

async function countRows(client: pg.ClientBase, tables: TablePlan[]): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const t of tables) {
    const result = await client.query<{ n: string }>(`select count(*) as n from ${quote(t.name)}`);
    counts.push({ table: t.name, rows: Number(result.rows[0]?.n ?? 0) });
  }
  return counts;
}

/**
 * One INSERT per batch, with one array parameter per column (`select * from unnest($1::bigint[],
 * $2::text[], …)`): PostgreSQL parses a handful of parameters instead of one per value, which
 * copies several times faster than a multi-row VALUES list, and a batch is not limited by the
 * 65,535 parameters of a statement.
 */
async function copyTable(sqlite: Database.Database, client: pg.ClientBase, plan: TablePlan, batchRows: number): Promise<number> {
  const names = plan.columns.map((c) => quote(c.name));
  const arrays = plan.columns.map((c, k) => `$${k + 1}::${c.sqlType}[]`);
  const insert = `insert into ${quote(plan.name)} (${names.join(', ')}) select * from unnest(${arrays.join(', ')})`;
  const select = sqlite
    .prepare(`select ${names.join(', ')} from ${quote(plan.name)} order by rowid`)
    .raw(true)
    .safeIntegers(true);
  let columns: unknown[][] = plan.columns.map(() => []);
  let pending = 0;
  let copied = 0;
  const flush = async () => {
    if (pending === 0) return;
    try {
      await client.query(insert, columns);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`copying ${plan.name} rows ${copied + 1}–${copied + pending} failed: ${why}`);
    }
    copied += pending;
    pending = 0;
    columns = plan.columns.map(() => []);
  };
  for (const row of select.iterate() as Iterable<unknown[]>) {
    plan.columns.forEach((c, k) => {
      columns[k]!.push(c.convert(row[k]));
    });
    pending += 1;
    if (pending >= batchRows) await flush();
  }
  await flush();
  return copied;
}

/**
 * Continues the identity after the largest id copied — or after SQLite's AUTOINCREMENT high-water
 * mark when that is higher, so an id deleted before the copy is never handed out again.
 */
async function continueIdentity(sqlite: Database.Database, client: pg.ClientBase, plan: TablePlan): Promise<void> {
  if (!plan.identity) return;
  const seq = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'").get()
    ? ((sqlite.prepare('select seq from sqlite_sequence where name = ?').safeIntegers(true).get(plan.name) as { seq: bigint } | undefined)
        ?.seq ?? 0n)
    : 0n;
  const max =
    (
      sqlite
        .prepare(`select max(${quote(plan.identity)}) as m from ${quote(plan.name)}`)
        .safeIntegers(true)
        .get() as { m: bigint | null }
    ).m ?? 0n;
  const last = seq > max ? seq : max;
  const sequence = `pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident($1), $2)`;
  if (last > 0n) await client.query(`select setval(${sequence}, $3, true)`, [plan.name, plan.identity, last.toString()]);
  else await client.query(`select setval(${sequence}, 1, false)`, [plan.name, plan.identity]);
}

/**
 * Copies everything from the SQLite file at `sqlitePath` into `target`, which must be migrated to
 * this version's newest PostgreSQL migration. Refuses (CopyRefused) when the source is not a Klaxon
 * database at this version's level, or when the target already holds data and `replace` is not set.
 */
export async function copySqliteToPostgres(sqlitePath: string, target: PgHandle, options: CopyOptions = {}): Promise<CopyResult> {
  const targetLevel = await target.migrationLevel();
  if (targetLevel.ahead) throw new CopyRefused('the PostgreSQL database was migrated by a newer version of Klaxon than this one');
  if (targetLevel.pending.length > 0)
    throw new CopyRefused(
      `the PostgreSQL database has migrations pending (${targetLevel.pending.join(', ')}): run "klaxon migrate" on it first`,
    );
  const plans = copyPlan();
  const { sqlite, level } = openSource(sqlitePath);
  const client = await target.pool.connect();
  try {
    await client.query('begin');
    try {
      // Nobody writes these tables until the copy commits, so "empty" stays true while we copy.
      await client.query(`lock table ${plans.map((p) => quote(p.name)).join(', ')} in exclusive mode`);
      const present = (await countRows(client, plans)).filter((c) => c.rows > 0);
      if (present.length > 0 && !options.replace) {
        const held = present.map((c) => `${c.table} ${c.rows}`).join(', ');
        throw new CopyRefused(
          `the PostgreSQL database already holds Klaxon data (${held}): copy into an empty one, or add --force to replace it`,
        );
      }
      if (present.length > 0) await client.query(`truncate ${plans.map((p) => quote(p.name)).join(', ')} restart identity`);
      // One read transaction: every table from the same moment of the SQLite file.
      sqlite.prepare('begin').run();
      const tables: TableCount[] = [];
      for (const plan of plans) {
        const rows = await copyTable(sqlite, client, plan, options.batchRows ?? 5_000);
        const expected = Number((sqlite.prepare(`select count(*) as n from ${quote(plan.name)}`).get() as { n: number }).n);
        const landed = (await countRows(client, [plan]))[0]?.rows ?? 0;
        if (rows !== expected || landed !== expected) {
          throw new Error(`copying ${plan.name}: SQLite has ${expected} rows, ${landed} arrived in PostgreSQL`);
        }
        await continueIdentity(sqlite, client, plan);
        tables.push({ table: plan.name, rows });
      }
      sqlite.prepare('commit').run();
      await client.query('commit');
      return { tables, sourceLevel: level, replaced: present };
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
  } finally {
    client.release();
    sqlite.close();
  }
}
