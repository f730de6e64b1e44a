import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Small durable state that must survive restarts: a source's cursor (X `since_id`), a Teams
 * conversation reference, the processed-delivery keys of chat retries.
 */
export const kvState = sqliteTable('kv_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Deliveries already acted on (Slack retries, double clicks), kept for a day. */
export const processedDeliveries = sqliteTable('processed_deliveries', {
  key: text('key').primaryKey(),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
});
