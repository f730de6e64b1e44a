import type { IngestResult } from '../../src/ingest/ingest.js';
import type { Metrics } from '../../src/telemetry.js';

/**
 * The core stored only part of what a source handed it (`IngestResult.failed`). A source that
 * moved its cursor (since_id, UID, notification mark, stored delivery) past such an item would
 * never read it again: it is lost. This error makes the caller stop before moving anything, so
 * the listener's failure path waits (with backoff) and reads the same items again; the ones that
 * were stored come back as duplicates and are skipped.
 */
export class NotStoredError extends Error {
  constructor(
    readonly source: string,
    readonly failed: number,
    readonly total: number,
    /** Why the first one failed: the error's name and code only (its message may quote the item). */
    readonly why: string,
  ) {
    super(`${failed} of ${total} ${source} item${total === 1 ? '' : 's'} could not be stored (${why}); reading them again later`);
    this.name = 'NotStoredError';
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.length > 0 ? `${error.name} ${code.slice(0, 60)}` : error.name;
}

/** Throws NotStoredError (and counts the items in /metrics) when the core failed to store any of `total` items. */
export function requireStored(deps: { metrics: Metrics; source: string }, result: Pick<IngestResult, 'failed'>, total: number): void {
  if (result.failed.length === 0) return;
  deps.metrics.sourceNotStored.inc({ source: deps.source }, result.failed.length);
  throw new NotStoredError(deps.source, result.failed.length, total, describe(result.failed[0]!.error));
}
