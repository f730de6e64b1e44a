import { bigint, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** PostgreSQL twin of db/schema/card-refs.ts (kept equal by test/db/schema-equality.test.ts). */
export const cardRefs = pgTable(
  'card_refs',
  {
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    platform: text('platform').notNull(),
    ref: text('ref').notNull(),
    renderedVersion: integer('rendered_version').notNull().default(0),
    postedAt: epochMs('posted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.platform] })],
);

export type CardRefRow = typeof cardRefs.$inferSelect;
