/**
 * The hashtag splitter as it was before the trie (text/hashtags.ts): a slice and a Set lookup per
 * candidate part. Kept as the reference the faster splitter must agree with.
 */
import { HASHTAG_WORDS } from '../../../src/scoring/text/hashtags.js';

const MAX_PART = 14;
const MIN_TAG = 6;

export function splitHashtagReference(tag: string): string[] | undefined {
  const n = tag.length;
  if (n < MIN_TAG || n > 60 || HASHTAG_WORDS.has(tag)) return undefined;
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - MAX_PART); j < i; j++) {
      if (best[j]! + 1 < best[i]! && HASHTAG_WORDS.has(tag.slice(j, i))) {
        best[i] = best[j]! + 1;
        from[i] = j;
      }
    }
  }
  if (!Number.isFinite(best[n]!) || best[n]! < 2) return undefined;
  const parts: string[] = [];
  for (let i = n; i > 0; i = from[i]!) parts.push(tag.slice(from[i]!, i));
  return parts.reverse();
}
