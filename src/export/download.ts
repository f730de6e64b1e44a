import type { Db } from '../../db/types.js';
import type { Logger } from '../log.js';
import type { Window } from '../reports/metrics.js';
import type { SlaConfig } from '../sla/config.js';
import { signedRoute, type SignedLinks } from '../http/signed-links.js';
import { caseCsv } from './cases-csv.js';

/** Where a signed link downloads the case export (docs/CONTRACT.md §9: Teams gets a link, not a file). */
export const CASES_CSV_PATH = '/exports/cases.csv';
/** Long enough to click from the chat, short enough that a forwarded link soon stops working. */
export const EXPORT_LINK_TTL_MS = 30 * 60_000;

/** The file name people get: what it is and which days it covers. */
export function exportFilename(window: Window): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return `klaxon-cases-${day(window.from)}-to-${day(window.to)}.csv`;
}

/**
 * A signed link to the export of `window` as of `asOf` (the rows are the same whenever it is
 * opened), naming who asked for the log. Null when PUBLIC_URL is not configured.
 */
export function exportLink(links: SignedLinks, window: Window, asOf: Date, by: string): string | null {
  return links.url(
    CASES_CSV_PATH,
    { from: String(window.from.getTime()), to: String(window.to.getTime()), asof: String(asOf.getTime()), by },
    EXPORT_LINK_TTL_MS,
  );
}

const instant = (value: string | undefined): Date | null => (value && /^\d{1,15}$/.test(value) ? new Date(Number(value)) : null);

/** `GET /exports/cases.csv?…&exp&sig`: the CSV itself, for a valid, unexpired link only. */
export function casesCsvRoute(links: SignedLinks, deps: { db: Db; sla: SlaConfig; logger: Logger }): ReturnType<typeof signedRoute> {
  return signedRoute(CASES_CSV_PATH, links, (params, res) => {
    const from = instant(params.from);
    const to = instant(params.to);
    const asOf = instant(params.asof);
    if (!from || !to || !asOf || from.getTime() >= to.getTime()) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('this link does not name a period\n');
      return;
    }
    const window = { from, to };
    const body = caseCsv(deps.db, window, asOf, deps.sla);
    // Who asked is logged; what the file holds (customer data) never is.
    deps.logger.info('case export downloaded', {
      by: params.by ?? 'unknown',
      from: from.toISOString(),
      to: to.toISOString(),
      bytes: Buffer.byteLength(body),
    });
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${exportFilename(window)}"`,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store, private',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  });
}
