import { openDatabase } from '../../db/client.js';
import { systemClock } from '../../src/clock.js';
import type { Config } from '../../src/config/load.js';
import { formatReportText } from '../../src/reports/format.js';
import { isWindowSpec, parseWindow } from '../../src/reports/metrics.js';
import { loadReport } from '../../src/reports/sql-report.js';

/** `klaxon report [24h|7d|30d]`: the docs/CONTRACT.md §7 report as text. */
export function reportCommand(config: Config, spec: string, out: NodeJS.WritableStream): number {
  if (!isWindowSpec(spec)) {
    out.write(`unknown window "${spec}": use 24h, 7d or 30d\n`);
    return 2;
  }
  const db = openDatabase(config.env.DATABASE_URL);
  try {
    const now = systemClock.now();
    const window = parseWindow(spec, now);
    const report = loadReport(db.db, window, now, config.file.sla);
    out.write(`${formatReportText(report)}\n`);
    return 0;
  } finally {
    db.close();
  }
}
