import type { TweetV2 } from 'twitter-api-v2';
import type { MentionInput } from '../../src/ingest/schema.js';
import type { PublicReply } from '../../src/ports.js';
import type { BrandAccount } from './map-tweet.js';

/**
 * X's reply rule (docs.x.com, February 2026): `POST /2/tweets` accepts a reply only when the
 * original post's author @mentioned or quoted the replying account (Enterprise excepted). A post
 * found by a keyword or competitor rule can be answered only another way: a DM where the user
 * allows it, or a new post mentioning them. Klaxon decides this when the post comes in, from
 * X's own data, so the card never offers a Reply X will refuse.
 */

const at = (handle: string | null | undefined): string => (handle ? `@${handle}` : "the brand's account");

export function notMentioned(handle: string | null | undefined): string {
  return (
    `X takes a public reply only to a post that mentions or quotes ${at(handle)}, ` +
    `and this one does neither (it was found by a keyword or competitor rule)`
  );
}

const lower = (s: string | null | undefined): string => (s ?? '').toLowerCase();

/** The decision for one post, from its `entities.mentions` and `referenced_tweets` (with the quoted posts of `includes.tweets`). */
export function replyPolicyOfTweet(tweet: TweetV2, brand: BrandAccount, quoted: ReadonlyMap<string, TweetV2>): PublicReply | null {
  if (!brand.id && !brand.handle) return null;
  // A long post's full entities are in note_tweet; `entities` covers only its first 280 characters.
  const noteEntities = (tweet.note_tweet as { entities?: { mentions?: { username: string; id?: string }[] } } | undefined)?.entities;
  const mentions = [...(tweet.entities?.mentions ?? []), ...(noteEntities?.mentions ?? [])];
  const mentioned = mentions.some(
    (m) => (brand.id && (m as { id?: string }).id === brand.id) || (brand.handle && lower(m.username) === lower(brand.handle)),
  );
  if (mentioned) return { possible: true, why: `the post mentions ${at(brand.handle)}` };
  const quotes = (tweet.referenced_tweets ?? []).filter((r) => r.type === 'quoted');
  if (quotes.some((r) => brand.id && quoted.get(r.id)?.author_id === brand.id))
    return { possible: true, why: `the post quotes ${at(brand.handle)}` };
  return { possible: false, why: notMentioned(brand.handle) };
}

const HANDLE_CHAR = /[A-Za-z0-9_]/;

/**
 * For an X post that arrived through `/ingest` (no entities to read): it mentions the brand when
 * its text names one of the brand's handles as an @mention (not inside a longer handle or an
 * e-mail address). Quotes cannot be seen in text alone, so this errs towards "no reply".
 */
export function textReplyPolicy(handles: readonly string[]): (mention: MentionInput) => PublicReply | null {
  const wanted = [...new Set(handles.map((h) => h.replace(/^@/, '').toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return () => null;
  return (mention) => {
    const text = mention.text;
    const lowered = text.toLowerCase();
    for (const handle of wanted) {
      for (let i = lowered.indexOf(`@${handle}`); i !== -1; i = lowered.indexOf(`@${handle}`, i + 1)) {
        const before = i > 0 ? text[i - 1]! : ' ';
        const after = text[i + handle.length + 1] ?? ' ';
        if (!HANDLE_CHAR.test(before) && !HANDLE_CHAR.test(after)) return { possible: true, why: `the post mentions @${handle}` };
      }
    }
    return { possible: false, why: notMentioned(wanted[0]) };
  };
}
