import type { Db } from '../../db/types.js';
import { KlaxonError } from '../errors.js';
import type { ChatPlatform, PlatformId } from '../ports.js';
import { renderDailyChartPng } from '../reports/chart.js';
import { buildDigest, type DigestOptions } from '../reports/digest.js';
import type { OutboxHandler } from './worker.js';

export interface DigestHandlerDeps {
  db: Db;
  platforms: ReadonlyMap<PlatformId, ChatPlatform>;
  /** SLA policies, time zone, competitors and the VIP predicate the digest is built with. */
  digest: DigestOptions;
}

/**
 * Sends a queued 'digest.post': the digest and its chart are built at send time, as of the
 * payload's `windowEnd`, so a retry an hour later still reports the same 24 hours. Delivery is
 * at least once: a crash between Slack's answer and recording it may post the digest twice,
 * which is better than missing the day.
 */
export function createDigestHandler(deps: DigestHandlerDeps): OutboxHandler {
  return {
    async send(row) {
      const platform = deps.platforms.get(row.platform as PlatformId);
      if (!platform) throw new KlaxonError('not_configured', `chat platform ${row.platform} is not configured`);
      if (!platform.postDigest) throw new KlaxonError('not_configured', `chat platform ${row.platform} cannot post a digest`);
      const payload = row.payload as { windowEnd?: unknown };
      const asOf = typeof payload.windowEnd === 'string' ? new Date(payload.windowEnd) : row.createdAt;
      if (Number.isNaN(asOf.getTime())) throw new KlaxonError('invalid_input', `digest row ${row.id} has a bad windowEnd`);
      const digest = buildDigest(deps.db, asOf, deps.digest);
      const chart = renderDailyChartPng(digest.daily);
      const { ref } = await platform.postDigest(row.target, digest, chart);
      return { status: 'done', resultRef: ref };
    },
  };
}
