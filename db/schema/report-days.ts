import { blob, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A report's figures for one UTC day of cases (by creation time), under one SLA configuration:
 * the day's counters per group and, packed, each actionable case's first-response and resolution
 * times with its groups, so medians and p90s over many days stay exact. Written only once the
 * day can no longer change with time (see src/reports/report-days.ts); a trigger deletes a day's
 * rows whenever one of its cases is written, so a stored day is always the day as it is now.
 */
export const reportDays = sqliteTable(
  'report_days',
  {
    /** UTC day number: floor(created_at / 86,400,000). */
    day: integer('day').notNull(),
    /** Hash of the SLA configuration the day was classified under. */
    policy: text('policy').notNull(),
    /** JSON: group keys and counters. */
    groups: text('groups').notNull(),
    /** Packed rows: frt, resolution (float64 each), then priority, source and agent indexes (int32 each). */
    rows: blob('rows', { mode: 'buffer' }).notNull(),
    computedAt: integer('computed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.policy] })],
);
