// twitter-text is CommonJS: under real Node ESM only the default import works.
import twitterText from 'twitter-text';

/** X's limit for a post, in weighted characters (URLs count 23, emoji and CJK count 2). */
export const TWEET_MAX_WEIGHTED_LENGTH = 280;

export interface TweetLength {
  /** The length X counts. */
  weightedLength: number;
  valid: boolean;
  /** Weighted characters over the limit; 0 when it fits. */
  over: number;
}

/**
 * X's own length rule for a post, so a reply is checked before it is sent (and the Slack reply
 * modal can show the same count). An empty text is not valid either.
 */
export function checkTweetLength(text: string): TweetLength {
  const parsed = twitterText.parseTweet(text);
  const over = Math.max(0, parsed.weightedLength - TWEET_MAX_WEIGHTED_LENGTH);
  return { weightedLength: parsed.weightedLength, valid: parsed.valid, over };
}

/** X's public-reply budget in the shape every source's budget has (see src/replies/budget.ts). */
export const X_REPLY_BUDGET = {
  limit: TWEET_MAX_WEIGHTED_LENGTH,
  unit: 'weighted characters (X counts a link as 23, an emoji as 2)',
  measure: (text: string): number => checkTweetLength(text).weightedLength,
} as const;
