import { and, eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import type { Intent } from './intents.js';

/**
 * Writes an intent to the outbox inside the caller's transaction. A card update is skipped when
 * one is already pending for the same case and platform: it will render the latest state anyway.
 * `dedupeKey` makes a retried request (same key) a no-op.
 */
export function enqueue(tx: DbOrTx, intent: Intent, now: Date, dedupeKey?: string): boolean {
  if (intent.kind === 'card.update') {
    const pending = tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.caseId, intent.caseId),
          eq(outbox.kind, 'card.update'),
          eq(outbox.platform, intent.platform),
          eq(outbox.status, 'pending'),
        ),
      )
      .get();
    if (pending) return false;
  }
  const { kind, platform, target, ...rest } = intent;
  const caseId = 'caseId' in intent ? intent.caseId : null;
  const result = tx
    .insert(outbox)
    .values({ kind, platform, target, caseId, payload: rest, nextAttemptAt: now, createdAt: now, dedupeKey: dedupeKey ?? null })
    .onConflictDoNothing()
    .run();
  return result.changes > 0;
}
