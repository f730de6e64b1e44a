import type { TweetV2, TwitterApi, TwitterRateLimit, UserV2 } from 'twitter-api-v2';
import type { Metrics } from '../../src/telemetry.js';
import { readFields } from './fields.js';
import { maxId } from './state.js';

/** X serves only the 800 most recent posts of a mentions timeline, however it is paged. */
export const MENTIONS_WINDOW = 800;
/** The most a timeline page may hold (and the fewest requests per post read). */
export const MAX_PAGE_SIZE = 100;

export type TimelineKind = 'mentions' | 'own';

export interface TimelineRequest {
  app: TwitterApi;
  metrics: Metrics;
  kind: TimelineKind;
  userId: string;
  /** Only posts newer than this; null on the very first read. */
  sinceId: string | null;
  pageSize: number;
  /** Pages to read at most (the first read of an account reads fewer: no history import). */
  maxPages: number;
}

export interface TimelineRead {
  tweets: TweetV2[];
  users: UserV2[];
  /** Posts the read's posts quote or answer (`includes.tweets`). */
  included: TweetV2[];
  /** The newest post id seen: the next `since_id`. */
  newestId: string | null;
  /** More posts arrived since `sinceId` than X can list: some may never be seen. */
  possibleGap: boolean;
  rateLimit: TwitterRateLimit | undefined;
}

const OPS: Record<TimelineKind, string> = { mentions: 'mentions_read', own: 'own_posts_read' };

/**
 * Reads a timeline (the brand's mentions, or its own posts) newer than `sinceId`, following
 * pagination tokens. X lists newest first, so nothing is handed on until every page is read:
 * advancing the cursor after the first page would skip the older pages.
 */
export async function readTimeline(req: TimelineRequest): Promise<TimelineRead> {
  const params = { ...readFields, max_results: req.pageSize, ...(req.sinceId ? { since_id: req.sinceId } : {}) };
  const count = () => req.metrics.sourceCalls.inc({ source: 'twitter', op: OPS[req.kind] });
  count();
  const page =
    req.kind === 'mentions'
      ? await req.app.v2.userMentionTimeline(req.userId, params)
      : await req.app.v2.userTimeline(req.userId, { ...params, exclude: ['retweets'] });
  let pages = 1;
  while (!page.done && pages < req.maxPages) {
    count();
    await page.fetchNext();
    pages += 1;
  }
  const tweets = [...page.tweets];
  // X bills the account's own posts for less than other posts: counted apart for the cost estimate.
  if (tweets.length > 0)
    req.metrics.sourceCalls.inc({ source: 'twitter', op: req.kind === 'own' ? 'own_posts_read_items' : 'posts_read' }, tweets.length);
  const possibleGap = req.sinceId !== null && (!page.done || (req.kind === 'mentions' && tweets.length >= MENTIONS_WINDOW));
  return {
    tweets,
    users: page.includes.users,
    included: page.includes.tweets,
    newestId: maxId(tweets.map((t) => t.id)) ?? page.meta.newest_id ?? null,
    possibleGap,
    rateLimit: page.rateLimit,
  };
}
