import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Each test file works in its own PostgreSQL schema (`klaxon_test_<random>`), created empty and
 * dropped with everything in it at the end, so files running in parallel never see each other.
 */
export interface TestSchema {
  name: string;
  /** The server URL with this schema as the search_path of every connection (for a CLI under test). */
  url: string;
  /** Runs SQL as the suite's own admin connection (search_path: this schema). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  drop(): Promise<void>;
}

export async function createTestSchema(serverUrl: string): Promise<TestSchema> {
  const name = `klaxon_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  admin.on('error', () => {});
  await admin.connect();
  await admin.query(`create schema ${name}`);
  await admin.query(`set search_path = ${name}`);
  return {
    name,
    url: url.toString(),
    query: (text, values) => admin.query(text, values),
    async drop() {
      try {
        await admin.query(`drop schema if exists ${name} cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}
