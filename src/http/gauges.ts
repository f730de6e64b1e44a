import { count, eq } from 'drizzle-orm';
import { cases, outbox } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { PRIORITIES } from '../domain/priority.js';
import type { MetricsSummary } from '../domain/report.js';
import type { Metrics } from '../telemetry.js';
import { parseWindow } from '../reports/metrics.js';
import { loadReport } from '../reports/sql-report.js';
import type { SlaConfig } from '../sla/config.js';

/** What the contract-metric gauges need: the SLA policies and the time, so a report is "as of" now. */
export interface ReportGaugeInputs {
  sla: SlaConfig;
  now: () => Date;
}

/**
 * Gauges read from the database at scrape time: open cases by priority, outbox depth by platform.
 * Every platform the app sends to is reported, at 0 when nothing waits: a series that vanishes
 * when the queue is empty reads as "no data" on a dashboard, and an alert on it never clears.
 */
export function collectGauges(metrics: Metrics, db: Db, outboxPlatforms: readonly string[] = [], report?: ReportGaugeInputs): void {
  metrics.onScrape(() => {
    const open = db
      .select({ priority: cases.priority, n: count() })
      .from(cases)
      .where(eq(cases.state, 'open'))
      .groupBy(cases.priority)
      .all();
    for (const p of PRIORITIES) metrics.openCases.set({ priority: p }, open.find((r) => r.priority === p)?.n ?? 0);
    const pending = db
      .select({ platform: outbox.platform, n: count() })
      .from(outbox)
      .where(eq(outbox.status, 'pending'))
      .groupBy(outbox.platform)
      .all();
    metrics.queueDepth.reset();
    for (const platform of outboxPlatforms) metrics.queueDepth.set({ platform }, 0);
    for (const row of pending) metrics.queueDepth.set({ platform: row.platform }, row.n);
    if (report) setReportGauges(metrics, db, report);
  });
}

/** The contract's 24-hour response rate, SLA attainment and FRT median for the last 7 days. */
function setReportGauges(metrics: Metrics, db: Db, { sla, now }: ReportGaugeInputs): void {
  const at = now();
  const report = loadReport(db, parseWindow('7d', at), at, sla);
  const gauges = [metrics.responseRate24h, metrics.slaAttainment, metrics.firstResponseMedian];
  for (const gauge of gauges) gauge.reset();
  const publish = (priority: string, s: MetricsSummary) => {
    if (s.responseRate24h !== null) metrics.responseRate24h.set({ priority }, s.responseRate24h);
    if (s.slaAttainment !== null) metrics.slaAttainment.set({ priority }, s.slaAttainment);
    if (s.frtMedianMs !== null) metrics.firstResponseMedian.set({ priority }, s.frtMedianMs / 1000);
  };
  publish('all', report.overall);
  for (const p of PRIORITIES) publish(p, report.byPriority[p]);
}
