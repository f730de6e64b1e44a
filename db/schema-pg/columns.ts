import { customType } from 'drizzle-orm/pg-core';

/**
 * Column types that keep PostgreSQL's rows the same JavaScript values, and the same stored
 * values, as the SQLite schema (db/schema): code, reports and a copied database see no difference.
 */

/**
 * A moment as integer milliseconds since the epoch (`bigint`), read back as a Date — what SQLite's
 * `integer({ mode: 'timestamp_ms' })` stores. Not `timestamptz`, because:
 * - the report query and the report_days triggers compute with the stored number (`created_at /
 *   86400000` is the UTC day; windows compare against `Date.getTime()`), so the same SQL and the
 *   same integer arithmetic give the same days and the same figures on both engines;
 * - ordering and equality are those of the integers: no rounding through microseconds, no time
 *   zone of the session in between;
 * - `klaxon migrate-data` copies the SQLite value unchanged.
 * (In psql, `to_timestamp(created_at / 1000.0)` shows one as a date.)
 */
export const epochMs = customType<{ data: Date; driverData: string | number }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  // node-postgres hands `bigint` over as a string (it may exceed 2^53); milliseconds never do.
  fromDriver: (value) => new Date(Number(value)),
});

/**
 * A JSON value stored as its text, exactly as SQLite's `text({ mode: 'json' })` stores it. Not
 * `jsonb`: jsonb re-orders object keys (by length, then bytes), and the order of a case's `route`
 * keys decides which platform's card intent is written first; text keeps the bytes SQLite keeps,
 * so both engines read back the same objects in the same key order. Cast to `jsonb` in a query
 * that needs JSON operators.
 */
export function jsonText<T>(name: string) {
  return customType<{ data: T; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => JSON.parse(value) as T,
  })(name);
}

/** Bytes (`bytea`), read back as a Buffer like SQLite's `blob({ mode: 'buffer' })`. */
export const bytes = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
