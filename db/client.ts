import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';
import type { Db } from './types.js';

export interface DbHandle {
  db: Db;
  /** True when the database answers a trivial query (for /healthz). */
  ping(): boolean;
  /** Runs raw SQL (maintenance, and fault injection in tests). */
  exec(sql: string): void;
  /** Reads a pragma's value (`synchronous`, `journal_mode`…). */
  pragma(name: string): unknown;
  close(): void;
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

/**
 * Opens (creating if missing) the SQLite database at `path` in WAL mode and applies pending
 * migrations. `:memory:` gives a private in-memory database (tests).
 */
export function openDatabase(path: string, options: OpenOptions = {}): DbHandle {
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
  if (options.migrate !== false) migrate(db, { migrationsFolder: migrationsFolder() });
  const ping = sqlite.prepare('select 1 as ok');
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
  };
}
