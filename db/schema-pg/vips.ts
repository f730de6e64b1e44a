import { pgTable, text } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** PostgreSQL twin of db/schema/vips.ts (kept equal by test/db/schema-equality.test.ts). */
export const vips = pgTable('vips', {
  handle: text('handle').primaryKey(),
  note: text('note'),
  addedBy: text('added_by').notNull(),
  addedAt: epochMs('added_at').notNull(),
});

export type VipRow = typeof vips.$inferSelect;
