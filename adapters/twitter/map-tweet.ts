import type { TweetV2, UserV2 } from 'twitter-api-v2';
import { mentionSchema, type MentionInput } from '../../src/ingest/schema.js';
import { replyPolicyOfTweet } from './reply-policy.js';

/** The brand's own X account: its posts are outbound (answers), never new cases. */
export interface BrandAccount {
  id: string | null;
  handle: string | null;
}

/**
 * A post as Klaxon treats it: a mention (opens or joins a case; quotes and replies included) or
 * a plain retweet (never a case: it adds reach and volume to the original's case).
 */
export type XPost =
  | { kind: 'mention'; id: string; mention: MentionInput }
  | { kind: 'retweet'; id: string; mention: MentionInput; originalId: string };

export type Skipped = { id: string; reason: string };

export function postUrl(handle: string | null | undefined, id: string): string {
  return handle ? `https://x.com/${handle}/status/${id}` : `https://x.com/i/web/status/${id}`;
}

function isBrand(brand: BrandAccount, authorId: string | undefined, handle: string | undefined): boolean {
  if (brand.id && authorId === brand.id) return true;
  return Boolean(brand.handle && handle && handle.toLowerCase() === brand.handle.toLowerCase());
}

/**
 * Maps one X post (with the users of its response's `includes`) to the ingest format. Returns
 * a skip reason instead when X sent something the ingest format cannot hold.
 */
export function mapTweet(
  tweet: TweetV2,
  users: ReadonlyMap<string, UserV2>,
  brand: BrandAccount,
  included: ReadonlyMap<string, TweetV2> = new Map(),
): XPost | Skipped {
  const user = tweet.author_id ? users.get(tweet.author_id) : undefined;
  const handle = user?.username;
  const refs = tweet.referenced_tweets ?? [];
  const retweeted = refs.find((r) => r.type === 'retweeted')?.id;
  const repliedTo = refs.find((r) => r.type === 'replied_to')?.id;
  const raw = {
    id: tweet.id,
    source: 'twitter',
    direction: !retweeted && isBrand(brand, tweet.author_id, handle) ? 'outbound' : 'inbound',
    author: {
      id: tweet.author_id,
      handle,
      name: user?.name,
      followers: user?.public_metrics?.followers_count,
      verified: user?.verified ?? false,
    },
    // Posts over 280 characters arrive truncated in `text`; the whole text is in `note_tweet`.
    text: tweet.note_tweet?.text ?? tweet.text,
    url: postUrl(handle, tweet.id),
    createdAt: tweet.created_at,
    inReplyTo: repliedTo,
    conversationId: tweet.conversation_id,
    private: false,
  };
  const parsed = mentionSchema.safeParse(raw);
  if (!parsed.success) {
    return { id: tweet.id, reason: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') };
  }
  const text = parsed.data.text.isWellFormed() ? parsed.data.text : parsed.data.text.toWellFormed();
  const publicReply = parsed.data.direction === 'inbound' && !retweeted ? replyPolicyOfTweet(tweet, brand, included) : null;
  const mention: MentionInput = { ...parsed.data, text, ...(publicReply ? { publicReply } : {}) };
  return retweeted ? { kind: 'retweet', id: tweet.id, mention, originalId: retweeted } : { kind: 'mention', id: tweet.id, mention };
}

export function usersById(users: readonly UserV2[] | undefined): Map<string, UserV2> {
  return new Map((users ?? []).map((u) => [u.id, u]));
}

/** The posts a response's `includes.tweets` carries (the quoted and replied-to ones), by id. */
export function tweetsById(tweets: readonly TweetV2[] | undefined): Map<string, TweetV2> {
  return new Map((tweets ?? []).map((t) => [t.id, t]));
}

export function isSkipped(value: XPost | Skipped): value is Skipped {
  return 'reason' in value;
}
