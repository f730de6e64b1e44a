import { afterEach, describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase, type DbHandle } from '../../db/client.js';
import { readJournal } from '../../db/migration-level.js';

describe('migration level of a SQLite database (for /healthz and migrate)', () => {
  const journal = readJournal(migrationsFolder());
  const newest = journal.at(-1)!;
  let handle: DbHandle;
  afterEach(() => handle.close());

  it('a migrated database stands at the newest committed migration, nothing pending', () => {
    handle = openDatabase(':memory:');
    expect(handle.migrationLevel()).toEqual({ level: newest.tag, applied: journal.length, pending: [], ahead: false });
  });

  it('an unmigrated database has every migration pending', () => {
    handle = openDatabase(':memory:', { migrate: false });
    expect(handle.migrationLevel()).toEqual({ level: null, applied: 0, pending: journal.map((e) => e.tag), ahead: false });
  });

  it('a database a newer version migrated says so', () => {
    handle = openDatabase(':memory:');
    handle.exec(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-a-newer-version', ${newest.when + 1000})`);
    expect(handle.migrationLevel()).toMatchObject({ level: null, pending: [], ahead: true });
  });
});
