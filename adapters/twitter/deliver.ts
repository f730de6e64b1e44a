import type { AmplifyResult, RepostInput } from '../../src/ingest/amplify.js';
import type { IngestResult } from '../../src/ingest/ingest.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import { isSkipped, mapTweet, tweetsById, usersById, type BrandAccount, type XPost } from './map-tweet.js';
import { requireStored } from '../source-kit/stored.js';
import { compareIds } from './state.js';
import type { TweetV2, UserV2 } from 'twitter-api-v2';

/** Where posts go: the core's ingest and repost recording (each one transaction). */
export interface PostSink {
  ingest(batch: readonly MentionInput[]): Promise<IngestResult>;
  amplify(batch: readonly RepostInput[]): Promise<AmplifyResult>;
}

export interface DeliveryDeps {
  sink: PostSink;
  metrics: Metrics;
  logger: Logger;
}

export interface DeliverySummary {
  accepted: number;
  duplicates: number;
  reposts: number;
  skipped: number;
}

/**
 * The brand's own posts matter only as answers: a reply made on X outside Klaxon is the case's
 * first response. Its other posts (announcements) are not customer messages.
 */
function worthKeeping(post: XPost): boolean {
  return post.kind === 'retweet' || post.mention.direction === 'inbound' || Boolean(post.mention.inReplyTo);
}

/** Maps a page of X posts; posts the ingest format cannot hold are logged and left out. */
export function mapPosts(
  tweets: readonly TweetV2[],
  users: readonly UserV2[] | undefined,
  brand: BrandAccount,
  logger: Logger,
  included?: readonly TweetV2[],
): XPost[] {
  const byId = usersById(users);
  const quoted = tweetsById(included);
  const out: XPost[] = [];
  for (const tweet of tweets) {
    const mapped = mapTweet(tweet, byId, brand, quoted);
    if (isSkipped(mapped)) logger.warn('X post skipped: it does not fit the ingest format', { id: mapped.id, reason: mapped.reason });
    else out.push(mapped);
  }
  return out;
}

/**
 * Hands posts to the core oldest first (X lists newest first), so a thread's first message opens
 * the case before its replies join it and a customer's post is stored before the brand's answer
 * to it. Reposts go after the mentions of the same batch, for the same reason.
 */
export async function deliverPosts(deps: DeliveryDeps, posts: readonly XPost[]): Promise<DeliverySummary> {
  const kept = posts.filter(worthKeeping).sort((a, b) => compareIds(a.id, b.id));
  const mentions = kept.filter((p) => p.kind === 'mention').map((p) => p.mention);
  const reposts = kept.flatMap((p) => (p.kind === 'retweet' ? [{ mention: p.mention, originalId: p.originalId }] : []));
  const summary: DeliverySummary = { accepted: 0, duplicates: 0, reposts: 0, skipped: posts.length - kept.length };
  if (mentions.length > 0) {
    const result = await deps.sink.ingest(mentions);
    summary.accepted += result.accepted;
    summary.duplicates += result.duplicates;
    const skipped = new Set([...result.duplicateIndexes, ...result.failed.map((f) => f.index)]);
    mentions.forEach((m, i) => {
      if (!skipped.has(i)) deps.metrics.ingested.inc({ source: 'twitter', direction: m.direction });
    });
    if (result.duplicates > 0) deps.metrics.duplicates.inc({ source: 'twitter' }, result.duplicates);
    // Before the cursor moves: a post the core could not store is read again on the next poll.
    requireStored({ metrics: deps.metrics, source: 'twitter' }, result, mentions.length);
  }
  if (reposts.length > 0) {
    const result = await deps.sink.amplify(reposts);
    summary.reposts += result.accepted;
    if (result.accepted > 0) deps.metrics.ingested.inc({ source: 'twitter', direction: 'inbound' }, result.accepted);
    summary.duplicates += result.duplicates;
    if (result.duplicates > 0) deps.metrics.duplicates.inc({ source: 'twitter' }, result.duplicates);
  }
  return summary;
}
