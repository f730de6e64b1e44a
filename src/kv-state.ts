import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { kvState } from '../db/schema/index.js';
import type { DbOrTx } from '../db/types.js';

/** Small durable values that must survive restarts (kv_state): read inside the caller's transaction. */
export function readKv(tx: DbOrTx, key: string): string | undefined {
  return tx.select({ value: kvState.value }).from(kvState).where(eq(kvState.key, key)).get()?.value;
}

export function writeKv(tx: DbOrTx, key: string, value: string, now: Date): void {
  tx.insert(kvState)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: kvState.key, set: { value, updatedAt: now } })
    .run();
}

/**
 * Writes several values in one statement: atomic on its own, so callers outside a transaction
 * (a restart-proof memory of small facts) need none.
 */
export function writeKvMany(tx: DbOrTx, entries: readonly { key: string; value: string }[], now: Date): void {
  if (entries.length === 0) return;
  tx.insert(kvState)
    .values(entries.map((e) => ({ key: e.key, value: e.value, updatedAt: now })))
    .onConflictDoUpdate({ target: kvState.key, set: { value: sql`excluded.value`, updatedAt: now } })
    .run();
}

/**
 * Deletes up to `limit` values under `prefix` last written before `before`; returns how many.
 * The key range (prefix ≤ key < prefix + U+FFFF) walks the primary key, and the limit keeps each
 * write short: callers repeat until fewer than `limit` go.
 */
export function deleteKvOlderThan(tx: DbOrTx, prefix: string, before: Date, limit: number): number {
  const range = and(gte(kvState.key, prefix), lt(kvState.key, `${prefix}\uffff`), lt(kvState.updatedAt, before));
  const keys = tx
    .select({ key: kvState.key })
    .from(kvState)
    .where(range)
    .limit(limit)
    .all()
    .map((r) => r.key);
  if (keys.length === 0) return 0;
  return tx.delete(kvState).where(inArray(kvState.key, keys)).run().changes;
}
