import { openPostgres, type PgHandle } from '../../db/client-pg.js';
import { copySqliteToPostgres, CopyRefused, inspectSqliteSource } from '../../db/copy-sqlite-to-pg.js';
import { redactDatabaseLocation, schemeOf, sqlitePathOf } from '../../src/config/database-url.js';
import { describeFailure, isPostgresUrl } from './postgres-location.js';

export const MIGRATE_DATA_USAGE = 'usage: klaxon migrate-data --from <sqlite file> --to postgres://user:pass@host:5432/db [--force]';

export interface MigrateDataArgs {
  from: string;
  to: string;
  /** Replace what the target already holds (otherwise a non-empty target is refused). */
  force: boolean;
}

/** Reads `--from x`, `--from=x`, `--to …`, `--force`; returns the arguments or the one problem with them. */
export function parseMigrateDataArgs(args: string[]): MigrateDataArgs | { problem: string } {
  const values: Record<string, string> = {};
  let force = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--force') {
      force = true;
      continue;
    }
    const match = /^--(from|to)(?:=(.*))?$/.exec(arg);
    if (!match) return { problem: `unknown argument "${arg.startsWith('-') ? arg : '…'}"` };
    const value = match[2] ?? args[++i];
    if (value === undefined || value === '') return { problem: `--${match[1]} needs a value` };
    values[match[1] as string] = value;
  }
  const { from, to } = values;
  if (!from) return { problem: '--from is required: the SQLite file to copy (e.g. ./data/klaxon.db)' };
  if (!to) return { problem: '--to is required: the PostgreSQL database to copy into' };
  if (!isPostgresUrl(to)) return { problem: '--to must be a postgres:// or postgresql:// URL' };
  const fromScheme = schemeOf(from);
  if (from === ':memory:' || (fromScheme !== null && fromScheme !== 'file'))
    return { problem: '--from must be a SQLite file path (or a file: URL)' };
  let path: string;
  try {
    path = sqlitePathOf(from);
  } catch {
    return { problem: '--from must be a SQLite file path (or a file: URL)' };
  }
  return { from: path, to, force };
}

/**
 * `klaxon migrate-data --from ./data/klaxon.db --to postgres://…`: checks the SQLite file, applies
 * the PostgreSQL migrations to the target, and copies every table in one transaction (all or
 * nothing), then prints the rows per table. A target that already holds data is refused unless
 * --force, which replaces it. Every line masks the URL's password.
 */
export async function migrateDataCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const parsed = parseMigrateDataArgs(args);
  if ('problem' in parsed) {
    err.write(`klaxon migrate-data: ${parsed.problem}\n${MIGRATE_DATA_USAGE}\n`);
    return 2;
  }
  const { from, to, force } = parsed;
  const target = redactDatabaseLocation(to);
  const fail = (line: string) => {
    err.write(`klaxon migrate-data: ${describeFailure(new Error(line), to)}\n`);
    return 1;
  };
  let sourceLevel: string;
  try {
    sourceLevel = inspectSqliteSource(from);
  } catch (error) {
    return fail(error instanceof CopyRefused ? error.message : `cannot read ${from}: ${describeFailure(error, to)}`);
  }
  let db: PgHandle;
  try {
    db = await openPostgres(to);
  } catch (error) {
    return fail(`cannot open the PostgreSQL database ${target}: ${describeFailure(error, to)}`);
  }
  try {
    out.write(`copying ${from} (SQLite, migration ${sourceLevel}) into ${target} (schema ${db.schema})\n`);
    if (db.appliedMigrations.length > 0)
      out.write(`applied ${db.appliedMigrations.length} PostgreSQL migrations first: ${db.appliedMigrations.join(', ')}\n`);
    const started = performance.now();
    const result = await copySqliteToPostgres(from, db, { replace: force });
    if (result.replaced.length > 0)
      out.write(`--force: replaced what the database held (${result.replaced.map((t) => `${t.table} ${t.rows}`).join(', ')})\n`);
    const width = Math.max(...result.tables.map((t) => t.table.length));
    for (const t of result.tables) out.write(`  ${t.table.padEnd(width)}  ${String(t.rows).padStart(9)} rows\n`);
    const total = result.tables.reduce((sum, t) => sum + t.rows, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out.write(`copied ${total} rows in ${result.tables.length} tables in one transaction (${seconds} s)\n`);
    return 0;
  } catch (error) {
    if (error instanceof CopyRefused) return fail(error.message);
    return fail(`nothing was copied (the transaction was rolled back): ${describeFailure(error, to)}`);
  } finally {
    await db.close();
  }
}
