import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * Some suites need what a fresh clone does not have: the shared evaluation data beside the project
 * (`../shared/data`, never copied in) or a Chromium to drive the sandbox. On a developer's machine
 * such a suite is skipped with one line that says what is missing and how to get it; in CI
 * (`CI=true`) it runs anyway, so a missing file or browser is a failure, never a silent pass.
 */

const ROOT = resolve(import.meta.dirname, '../..');
/** `../shared/data` beside the project root, where the data is read at run time. */
export const SHARED_DATA = resolve(ROOT, '../shared/data');

export interface Requirement {
  /** True when the suite should not run here. */
  skip: boolean;
  /** Throws the reason when something is missing (call it first in the suite's beforeAll). */
  assertPresent(): void;
}

function requirement(testFile: string, missing: string | null, howToGet: string): Requirement {
  const inCi = process.env.CI === 'true';
  const suite = relative(ROOT, testFile);
  if (missing && !inCi)
    process.stderr.write(`SKIPPED ${suite}: ${missing} is missing. ${howToGet} (With CI=true this suite runs and fails instead.)\n`);
  return {
    skip: missing !== null && !inCi,
    assertPresent() {
      if (missing) throw new Error(`${suite} needs ${missing}, which is missing. ${howToGet}`);
    },
  };
}

/** The shared data files a suite reads, e.g. `sharedData(import.meta.filename, 'airline-tweets.csv')`. */
export function sharedData(testFile: string, ...files: string[]): Requirement & { path(file: string): string } {
  const absent = files.filter((f) => !existsSync(join(SHARED_DATA, f)));
  const missing = absent.length ? absent.map((f) => `../shared/data/${f}`).join(' and ') : null;
  const how = 'Put the shared data set in ../shared/data beside the project (where each file comes from: README, "Tests").';
  return { ...requirement(testFile, missing, how), path: (file) => join(SHARED_DATA, file) };
}

/** Debian's Chromium (or KLAXON_CHROMIUM), which playwright-core drives: Playwright's own download needs internet. */
export function chromium(testFile: string): Requirement & { executablePath: string } {
  const CHROMIUM = process.env.KLAXON_CHROMIUM || '/usr/bin/chromium';
  const missing = existsSync(CHROMIUM) ? null : `Chromium (${CHROMIUM})`;
  const how =
    'Install it with "apt-get update && apt-get install -y chromium" (.ci/run does), or point KLAXON_CHROMIUM at a Chromium binary.';
  return { ...requirement(testFile, missing, how), executablePath: CHROMIUM };
}

/** The PostgreSQL the suites use: KLAXON_TEST_POSTGRES_URL, or this machine's own (trust authentication, database `test`). */
export const TEST_POSTGRES_URL = process.env.KLAXON_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A PostgreSQL that answers `select 1` at TEST_POSTGRES_URL (asked once, with a short timeout). Call
 * it with top-level await: `const postgres = await postgresql(import.meta.filename)`.
 */
export async function postgresql(testFile: string): Promise<Requirement & { url: string }> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  let missing: string | null = null;
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const url = new URL(TEST_POSTGRES_URL);
    const why = (error instanceof Error && error.message) || (error as { code?: string }).code || String(error);
    missing = `a PostgreSQL answering at ${url.hostname}:${url.port || 5432} (database ${url.pathname.slice(1) || 'postgres'}: ${why})`;
  } finally {
    await client.end().catch(() => {});
  }
  const how =
    'Start PostgreSQL 15 on 127.0.0.1:5432 with trust authentication and a database named test ' +
    '(e.g. "service postgresql start"), or point KLAXON_TEST_POSTGRES_URL at one.';
  return { ...requirement(testFile, missing, how), url: TEST_POSTGRES_URL };
}
