import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Verified webhook deliveries from a source platform (Meta), stored before the platform gets its
 * 200 and processed after it: a crash between the two loses nothing, and the platform's retries
 * of the same bytes (same `digest`) are stored once. Rows are pruned a few days after processing.
 */
export const webhookInbox = sqliteTable(
  'webhook_inbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Who sent it (`meta`). */
    source: text('source').notNull(),
    /** What it is about, as the platform labels it (Meta's `object`: `page`, `instagram`). */
    topic: text('topic').notNull(),
    /** SHA-256 (hex) of the raw body: a retry of the same bytes is the same delivery. */
    digest: text('digest').notNull(),
    /** The raw body, as signed (UTF-8). */
    body: text('body').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set once every event in it was handed to the core (or found unusable); null while pending. */
    processedAt: integer('processed_at', { mode: 'timestamp_ms' }),
    /** Why the last attempt failed (never customer text). */
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('webhook_inbox_digest').on(t.source, t.digest),
    index('webhook_inbox_due').on(t.source, t.topic, t.processedAt, t.nextAttemptAt),
    index('webhook_inbox_processed').on(t.processedAt),
  ],
);

export type WebhookInboxRow = typeof webhookInbox.$inferSelect;
