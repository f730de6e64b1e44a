import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { OUTBOX_STATUSES } from './enums.js';

/**
 * Every outgoing action, written in the transaction of the state change that caused it and sent
 * after commit by the outbox worker. `dedupeKey` makes a repeated intent (a retried webhook, a
 * double click) a no-op instead of a second message.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    platform: text('platform').notNull(),
    target: text('target').notNull(),
    caseId: integer('case_id'),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    /** Opaque id of what was created remotely (a card ref, a reply's id). */
    resultRef: text('result_ref'),
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    index('outbox_due').on(t.status, t.nextAttemptAt),
    uniqueIndex('outbox_dedupe_key').on(t.dedupeKey),
    index('outbox_case').on(t.caseId, t.kind),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;
