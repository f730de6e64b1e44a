import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { OUTBOX_STATUSES } from '../schema/enums.js';
import { epochMs, jsonText } from './columns.js';

/** PostgreSQL twin of db/schema/outbox.ts (kept equal by test/db/schema-equality.test.ts). */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind').notNull(),
    platform: text('platform').notNull(),
    target: text('target').notNull(),
    caseId: bigint('case_id', { mode: 'number' }),
    payload: jsonText<Record<string, unknown>>('payload').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull(),
    createdAt: epochMs('created_at').notNull(),
    startedAt: epochMs('started_at'),
    sentAt: epochMs('sent_at'),
    lastError: text('last_error'),
    resultRef: text('result_ref'),
    // Unique but nullable: PostgreSQL, like SQLite, lets any number of rows have no dedupe key.
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
