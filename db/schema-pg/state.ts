import { pgTable, text } from 'drizzle-orm/pg-core';
import { epochMs } from './columns.js';

/** PostgreSQL twins of db/schema/state.ts (kept equal by test/db/schema-equality.test.ts). */
export const kvState = pgTable('kv_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
});

export const processedDeliveries = pgTable('processed_deliveries', {
  key: text('key').primaryKey(),
  at: epochMs('at').notNull(),
});
