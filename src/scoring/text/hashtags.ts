/**
 * Splits run-together hashtags into words the lexicons know: "#worstserviceever" → worst service
 * ever, "#neveragain" → never again, "#badcustomerservice" → bad customer service. Only a split
 * made entirely of known words is used, so brand tags ("#jetblue") are left alone.
 */
import { COMPLAINT_PHRASES } from '../lexicon/complaints.js';
import { BOOSTERS, DAMPENERS, NEGATORS } from '../lexicon/modifiers.js';
import { RISK_PHRASES } from '../lexicon/risks.js';
import { PRAISE_PHRASES, SARCASM_PHRASES } from '../lexicon/sarcasm.js';
import { VALENCE } from '../lexicon/valence.js';

/** Short function words that glue hashtag phrases together. */
const GLUE =
  'i a my me we our you your the this that of to for in on at is are was be it its and or so ever again with no not ' +
  'never all time day';

function dictionary(): Set<string> {
  const d = new Set<string>(GLUE.split(' '));
  const add = (w: string): void => {
    if (w.length >= 3 && /^[a-z]+$/.test(w)) d.add(w);
  };
  for (const w of VALENCE.keys()) add(w);
  for (const set of [NEGATORS, BOOSTERS, DAMPENERS]) for (const w of set) add(w);
  for (const p of [...COMPLAINT_PHRASES, ...RISK_PHRASES, ...SARCASM_PHRASES, ...PRAISE_PHRASES]) {
    for (const w of p.pattern.split(' ')) add(w);
  }
  return d;
}

const DICT = dictionary();

/** The words a hashtag may be split into (for the reference splitter in the tests). */
export const HASHTAG_WORDS: ReadonlySet<string> = DICT;

const MAX_PART = 14;
const MIN_TAG = 6;

/**
 * DICT as a trie over a–z (every word in it is a–z only), so the words starting at one place of a
 * tag are found in one walk instead of a slice and a Set lookup per candidate length. Node k's
 * child for letter c is TRIE[k * 26 + c - 97] (0: none); WORD_END[k] is 1 where a word ends.
 */
const { TRIE, WORD_END } = (() => {
  const children: number[] = new Array<number>(26).fill(0);
  const ends: number[] = [0];
  for (const w of DICT) {
    let node = 0;
    for (let k = 0; k < w.length; k++) {
      const at = node * 26 + w.charCodeAt(k) - 97;
      if (children[at] === 0) {
        children[at] = ends.length;
        ends.push(0);
        for (let c = 0; c < 26; c++) children.push(0);
      }
      node = children[at]!;
    }
    ends[node] = 1;
  }
  return { TRIE: Int32Array.from(children), WORD_END: Uint8Array.from(ends) };
})();

/** Bit L (1 ≤ L ≤ MAX_PART) set when tag[start, start + L) is a DICT word. */
function wordEnds(tag: string, start: number): number {
  let mask = 0;
  let node = 0;
  const stop = Math.min(tag.length, start + MAX_PART);
  for (let k = start; k < stop; k++) {
    const c = tag.charCodeAt(k) - 97;
    if (c < 0 || c >= 26) break;
    node = TRIE[node * 26 + c]!;
    if (node === 0) break;
    if (WORD_END[node] === 1) mask |= 1 << (k + 1 - start);
  }
  return mask;
}

/** The words of a hashtag (lowercase, without "#"), or undefined when it does not split cleanly. */
export function splitHashtag(tag: string): string[] | undefined {
  const n = tag.length;
  if (n < MIN_TAG || n > 60 || DICT.has(tag)) return undefined;
  // best[i]: fewest parts covering tag[0, i); from[i]: where the last part starts.
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(-1);
  const ends = new Array<number>(n);
  for (let j = 0; j < n; j++) ends[j] = wordEnds(tag, j);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - MAX_PART); j < i; j++) {
      if (best[j]! + 1 < best[i]! && ((ends[j]! >> (i - j)) & 1) === 1) {
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
