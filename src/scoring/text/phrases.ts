/**
 * Compiles theme phrases once into an index by first token, then finds them in a token list.
 * Matching is on tokens, not regexes over the raw text, so one tokenisation serves hundreds of
 * phrases and the per-text cost is a Map lookup per token.
 */
import { NUMBER_WORDS } from '../lexicon/modifiers.js';
import type { PhraseEntry } from '../lexicon/phrase-types.js';
import { isBreak } from './tokenize.js';

export interface Compiled {
  parts: string[];
  entry: PhraseEntry;
}

/** Patterns sharing a first word, split again by their second word so few are tried per token. */
export interface Bucket {
  /** One-word patterns and patterns whose second part is a wildcard ("*", ".."). */
  rest: Compiled[];
  bySecond: Map<string, Compiled[]>;
}

export interface PhraseMatcher {
  index: Map<string, Bucket>;
  /**
   * Patterns whose first word is so common it would be tried at most words ("no longer", "be
   * hacked"), indexed by their second word instead (the word after the one being matched).
   */
  bySecondWord?: Map<string, Compiled[]>;
}

export interface PhraseHit {
  entry: PhraseEntry;
  start: number;
  /** Exclusive. */
  end: number;
}

const MAX_GAP = 4;

/** Normalises a pattern word the way the tokeniser normalises text words. */
function patternParts(pattern: string): string[] {
  return pattern
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

/** The words a pattern part stands for: itself, or every count for "#". */
function expand(part: string): string[] {
  return part === '#' ? ['#', ...NUMBER_WORDS] : [part];
}

export function compilePhrases(entries: readonly PhraseEntry[], options: { commonFirst?: ReadonlySet<string> } = {}): PhraseMatcher {
  const index = new Map<string, Bucket>();
  let bySecondWord: Map<string, Compiled[]> | undefined;
  for (const entry of entries) {
    const parts = patternParts(entry.pattern);
    const first = parts[0];
    if (first === undefined || first === '*' || first === '..') continue; // not anchorable
    const c: Compiled = { parts, entry };
    const second = parts[1];
    const common = options.commonFirst && (first === '#' || options.commonFirst.has(first));
    if (common && second !== undefined && second !== '*' && second !== '..' && second !== '#') {
      bySecondWord ??= new Map();
      const list = bySecondWord.get(second);
      if (list) list.push(c);
      else bySecondWord.set(second, [c]);
      continue;
    }
    for (const w of expand(first)) {
      let bucket = index.get(w);
      if (!bucket) index.set(w, (bucket = { rest: [], bySecond: new Map() }));
      if (second === undefined || second === '*' || second === '..') {
        bucket.rest.push(c);
        continue;
      }
      for (const w2 of expand(second)) {
        const list = bucket.bySecond.get(w2);
        if (list) list.push(c);
        else bucket.bySecond.set(w2, [c]);
      }
    }
  }
  return bySecondWord ? { index, bySecondWord } : { index };
}

/** Tries `candidates` (patterns known to start at words[i], e.g. looked up in advance) at i. */
export function matchCandidates(candidates: readonly Compiled[], words: readonly string[], i: number, out: PhraseHit[], from: number): void {
  tryAll(candidates, words, i, out, from);
}

/**
 * The patterns indexed by their second word that start at words[i]: looked up by words[i + 1],
 * so hits still come out by start position (and merge with matchAt's for the same position).
 */
export function matchSecondAt(matcher: PhraseMatcher, words: readonly string[], i: number, out: PhraseHit[], from: number): void {
  const next = words[i + 1];
  if (next === undefined) return;
  const candidates = matcher.bySecondWord?.get(next);
  if (candidates) tryAll(candidates, words, i, out, from);
}

/** Returns the index just past the match, or -1. */
function matchFrom(words: readonly string[], wi: number, parts: readonly string[], pi: number): number {
  while (pi < parts.length) {
    const p = parts[pi]!;
    if (p === '..') {
      for (let gap = 0; gap <= MAX_GAP; gap++) {
        if (gap > 0) {
          const skipped = words[wi + gap - 1];
          if (skipped === undefined || isBreak(skipped)) return -1;
        }
        const end = matchFrom(words, wi + gap, parts, pi + 1);
        if (end >= 0) return end;
      }
      return -1;
    }
    const w = words[wi];
    if (w === undefined || isBreak(w)) return -1;
    if (p === '#') {
      if (w !== '#' && !NUMBER_WORDS.has(w)) return -1;
    } else if (p !== '*' && p !== w) {
      return -1;
    }
    wi++;
    pi++;
  }
  return wi;
}

function tryAll(
  candidates: readonly Compiled[],
  words: readonly string[],
  i: number,
  out: PhraseHit[],
  from: number,
): void {
  for (const c of candidates) {
    const end = matchFrom(words, i, c.parts, 0);
    if (end < 0) continue;
    let k = from;
    while (k < out.length && out[k]!.entry.theme !== c.entry.theme) k++;
    if (k === out.length) out.push({ entry: c.entry, start: i, end });
    else if (end > out[k]!.end) out[k] = { entry: c.entry, start: i, end };
  }
}

/**
 * Appends to `out` the phrases of `matcher` that start at word `i`: for each theme, the longest
 * match. Hits already in `out` from index `from` on count as this position's (so a second
 * matcher, e.g. customer phrases, merges into the same per-theme choice).
 */
export function matchAt(
  matcher: PhraseMatcher,
  words: readonly string[],
  i: number,
  out: PhraseHit[],
  from: number,
): void {
  const w = words[i];
  if (w === undefined) return;
  const bucket = matcher.index.get(w);
  if (bucket) matchBucket(bucket, words, i, out, from);
  if (matcher.bySecondWord) matchSecondAt(matcher, words, i, out, from);
}

/** As matchAt, with the bucket of words[i] already looked up (callers that cache it per word). */
export function matchBucket(bucket: Bucket, words: readonly string[], i: number, out: PhraseHit[], from: number): void {
  const next = words[i + 1];
  const pairs = next === undefined ? undefined : bucket.bySecond.get(next);
  if (pairs) tryAll(pairs, words, i, out, from);
  if (bucket.rest.length > 0) tryAll(bucket.rest, words, i, out, from);
}
