/**
 * The fields every read asks for, so a post arrives with what a case needs: its author (handle,
 * name, followers, verified) through `expansions=author_id`, the conversation and the post it
 * answers, quotes or retweets, the full text of long posts (`note_tweet`), and the accounts it
 * mentions (`entities`): X takes a reply only to a post that mentions or quotes the brand.
 */
export const TWEET_FIELDS = [
  'created_at',
  'author_id',
  'conversation_id',
  'in_reply_to_user_id',
  'referenced_tweets',
  'note_tweet',
  'entities',
] as const;
export const USER_FIELDS = ['username', 'name', 'public_metrics', 'verified', 'verified_type'] as const;
export const EXPANSIONS = ['author_id', 'referenced_tweets.id', 'referenced_tweets.id.author_id'] as const;

export const readFields = {
  expansions: [...EXPANSIONS],
  'tweet.fields': [...TWEET_FIELDS],
  'user.fields': [...USER_FIELDS],
};
