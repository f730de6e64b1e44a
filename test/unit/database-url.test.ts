import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { redactDatabaseLocation } from '../../src/config/database-url.js';
import { ConfigError } from '../../src/config/load.js';
import { makeConfig } from '../helpers/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    makeConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** DATABASE_URL: SQLite only in this version; any other scheme stops the start, naming the scheme and nothing else. */
describe('DATABASE_URL', () => {
  it('refuses a PostgreSQL URL with a line that names the scheme and never the password', () => {
    for (const scheme of ['postgres', 'postgresql', 'POSTGRES']) {
      const problems = problemsOf({ DATABASE_URL: `${scheme}://klaxon:s3cret-pw@db.example.com:5432/klaxon` });
      expect(problems).toEqual([
        `DATABASE_URL uses the ${scheme.toLowerCase()}: scheme: PostgreSQL is not supported by this version; use a file path or :memory:`,
      ]);
      expect(problems.join('\n')).not.toContain('s3cret-pw');
    }
  });

  it('refuses every other scheme, naming it', () => {
    for (const url of [
      'mysql://root:pw@localhost/klaxon',
      'sqlite://data/klaxon.db',
      'https://example.com/klaxon.db',
      'libsql://db.example.io?authToken=tok',
    ]) {
      const problems = problemsOf({ DATABASE_URL: url });
      const scheme = url.slice(0, url.indexOf(':'));
      expect(problems).toEqual([
        `DATABASE_URL uses the ${scheme}: scheme, which this version does not support; use a SQLite file path (or a file: URL) or :memory:`,
      ]);
      expect(problems.join('\n')).not.toMatch(/pw@|tok\b/);
    }
  });

  it('takes a path, :memory:, a Windows path and a file: URL (as the path it names)', () => {
    expect(makeConfig({ DATABASE_URL: './data/klaxon.db' }).env.DATABASE_URL).toBe('./data/klaxon.db');
    expect(makeConfig({ DATABASE_URL: ':memory:' }).env.DATABASE_URL).toBe(':memory:');
    expect(makeConfig({ DATABASE_URL: 'C:\\klaxon\\klaxon.db' }).env.DATABASE_URL).toBe('C:\\klaxon\\klaxon.db');
    expect(makeConfig({ DATABASE_URL: 'file:///var/lib/klaxon/klaxon.db' }).env.DATABASE_URL).toBe('/var/lib/klaxon/klaxon.db');
    expect(makeConfig({ DATABASE_URL: 'file:data/klaxon.db' }).env.DATABASE_URL).toBe('data/klaxon.db');
    expect(problemsOf({ DATABASE_URL: 'file:///x.db?mode=ro' })).toEqual([
      expect.stringMatching(/^DATABASE_URL is a file: URL with a query or fragment/),
    ]);
    expect(problemsOf({ DATABASE_URL: 'file://db.example.com/x.db' })).toEqual([
      expect.stringMatching(/^DATABASE_URL is a file: URL that names no path on this machine/),
    ]);
  });

  it('a database location in a log line never carries credentials', () => {
    expect(redactDatabaseLocation('postgres://klaxon:s3cret@db.example.com:5432/klaxon')).toBe(
      'postgres://klaxon:***@db.example.com:5432/klaxon',
    );
    expect(redactDatabaseLocation('libsql://token-only@db.example.io/x')).toBe('libsql://***@db.example.io/x');
    expect(redactDatabaseLocation('./data/klaxon.db')).toBe('./data/klaxon.db');
    expect(redactDatabaseLocation('/srv/klaxon@2/klaxon.db')).toBe('/srv/klaxon@2/klaxon.db');
  });

  it('the database layer itself never turns a URL into folders', () => {
    expect(() => openDatabase('postgres://klaxon:s3cret@db.example.com/klaxon')).toThrow(
      'the database location uses the postgres: scheme; this version opens a SQLite file path or :memory: only',
    );
  });
});
