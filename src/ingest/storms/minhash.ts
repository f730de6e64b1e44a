/**
 * Near-duplicate detection for storms: MinHash signatures over the words of a mention, indexed
 * by LSH bands, verified by the exact Jaccard similarity of the word sets. Tweets are short, so
 * a shared-word measure is steadier than bit-level fingerprints: "the app is down, I can't log
 * in" and "app down all morning, can't log in!!" share most of their words.
 */
export interface Fingerprint {
  words: ReadonlySet<string>;
  signature: Uint32Array;
  normalized: string;
}

const HASHES = 16;
const ROWS_PER_BAND = 2;
const STOP = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'to',
  'of',
  'in',
  'on',
  'for',
  'is',
  'it',
  'my',
  'i',
  'me',
  'you',
  'your',
  'this',
  'that',
  'at',
  'with',
  'be',
  'are',
  'was',
  'so',
  'has',
  'have',
  'been',
  'am',
]);

// Fixed odd multipliers and offsets: one universal hash family, the same in every process.
const MULT = Uint32Array.from({ length: HASHES }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0);
const ADD = Uint32Array.from({ length: HASHES }, (_, i) => Math.imul(i + 7, 0x85ebca6b) >>> 0);

export function normalizeForStorm(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#][\w_]+/g, ' ')
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w));
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function fingerprint(text: string): Fingerprint {
  const words = new Set(normalizeForStorm(text));
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (const word of words) {
    const h = fnv(word);
    for (let i = 0; i < HASHES; i += 1) {
      const v = (Math.imul(h, MULT[i]!) + ADD[i]!) >>> 0;
      if (v < signature[i]!) signature[i] = v;
    }
  }
  return { words, signature, normalized: [...words].sort().join(' ') };
}

/**
 * Band keys: two mentions that share one are candidates (then checked with `jaccard`). Small
 * integers (30 bits, the band's position mixed in), so an index keys them without a string each;
 * a collision only adds a candidate that the check then refuses.
 */
export function bands(f: Fingerprint): number[] {
  const out: number[] = [];
  for (let b = 0; b < HASHES; b += ROWS_PER_BAND) {
    let h = Math.imul(b + 1, 0x9e3779b1) ^ f.signature[b]!;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ f.signature[b + 1]!;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    out.push((h ^ (h >>> 16)) & 0x3fffffff);
  }
  return out;
}

/**
 * Share of MinHash values two fingerprints agree on: an unbiased estimate of their Jaccard
 * similarity from 16 integer comparisons, to skip the exact count when it is far off.
 */
export function estimatedJaccard(a: Fingerprint, b: Fingerprint): number {
  let agree = 0;
  for (let i = 0; i < HASHES; i += 1) if (a.signature[i] === b.signature[i]) agree += 1;
  return agree / HASHES;
}

export function jaccard(a: Fingerprint, b: Fingerprint): number {
  if (a.words.size === 0 || b.words.size === 0) return 0;
  let shared = 0;
  for (const w of a.words) if (b.words.has(w)) shared += 1;
  return shared / (a.words.size + b.words.size - shared);
}

/** Links shared in the text, normalized (tracking parameters and trailing punctuation dropped). */
export function linksIn(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    try {
      const url = new URL(match[0].replace(/[).,!?;:]+$/, ''));
      for (const key of [...url.searchParams.keys()]) if (/^(utm_|fbclid|gclid|ref$|s$|t$)/.test(key)) url.searchParams.delete(key);
      url.hash = '';
      out.push(`${url.host.toLowerCase()}${url.pathname.replace(/\/$/, '')}${url.search}`);
    } catch {
      // not a URL after all
    }
  }
  return out;
}
