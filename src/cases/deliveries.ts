import { lt } from 'drizzle-orm';
import { processedDeliveries } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

/** Keys are kept a day: far longer than any platform retries a delivery (Slack: ~5 minutes). */
const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Returns true the first time a delivery key is seen and false on every repeat, so a retried
 * request or a double click acts once. Durable: survives a restart between the two deliveries.
 */
export function firstDelivery(db: DbOrTx, key: string, now: Date): boolean {
  const inserted = db.insert(processedDeliveries).values({ key, at: now }).onConflictDoNothing().run();
  return inserted.changes > 0;
}

export function pruneDeliveries(db: DbOrTx, now: Date): number {
  return db
    .delete(processedDeliveries)
    .where(lt(processedDeliveries.at, new Date(now.getTime() - KEEP_MS)))
    .run().changes;
}
