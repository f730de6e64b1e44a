import { openDatabase } from '../../db/client.js';
import { openPostgres } from '../../db/client-pg.js';
import type { Config } from '../../src/config/load.js';
import { redactDatabaseLocation } from '../../src/config/database-url.js';
import { describeFailure } from './postgres-location.js';

/** `klaxon migrate`: applies pending migrations and says which, so a new database is not a mystery. */
export function migrateCommand(config: Config, out: NodeJS.WritableStream): number {
  const db = openDatabase(config.env.DATABASE_URL);
  const applied = db.appliedMigrations;
  db.close();
  reportApplied(`database ${redactDatabaseLocation(config.env.DATABASE_URL)}`, applied, out);
  return 0;
}

/**
 * `klaxon migrate` with DATABASE_URL=postgres://…: applies the PostgreSQL migrations (under an
 * advisory lock, so replicas migrating together take turns) and says which, then the level.
 * Only the database is touched: `start` on PostgreSQL waits for the asynchronous storage layer.
 */
export async function migratePostgresCommand(url: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const where = `PostgreSQL database ${redactDatabaseLocation(url)}`;
  try {
    const db = await openPostgres(url);
    try {
      reportApplied(`${where} (schema ${db.schema})`, db.appliedMigrations, out);
      const level = await db.migrationLevel();
      out.write(`migration level: ${level.level} (${level.applied} applied)\n`);
    } finally {
      await db.close();
    }
    return 0;
  } catch (error) {
    err.write(`klaxon migrate: ${where}: ${describeFailure(error, url)}\n`);
    return 1;
  }
}

function reportApplied(where: string, applied: string[], out: NodeJS.WritableStream): void {
  if (applied.length === 0) {
    out.write(`${where} is up to date: no migrations were pending\n`);
  } else {
    out.write(`${where}: applied ${applied.length} migration${applied.length === 1 ? '' : 's'}\n`);
    for (const tag of applied) out.write(`  ${tag}\n`);
  }
}
