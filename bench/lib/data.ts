/**
 * Benchmark input: the real texts of ../shared/data/airline-tweets.csv (read in place, never
 * copied), cycled with fresh ids and authors so every mention is new to the database.
 */
import { fileURLToPath } from 'node:url';
import { loadAirlineTweets } from '../../scripts/eval/airline.js';

/** ../shared/data/airline-tweets.csv beside the project root, seen from this file in bench/lib. */
export const TWEETS_FILE = fileURLToPath(new URL('../../../shared/data/airline-tweets.csv', import.meta.url));

/** A mention in the ingest format (docs/CONTRACT.md §4), as a client would send it. */
export interface MentionJson {
  id: string;
  source: string;
  author: { id: string; handle: string; followers: number; verified: boolean };
  text: string;
  createdAt: string;
}

let texts: string[] | null = null;

/** The 14,640 tweet texts, in file order (read once; `file` matters on the first call only). */
export function tweetTexts(file = TWEETS_FILE): string[] {
  texts ??= loadAirlineTweets('all', file).map((t) => t.text);
  return texts;
}

/**
 * `count` mentions starting at sequence number `from`: text `i mod 14,640`, id and author unique to
 * `prefix` and `i`. Followers follow a long tail (most below 2,000, a few influencers), as on X.
 */
export function mentions(prefix: string, from: number, count: number, createdAt: Date): MentionJson[] {
  const all = tweetTexts();
  const at = createdAt.toISOString();
  const out: MentionJson[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const i = from + k;
    const h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
    const followers = h % 100 === 0 ? 50_000 + (h % 500_000) : h % 2_000;
    out[k] = {
      id: `${prefix}-${i}`,
      source: 'twitter',
      author: { id: `${prefix}-u${i}`, handle: `${prefix}_user${i}`, followers, verified: h % 250 === 0 },
      text: all[i % all.length] as string,
      createdAt: at,
    };
  }
  return out;
}

/** Supplies the texts instead of reading the CSV (the memory benchmark's child process). */
export function useTweetTexts(list: string[]): void {
  texts = list;
}

/** Splits `items` into batches of `size` (the last may be shorter). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
