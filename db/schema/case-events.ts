import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The history and audit trail of every case: who did what, when, from which platform.
 * Written in the same transaction as the change it records.
 */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** Opaque actor id (`slack:U123`, `teams:29:abc`, `system`, `ingest`). */
    actor: text('actor').notNull(),
    actorName: text('actor_name'),
    platform: text('platform').notNull(),
    kind: text('kind').notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('case_events_case_id').on(t.caseId, t.at)],
);

export type CaseEventRow = typeof caseEvents.$inferSelect;
