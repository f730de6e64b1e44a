import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** VIP handles added from chat (`vip add @handle`); the config file's VIP list is merged in. */
export const vips = sqliteTable('vips', {
  /** Lower-cased handle without the leading `@`. */
  handle: text('handle').primaryKey(),
  note: text('note'),
  addedBy: text('added_by').notNull(),
  addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
});

export type VipRow = typeof vips.$inferSelect;
