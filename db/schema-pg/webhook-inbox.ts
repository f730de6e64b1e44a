import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** PostgreSQL twin of db/schema/webhook-inbox.ts (kept equal by test/db/schema-equality.test.ts). */
export const webhookInbox = pgTable(
  'webhook_inbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    source: text('source').notNull(),
    topic: text('topic').notNull(),
    digest: text('digest').notNull(),
    body: text('body').notNull(),
    receivedAt: epochMs('received_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull(),
    processedAt: epochMs('processed_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('webhook_inbox_digest').on(t.source, t.digest),
    index('webhook_inbox_due').on(t.source, t.topic, t.processedAt, t.nextAttemptAt),
    index('webhook_inbox_processed').on(t.processedAt),
  ],
);

export type WebhookInboxRow = typeof webhookInbox.$inferSelect;
