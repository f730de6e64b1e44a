import { eq } from 'drizzle-orm';
import { kvState } from '../db/schema/index.js';
import type { DbOrTx } from '../db/types.js';

/** Small durable values that must survive restarts (kv_state): read inside the caller's transaction. */
export function readKv(tx: DbOrTx, key: string): string | undefined {
  return tx.select({ value: kvState.value }).from(kvState).where(eq(kvState.key, key)).get()?.value;
}

export function writeKv(tx: DbOrTx, key: string, value: string, now: Date): void {
  tx.insert(kvState).values({ key, value, updatedAt: now }).onConflictDoUpdate({ target: kvState.key, set: { value, updatedAt: now } }).run();
}
