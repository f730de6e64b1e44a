import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';
import type { Db } from './types.js';
import { levelOf, readJournal, type JournalEntry, type MigrationLevel } from './migration-level.js';

export interface DbHandle {
  db: Db;
  /** True when the database answers a trivial query (for /healthz). */
  ping(): boolean;
  /** Runs raw SQL (maintenance, and fault injection in tests). */
  exec(sql: string): void;
  /** Reads a pragma's value (`synchronous`, `journal_mode`…). */
  pragma(name: string): unknown;
  close(): void;
  /** Tags of the migrations this open applied (`0000_init` …), oldest first; empty when none were pending. */
  appliedMigrations: string[];
  /** Where the database stands against this version's migrations now (for /healthz). */
  migrationLevel(): MigrationLevel;
}

/**
 * The committed migrations live in `db/migrations` at the project root; this file runs either
 * from source (`db/client.ts`) or compiled (`dist/db/client.js`), so look in both places.
 */
export function migrationsFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, 'migrations'), resolve(here, '../../db/migrations')];
  const found = candidates.find((dir) => existsSync(resolve(dir, 'meta/_journal.json')));
  if (!found) throw new Error(`database migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface OpenOptions {
  migrate?: boolean;
  /**
   * `FULL` (the default): every commit is on disk before it returns — the WAL is fsynced at each
   * commit — so what was answered 202 and every outbox state change (a reply marked *sending*)
   * survive a power cut. `NORMAL` survives a process crash only; the benchmark measures the
   * difference, nothing else should use it.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/** What drizzle's migrator recorded in this database: how many, and the newest one's timestamp. */
function recordedMigrations(sqlite: Database.Database): { applied: number; last: number | null } {
  const recorded = sqlite.prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!recorded) return { applied: 0, last: null };
  const row = sqlite.prepare('select count(*) as n, max(created_at) as at from __drizzle_migrations').get() as {
    n: number;
    at: number | null;
  };
  return { applied: row.n, last: row.at === null ? null : Number(row.at) };
}

/** What the database stands at against the committed migrations (drizzle's rule: newer than the newest recorded is pending). */
function levelNow(sqlite: Database.Database, journal: readonly JournalEntry[]): MigrationLevel {
  const { applied, last } = recordedMigrations(sqlite);
  return levelOf(journal, applied, last);
}

/**
 * Opens (creating if missing) the SQLite database at `path` in WAL mode and applies pending
 * migrations. `:memory:` gives a private in-memory database (tests).
 */
export function openDatabase(path: string, options: OpenOptions = {}): DbHandle {
  // DATABASE_URL is checked at start-up; a URL reaching here is a mistake upstream, and read as a
  // path it would create folders named after it (`postgres:`), credentials and all.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(path);
  if (scheme)
    throw new Error(
      `the database location uses the ${scheme[1]!.toLowerCase()}: scheme; this version opens a SQLite file path or :memory: only`,
    );
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers (reports, /healthz) run while the ingest path writes. Every write Klaxon
  // makes either answers a client (an ingest batch acknowledged with 202, a verb's change) or
  // moves an outbox row: all must outlive an OS crash or a power cut, hence FULL for all.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema, casing: 'snake_case' });
  let appliedMigrations: string[] = [];
  if (options.migrate !== false) {
    const folder = migrationsFolder();
    // Read before migrating, so `migrate` can say what it did.
    const { pending } = levelNow(sqlite, readJournal(folder));
    migrate(db, { migrationsFolder: folder });
    appliedMigrations = pending;
  }
  const ping = sqlite.prepare('select 1 as ok');
  let journal: JournalEntry[] | undefined;
  return {
    db,
    ping: () => {
      try {
        return (ping.get() as { ok: number } | undefined)?.ok === 1;
      } catch {
        return false;
      }
    },
    exec: (text) => {
      sqlite.exec(text);
    },
    pragma: (name) => sqlite.pragma(name, { simple: true }),
    close: () => {
      if (sqlite.open) sqlite.close();
    },
    appliedMigrations,
    // The committed migrations do not change while the process runs: /healthz reads the journal once.
    migrationLevel: () => levelNow(sqlite, (journal ??= readJournal(migrationsFolder()))),
  };
}
