import { and, desc, eq, gte } from 'drizzle-orm';
import type { TwitterApi } from 'twitter-api-v2';
import { mentions } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Metrics } from '../../src/telemetry.js';
import type { DeliveryResult, ReplyInput } from '../../src/ports.js';
import { postUrl, type BrandAccount } from './map-tweet.js';

/**
 * How far before the first attempt a found reply may be dated: X stamps a post with its own clock,
 * which may run a little behind ours; two minutes is far more than that and far less than the
 * time between two deliberate replies to the same post.
 */
export const CLOCK_MARGIN_MS = 2 * 60_000;
/** One page of the brand's own posts: a manual retry comes minutes or hours after the attempt. */
const OWN_POSTS_PAGE = 100;
const DM_EVENTS_PAGE = 50;

export interface FindReplyDeps {
  db: Db;
  /** App-token client: the brand's own timeline is public. */
  app: TwitterApi;
  /** User-context client: a DM conversation is readable only by its members. */
  user: TwitterApi;
  metrics: Metrics;
}

/** Prefers the candidate with the very text that was sent; any other is still the brand's answer to that post. */
function pick<T extends { text: string }>(candidates: readonly T[], text: string): T | undefined {
  return candidates.find((c) => c.text === text) ?? candidates[0];
}

/**
 * The brand's reply to `input.inReplyTo` made since `since` (minus the clock margin): first in
 * what Klaxon already stored (its own sends, and the brand's posts the poller or stream read —
 * free), then in the brand's recent posts on X (one read of its own timeline).
 */
export async function findPublicReply(
  deps: FindReplyDeps,
  brand: BrandAccount & { id: string },
  input: ReplyInput,
  since: Date,
): Promise<DeliveryResult | null> {
  const from = new Date(since.getTime() - CLOCK_MARGIN_MS);
  const stored = deps.db
    .select({ externalId: mentions.externalId, text: mentions.text, url: mentions.url })
    .from(mentions)
    .where(
      and(
        eq(mentions.source, 'twitter'),
        eq(mentions.direction, 'outbound'),
        eq(mentions.inReplyTo, input.inReplyTo),
        eq(mentions.authorId, brand.id),
        gte(mentions.createdAt, from),
      ),
    )
    .orderBy(desc(mentions.createdAt))
    .all();
  const local = pick(stored, input.text);
  if (local) return { id: local.externalId, url: local.url ?? postUrl(brand.handle, local.externalId) };

  deps.metrics.sourceCalls.inc({ source: 'twitter', op: 'own_posts_read' });
  const page = await deps.app.v2.userTimeline(brand.id, {
    start_time: from.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    max_results: OWN_POSTS_PAGE,
    exclude: ['retweets'],
    'tweet.fields': ['created_at', 'referenced_tweets', 'conversation_id'],
  });
  const tweets = [...page.tweets];
  if (tweets.length > 0) deps.metrics.sourceCalls.inc({ source: 'twitter', op: 'posts_read' }, tweets.length);
  const replies = tweets.filter(
    (t) =>
      t.referenced_tweets?.some((r) => r.type === 'replied_to' && r.id === input.inReplyTo) &&
      (!t.created_at || Date.parse(t.created_at) >= from.getTime()),
  );
  const found = pick(replies, input.text);
  return found ? { id: found.id, url: postUrl(brand.handle, found.id) } : null;
}

/**
 * The brand's direct message to the customer with this text, sent since `since`: X keeps a DM
 * conversation's events, newest first, readable by its members.
 */
export async function findDirectMessage(
  deps: FindReplyDeps,
  brand: BrandAccount & { id: string },
  participantId: string,
  input: ReplyInput,
  since: Date,
): Promise<DeliveryResult | null> {
  const from = since.getTime() - CLOCK_MARGIN_MS;
  deps.metrics.sourceCalls.inc({ source: 'twitter', op: 'dm_read' });
  const page = await deps.user.v2.listDmEventsWithParticipant(participantId, {
    max_results: DM_EVENTS_PAGE,
    event_types: ['MessageCreate'],
    'dm_event.fields': ['created_at', 'sender_id', 'text', 'dm_conversation_id'],
  });
  const events = [...page.events].filter(
    (e): e is typeof e & { text: string } =>
      e.event_type === 'MessageCreate' &&
      e.sender_id === brand.id &&
      typeof e.text === 'string' &&
      (!e.created_at || Date.parse(e.created_at) >= from),
  );
  const found = events.find((e) => e.text === input.text);
  if (!found) return null;
  const conversation = (found as { dm_conversation_id?: string }).dm_conversation_id;
  return { id: found.id, ...(conversation ? { url: `https://x.com/messages/${conversation}` } : {}) };
}
