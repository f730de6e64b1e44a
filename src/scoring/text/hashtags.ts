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
const MAX_PART = 14;
const MIN_TAG = 6;

/** The words of a hashtag (lowercase, without "#"), or undefined when it does not split cleanly. */
export function splitHashtag(tag: string): string[] | undefined {
  const n = tag.length;
  if (n < MIN_TAG || n > 60 || DICT.has(tag)) return undefined;
  // best[i]: fewest parts covering tag[0, i); from[i]: where the last part starts.
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - MAX_PART); j < i; j++) {
      if (best[j]! + 1 < best[i]! && DICT.has(tag.slice(j, i))) {
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
