import { lt } from 'drizzle-orm';
import { processedDeliveries } from '../../db/schema/index.js';
import { transaction } from '../../db/transaction.js';
import type { Db, DbOrTx } from '../../db/types.js';

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

/**
 * `firstDelivery` for a request arriving on its own (a chat platform's delivery): in its turn with
 * the transactions (db/transaction.ts), so the key is never written inside another flow's
 * transaction and lost with its rollback, which would let a retry act again.
 */
export function firstDeliveryInTurn(db: Db, key: string, now: Date): Promise<boolean> {
  return transaction(db, (tx) => firstDelivery(tx, key, now));
}

export function pruneDeliveries(db: DbOrTx, now: Date): number {
  return db
    .delete(processedDeliveries)
    .where(lt(processedDeliveries.at, new Date(now.getTime() - KEEP_MS)))
    .run().changes;
}
