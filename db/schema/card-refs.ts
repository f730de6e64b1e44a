import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Where a case's card lives on each platform, as an opaque ref (`slack:C123:1712.0001`). */
export const cardRefs = sqliteTable(
  'card_refs',
  {
    caseId: integer('case_id').notNull(),
    platform: text('platform').notNull(),
    ref: text('ref').notNull(),
    /** The case version the card last showed; an update for an older version is skipped. */
    renderedVersion: integer('rendered_version').notNull().default(0),
    postedAt: integer('posted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.platform] })],
);

export type CardRefRow = typeof cardRefs.$inferSelect;
