import { count, eq } from 'drizzle-orm';
import { cases, outbox } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { PRIORITIES } from '../domain/priority.js';
import type { Metrics } from '../metrics.js';

/**
 * Gauges read from the database at scrape time: open cases by priority, outbox depth by platform.
 * Every platform the app sends to is reported, at 0 when nothing waits: a series that vanishes
 * when the queue is empty reads as "no data" on a dashboard, and an alert on it never clears.
 */
export function collectGauges(metrics: Metrics, db: Db, outboxPlatforms: readonly string[] = []): void {
  metrics.onScrape(() => {
    const open = db.select({ priority: cases.priority, n: count() }).from(cases).where(eq(cases.state, 'open')).groupBy(cases.priority).all();
    for (const p of PRIORITIES) metrics.openCases.set({ priority: p }, open.find((r) => r.priority === p)?.n ?? 0);
    const pending = db.select({ platform: outbox.platform, n: count() }).from(outbox).where(eq(outbox.status, 'pending')).groupBy(outbox.platform).all();
    metrics.queueDepth.reset();
    for (const platform of outboxPlatforms) metrics.queueDepth.set({ platform }, 0);
    for (const row of pending) metrics.queueDepth.set({ platform: row.platform }, row.n);
  });
}
