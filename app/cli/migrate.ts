import { openDatabase } from '../../db/client.js';
import type { Config } from '../../src/config/load.js';
import { redactDatabaseLocation } from '../../src/config/database-url.js';

/** `klaxon migrate`: applies pending migrations and says which, so a new database is not a mystery. */
export function migrateCommand(config: Config, out: NodeJS.WritableStream): number {
  const db = openDatabase(config.env.DATABASE_URL);
  const applied = db.appliedMigrations;
  db.close();
  const where = `database ${redactDatabaseLocation(config.env.DATABASE_URL)}`;
  if (applied.length === 0) {
    out.write(`${where} is up to date: no migrations were pending\n`);
  } else {
    out.write(`${where}: applied ${applied.length} migration${applied.length === 1 ? '' : 's'}\n`);
    for (const tag of applied) out.write(`  ${tag}\n`);
  }
  return 0;
}
