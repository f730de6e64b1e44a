import { eq } from 'drizzle-orm';
import { kvState } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/**
 * Durable adapter state in `kv_state`: the polling cursors (`since_id`) and the brand account's
 * user id, so a restart neither re-reads nor misses posts and does not pay for a lookup again.
 */
export const stateKeys = {
  userId: (handle: string) => `twitter:user_id:${handle.toLowerCase()}`,
  me: 'twitter:me',
  mentionsSinceId: (userId: string) => `twitter:since_id:${userId}`,
  ownSinceId: (userId: string) => `twitter:own_since_id:${userId}`,
} as const;

export function readState(db: Db, key: string): string | null {
  return db.select({ value: kvState.value }).from(kvState).where(eq(kvState.key, key)).get()?.value ?? null;
}

export function writeState(db: Db, key: string, value: string, now: Date): void {
  db.insert(kvState)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: kvState.key, set: { value, updatedAt: now } })
    .run();
}

/** X ids are 64-bit snowflakes: compare them as integers, never as strings or doubles. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function maxId(ids: readonly string[]): string | null {
  return ids.reduce<string | null>((best, id) => (best === null || compareIds(id, best) > 0 ? id : best), null);
}
