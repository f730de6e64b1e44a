import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema-pg/index.js';
import { levelOf, readJournal, type JournalEntry, type MigrationLevel } from './migration-level.js';

/**
 * Opening PostgreSQL: a pool from a postgres:// URL, the committed pg migrations applied
 * (drizzle's node-postgres migrator), a ping, and the migration level. The twin of db/client.ts
 * for SQLite; the asynchronous storage layer that runs Klaxon on it is built on top of this.
 */

export type PgDb = NodePgDatabase<typeof schema>;

export type { MigrationLevel } from './migration-level.js';

export interface PgHandle {
  db: PgDb;
  pool: pg.Pool;
  /** The schema Klaxon's tables and its migration record live in. */
  schema: string;
  /** Tags of the migrations this open applied, oldest first; empty when none were pending. */
  appliedMigrations: string[];
  migrationLevel(): Promise<MigrationLevel>;
  /** True when the database answers a trivial query (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface PgOpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /**
   * The schema to use, created if missing and set as every connection's search_path (tests give
   * each file its own). Unset: the connection's own current schema — `public`, or whatever the
   * URL's `options=-c search_path=…` names.
   */
  schema?: string;
  /** Pool size (default 10, node-postgres's own). */
  max?: number;
  /** How long to wait for a connection before failing (default 10 s; node-postgres would wait forever). */
  connectionTimeoutMillis?: number;
}

/** The migration record's table: drizzle's name, kept in Klaxon's schema rather than drizzle's own `drizzle` schema. */
const MIGRATIONS_TABLE = '__drizzle_migrations';
/** A schema name we put in a search_path and in SQL: plain lower-case identifiers only. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The committed pg migrations, from source (`db/client-pg.ts`) or compiled (`dist/db/client-pg.js`). */
export function pgMigrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, 'migrations-pg'), resolve(here, '../../db/migrations-pg')];
  const found = candidates.find((dir) => existsSync(resolve(dir, 'meta/_journal.json')));
  if (!found) throw new Error(`PostgreSQL migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Reads the migration record as drizzle's migrator reads it: it applies every committed migration
 * newer than the newest one recorded, so that is what is pending.
 */
async function readLevel(client: pg.ClientBase, schemaName: string, journal: JournalEntry[]): Promise<MigrationLevel> {
  const table = `${quoteIdent(schemaName)}.${quoteIdent(MIGRATIONS_TABLE)}`;
  const exists = await client.query<{ found: string | null }>('select to_regclass($1) as found', [table]);
  if (!exists.rows[0]?.found) return levelOf(journal, 0, null);
  const recorded = await client.query<{ applied: string; last: string | null }>(
    `select count(*) as applied, max(created_at) as last from ${table}`,
  );
  const applied = Number(recorded.rows[0]?.applied ?? 0);
  const last = recorded.rows[0]?.last == null ? null : Number(recorded.rows[0].last);
  return levelOf(journal, applied, last);
}

/**
 * Opens a pool on `url` (postgres:// or postgresql://) and, unless told not to, applies pending
 * migrations. Fails when the server does not answer within the connection timeout.
 */
export async function openPostgres(url: string, options: PgOpenOptions = {}): Promise<PgHandle> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`schema name "${options.schema}" is not a plain lower-case identifier`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    // Every connection of the pool, now and after a reconnect, resolves Klaxon's tables in its schema.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection the server drops (restart, failover) is reported here; without a listener
  // node-postgres would crash the process. The next query takes a fresh connection, and ping() says
  // whether that works.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    let schemaName: string;
    let appliedMigrations: string[] = [];
    let failed = false;
    try {
      if (options.schema) await client.query(`create schema if not exists ${quoteIdent(options.schema)}`);
      const current = await client.query<{ name: string | null }>('select current_schema() as name');
      const name = current.rows[0]?.name;
      if (!name) throw new Error('the connection has no current schema: its search_path names no schema that exists');
      schemaName = name;
      if (options.migrate !== false) appliedMigrations = await applyMigrations(client, schemaName);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // After a failure the connection is closed, not pooled: it may still hold the migration lock.
      client.release(failed);
    }
    const db = drizzle(pool, { schema, casing: 'snake_case' });
    return {
      db,
      pool,
      schema: schemaName,
      appliedMigrations,
      async migrationLevel() {
        const c = await pool.connect();
        try {
          return await readLevel(c, schemaName, readJournal(pgMigrationsFolder()));
        } finally {
          c.release();
        }
      },
      async ping() {
        try {
          return (await pool.query<{ ok: number }>('select 1 as ok')).rows[0]?.ok === 1;
        } catch {
          return false;
        }
      },
      async close() {
        if (!pool.ended) await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/**
 * Applies what is pending while holding an advisory lock named after the schema: replicas that
 * start together take turns, and the second finds nothing left to do instead of failing on
 * tables the first just created. Returns the tags applied.
 */
async function applyMigrations(lockHolder: pg.PoolClient, schemaName: string): Promise<string[]> {
  const folder = pgMigrationsFolder();
  const lockKey = `klaxon migrations ${schemaName}`;
  await lockHolder.query('select pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
  try {
    const before = await readLevel(lockHolder, schemaName, readJournal(folder));
    if (before.ahead) {
      const newest = readJournal(folder).at(-1)?.tag;
      throw new Error(`the database was migrated by a newer version of Klaxon (its migrations go past ${newest}); upgrade Klaxon`);
    }
    if (before.pending.length === 0) return [];
    // On the lock's own connection: one transaction for every pending migration, and a pool of
    // one connection is enough.
    await migrate(drizzle(lockHolder, { casing: 'snake_case' }), {
      migrationsFolder: folder,
      migrationsSchema: schemaName,
      migrationsTable: MIGRATIONS_TABLE,
    });
    return before.pending;
  } finally {
    await lockHolder.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
  }
}
