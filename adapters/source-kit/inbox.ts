import { createHash } from 'node:crypto';
import { and, asc, count, eq, isNotNull, isNull, lt, lte } from 'drizzle-orm';
import { webhookInbox } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';

/** A stored delivery waiting to be processed. */
export interface InboxDelivery {
  id: number;
  topic: string;
  body: string;
  receivedAt: Date;
  /** Earlier processing attempts that failed. */
  attempts: number;
}

/**
 * Verified webhook deliveries, kept durably between the platform's request and their processing:
 * the route stores (any replica may answer the platform), the listener processes (one replica,
 * under a lease once PostgreSQL lands). Async throughout so the PostgreSQL change swaps only this.
 */
export interface WebhookInbox {
  /** Stores a verified delivery; `duplicate` when these exact bytes were stored before (a retry). */
  store(topic: string, body: Buffer): Promise<'stored' | 'duplicate'>;
  /** Unprocessed deliveries of a topic that are due now, oldest first. */
  due(topic: string, limit: number): Promise<InboxDelivery[]>;
  /** Marks a delivery processed. */
  done(id: number): Promise<void>;
  /** Leaves a delivery unprocessed, to be tried again after `delayMs`; the error never holds customer text. */
  retryLater(id: number, error: string, delayMs: number): Promise<void>;
  /** Unprocessed deliveries of a topic (for /metrics). */
  pending(topic: string): Promise<number>;
  /** Deletes deliveries processed longer ago than `ageMs` (they hold customer text); returns how many. */
  prune(ageMs: number): Promise<number>;
}

export function sqliteInbox(db: Db, source: string, clock: Clock): WebhookInbox {
  return {
    async store(topic, body) {
      const digest = createHash('sha256').update(body).digest('hex');
      const now = clock.now();
      const row = db
        .insert(webhookInbox)
        .values({ source, topic, digest, body: body.toString('utf8'), receivedAt: now, nextAttemptAt: now })
        .onConflictDoNothing()
        .returning({ id: webhookInbox.id })
        .get();
      return row ? 'stored' : 'duplicate';
    },
    async due(topic, limit) {
      return db
        .select({
          id: webhookInbox.id,
          topic: webhookInbox.topic,
          body: webhookInbox.body,
          receivedAt: webhookInbox.receivedAt,
          attempts: webhookInbox.attempts,
        })
        .from(webhookInbox)
        .where(
          and(
            eq(webhookInbox.source, source),
            eq(webhookInbox.topic, topic),
            isNull(webhookInbox.processedAt),
            lte(webhookInbox.nextAttemptAt, clock.now()),
          ),
        )
        .orderBy(asc(webhookInbox.id))
        .limit(limit)
        .all();
    },
    async done(id) {
      db.update(webhookInbox).set({ processedAt: clock.now(), lastError: null }).where(eq(webhookInbox.id, id)).run();
    },
    async retryLater(id, error, delayMs) {
      const row = db.select({ attempts: webhookInbox.attempts }).from(webhookInbox).where(eq(webhookInbox.id, id)).get();
      db.update(webhookInbox)
        .set({
          attempts: (row?.attempts ?? 0) + 1,
          lastError: error.slice(0, 500),
          nextAttemptAt: new Date(clock.now().getTime() + Math.max(0, delayMs)),
        })
        .where(eq(webhookInbox.id, id))
        .run();
    },
    async pending(topic) {
      return (
        db
          .select({ n: count() })
          .from(webhookInbox)
          .where(and(eq(webhookInbox.source, source), eq(webhookInbox.topic, topic), isNull(webhookInbox.processedAt)))
          .get()?.n ?? 0
      );
    },
    async prune(ageMs) {
      const before = new Date(clock.now().getTime() - ageMs);
      return db
        .delete(webhookInbox)
        .where(and(eq(webhookInbox.source, source), isNotNull(webhookInbox.processedAt), lt(webhookInbox.processedAt, before)))
        .run().changes;
    },
  };
}
