import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { bytes, epochMs } from './columns.js';

/**
 * PostgreSQL twin of db/schema/report-days.ts (kept equal by test/db/schema-equality.test.ts).
 * The triggers that drop a day when one of its cases is written are PL/pgSQL, in the custom
 * migration db/migrations-pg/0001_report_days_invalidation.sql.
 */
export const reportDays = pgTable(
  'report_days',
  {
    day: integer('day').notNull(),
    policy: text('policy').notNull(),
    groups: text('groups').notNull(),
    rows: bytes('rows').notNull(),
    computedAt: epochMs('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.policy] })],
);
