import type { RepostInput } from '../../src/ingest/amplify.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import type { Metrics } from '../../src/telemetry.js';
import { requireStored } from './stored.js';
import type { SourceSink } from './types.js';

export interface Delivered {
  accepted: number;
  duplicates: number;
  /** Reposts, likes and boosts recorded (reach added, never a case). */
  amplified: number;
}

/**
 * Hands one read's items to the core — mentions first (oldest first, as the caller sorted them,
 * so a thread's first message opens the case before its replies join it), then amplifications
 * (which need the mention they point at) — and counts each in /metrics by its own source:
 * a duplicate as a duplicate, never as ingested. Throws NotStoredError when the core could not
 * store a mention, so the caller keeps its cursor before it (see stored.ts).
 */
export async function deliverToSink(
  deps: { sink: SourceSink; metrics: Metrics; source: string },
  mentions: readonly MentionInput[],
  amplifications: readonly RepostInput[] = [],
): Promise<Delivered> {
  const { sink, metrics, source } = deps;
  const out: Delivered = { accepted: 0, duplicates: 0, amplified: 0 };
  if (mentions.length > 0) {
    const result = await sink.ingest(mentions);
    const skipped = new Set([...result.duplicateIndexes, ...result.failed.map((f) => f.index)]);
    mentions.forEach((m, i) => {
      if (!skipped.has(i)) metrics.ingested.inc({ source, direction: m.direction });
    });
    out.accepted += result.accepted;
    out.duplicates += result.duplicates;
    if (result.duplicates > 0) metrics.duplicates.inc({ source }, result.duplicates);
    // Before the reach (which points at these mentions) and before the caller moves its cursor.
    requireStored({ metrics, source }, result, mentions.length);
  }
  if (amplifications.length > 0) {
    const result = await sink.amplify(amplifications);
    if (result.accepted > 0) metrics.ingested.inc({ source, direction: 'inbound' }, result.accepted);
    out.amplified += result.accepted;
    out.duplicates += result.duplicates;
    if (result.duplicates > 0) metrics.duplicates.inc({ source }, result.duplicates);
  }
  return out;
}
