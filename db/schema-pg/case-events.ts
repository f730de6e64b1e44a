import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { epochMs, jsonText } from './columns.js';

/** PostgreSQL twin of db/schema/case-events.ts (kept equal by test/db/schema-equality.test.ts). */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    at: epochMs('at').notNull(),
    actor: text('actor').notNull(),
    actorName: text('actor_name'),
    platform: text('platform').notNull(),
    kind: text('kind').notNull(),
    detail: jsonText<Record<string, unknown>>('detail'),
  },
  (t) => [index('case_events_case_id').on(t.caseId, t.at)],
);

export type CaseEventRow = typeof caseEvents.$inferSelect;
