import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/client-pg.js';
import { postgresql } from '../helpers/requirements.js';
import { createTestSchema, type TestSchema } from './pg-test-schema.js';

const postgres = await postgresql(import.meta.filename);

const root = join(import.meta.dirname, '../..');
const PASSWORD = 'pw-Sekr3t';
const ALL = ['0000_init', '0001_report_days_invalidation'];

function klaxon(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [join(root, 'bin/klaxon.js'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe.skipIf(postgres.skip)('db/client-pg: opening PostgreSQL, migrations, level and ping', { timeout: 90_000 }, () => {
  const schemas: TestSchema[] = [];
  const fresh = async () => {
    const schema = await createTestSchema(postgres.url);
    schemas.push(schema);
    return schema;
  };
  beforeAll(() => postgres.assertPresent());
  afterAll(async () => {
    for (const schema of schemas) await schema.drop();
  });

  it('applies the migrations once, reports them and the level, pings, and a closed pool pings false', async () => {
    const schema = await fresh();
    const first = await openPostgres(postgres.url, { schema: schema.name, max: 2 });
    expect(first.appliedMigrations).toEqual(ALL);
    expect(first.schema).toBe(schema.name);
    expect(await first.ping()).toBe(true);
    await first.close();
    expect(await first.ping()).toBe(false);
    const second = await openPostgres(postgres.url, { schema: schema.name, max: 1 });
    expect(second.appliedMigrations).toEqual([]);
    expect(await second.migrationLevel()).toEqual({ level: ALL.at(-1), applied: 2, pending: [], ahead: false });
    // The record lives beside the tables, not in drizzle's own `drizzle` schema.
    const where = await schema.query<{ schema: string }>(
      "select table_schema as schema from information_schema.tables where table_name = '__drizzle_migrations'",
    );
    expect(where.rows.map((r) => r.schema)).toContain(schema.name);
    await second.close();
  });

  it('replicas opening a new database together take turns: one applies the migrations, the others find none pending', async () => {
    const schema = await fresh();
    const opened = await Promise.all([1, 2, 3].map(() => openPostgres(postgres.url, { schema: schema.name, max: 1 })));
    try {
      expect(opened.map((h) => h.appliedMigrations).sort((a, b) => b.length - a.length)).toEqual([ALL, [], []]);
      expect(Number((await schema.query('select count(*) as n from __drizzle_migrations')).rows[0]?.n)).toBe(2);
    } finally {
      for (const h of opened) await h.close();
    }
  });

  it('honours the search_path a URL names, and refuses one that names no schema', async () => {
    const schema = await fresh();
    const viaUrl = await openPostgres(schema.url);
    expect(viaUrl.schema).toBe(schema.name);
    expect(viaUrl.appliedMigrations).toEqual(ALL);
    await viaUrl.close();
    const nowhere = new URL(postgres.url);
    nowhere.searchParams.set('options', '-c search_path=klaxon_no_such_schema');
    await expect(openPostgres(nowhere.toString())).rejects.toThrow(
      'the connection has no current schema: its search_path names no schema that exists',
    );
  });

  it('refuses a database a newer Klaxon migrated', async () => {
    const schema = await fresh();
    await (await openPostgres(postgres.url, { schema: schema.name, max: 1 })).close();
    await schema.query("insert into __drizzle_migrations (hash, created_at) values ('future', 4102444800000)");
    const handle = await openPostgres(postgres.url, { schema: schema.name, max: 1, migrate: false });
    expect(await handle.migrationLevel()).toEqual({ level: null, applied: 3, pending: [], ahead: true });
    await handle.close();
    await expect(openPostgres(postgres.url, { schema: schema.name, max: 1 })).rejects.toThrow(
      /migrated by a newer version of Klaxon.*upgrade Klaxon/,
    );
  });

  it('a server that does not answer fails the open instead of waiting', async () => {
    await expect(openPostgres('postgres://klaxon@127.0.0.1:1/klaxon', { connectionTimeoutMillis: 2_000 })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('`klaxon migrate` on postgres:// applies, then finds nothing pending, prints the level, never the password', async () => {
    const schema = await fresh();
    const url = new URL(schema.url);
    url.password = PASSWORD;
    const first = klaxon(['migrate'], { DATABASE_URL: url.toString() });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(
        [
          '^PostgreSQL database postgres://postgres:\\*\\*\\*@127\\.0\\.0\\.1:5432/test\\S* ',
          `\\(schema ${schema.name}\\): applied 2 migrations\\n`,
          ' {2}0000_init\\n {2}0001_report_days_invalidation\\nmigration level: 0001_report_days_invalidation \\(2 applied\\)\\n$',
        ].join(''),
      ),
    );
    const again = klaxon(['migrate'], { DATABASE_URL: url.toString() });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(
      /is up to date: no migrations were pending\nmigration level: 0001_report_days_invalidation \(2 applied\)\n$/,
    );
    const down = klaxon(['migrate'], { DATABASE_URL: `postgresql://klaxon:${PASSWORD}@127.0.0.1:1/klaxon` });
    expect(down.status).toBe(1);
    expect(down.stderr).toBe(
      'klaxon migrate: PostgreSQL database postgresql://klaxon:***@127.0.0.1:1/klaxon: connect ECONNREFUSED 127.0.0.1:1\n',
    );
    for (const run of [first, again, down]) expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
    // `start` still refuses PostgreSQL with its one line: the asynchronous storage layer is not there yet.
    const start = klaxon(['start'], { DATABASE_URL: url.toString(), KLAXON_SANDBOX: 'off' });
    expect(start.status).toBe(2);
    expect(start.stderr).toMatch(
      /^ {2}DATABASE_URL uses the postgres: scheme: PostgreSQL is not supported by this version; use a file path or :memory:$/m,
    );
    expect(start.stderr).not.toContain(PASSWORD);
  });
});
