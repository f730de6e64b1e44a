import { describe, expect, it } from 'vitest';
import { describeFailure, isPostgresUrl, withoutCredentials } from '../../app/cli/postgres-location.js';
import { parseMigrateDataArgs } from '../../app/cli/migrate-data.js';

describe('PostgreSQL locations in messages', () => {
  it('knows a PostgreSQL URL by its scheme, in any case, and nothing else', () => {
    for (const url of ['postgres://h/db', 'postgresql://u:p@h:5432/db', 'POSTGRES://h/db']) expect(isPostgresUrl(url)).toBe(true);
    for (const other of ['./data/klaxon.db', ':memory:', 'file:data/k.db', 'mysql://h/db', 'C:\\klaxon\\k.db'])
      expect(isPostgresUrl(other)).toBe(false);
  });

  it('masks the password in the URL and wherever else it appears, percent-encoded or not', () => {
    const url = 'postgres://klaxon:p%40ss%3Aw0rd@db.example.com:5432/klaxon';
    const message = `could not connect to ${url}: password "p@ss:w0rd" rejected (raw p%40ss%3Aw0rd)`;
    const masked = withoutCredentials(message, url);
    expect(masked).toBe('could not connect to postgres://klaxon:***@db.example.com:5432/klaxon: password "***" rejected (raw ***)');
    expect(describeFailure(new Error(`  ${message}\n  at somewhere`), url)).not.toMatch(/p@ss|p%40ss/);
  });

  it('an error with no message of its own (every address refused) is named by its first cause', () => {
    const refused = Object.assign(
      new AggregateError([new Error('connect ECONNREFUSED ::1:5432'), new Error('connect ECONNREFUSED 127.0.0.1:5432')], ''),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(describeFailure(refused, 'postgres://u:pw@localhost/db')).toBe('connect ECONNREFUSED ::1:5432');
  });
});

describe('klaxon migrate-data arguments', () => {
  it('takes --from and --to with a space or an equals sign, and --force', () => {
    expect(parseMigrateDataArgs(['--from', './data/klaxon.db', '--to=postgres://h/db', '--force'])).toEqual({
      from: './data/klaxon.db',
      to: 'postgres://h/db',
      force: true,
    });
    expect(parseMigrateDataArgs(['--from=file:///var/lib/klaxon/k.db', '--to', 'postgresql://h/db'])).toEqual({
      from: '/var/lib/klaxon/k.db',
      to: 'postgresql://h/db',
      force: false,
    });
  });

  it('names the one problem, and never echoes a value that may hold a password', () => {
    expect(parseMigrateDataArgs(['--to', 'postgres://h/db'])).toEqual({
      problem: '--from is required: the SQLite file to copy (e.g. ./data/klaxon.db)',
    });
    expect(parseMigrateDataArgs(['--from', 'k.db'])).toEqual({ problem: '--to is required: the PostgreSQL database to copy into' });
    expect(parseMigrateDataArgs(['--from', 'k.db', '--to'])).toEqual({ problem: '--to needs a value' });
    expect(parseMigrateDataArgs(['--from', 'postgres://u:pw@h/db', '--to', 'postgres://h/db'])).toEqual({
      problem: '--from must be a SQLite file path (or a file: URL)',
    });
    expect(parseMigrateDataArgs(['--from', ':memory:', '--to', 'postgres://h/db'])).toEqual({
      problem: '--from must be a SQLite file path (or a file: URL)',
    });
    expect(parseMigrateDataArgs(['--from', 'k.db', '--to', 'mysql://u:pw@h/db'])).toEqual({
      problem: '--to must be a postgres:// or postgresql:// URL',
    });
    expect(parseMigrateDataArgs(['k.db', 'postgres://u:pw@h/db'])).toEqual({ problem: 'unknown argument "…"' });
    expect(parseMigrateDataArgs(['--from', 'k.db', '--to', 'postgres://h/db', '--yes'])).toEqual({ problem: 'unknown argument "--yes"' });
  });
});
