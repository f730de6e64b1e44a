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
  /**
   * With `thirdWordIndex`: patterns "a * c" by their third word, so "my" does not try every
   * "my * detail", "my * number" … at each "my". (Only where the order of same-theme ties does not
   * matter: the choice among equally long hits of one theme then follows the lists' order.)
   */
  byThird?: Map<string, Compiled[]>;
}

/**
 * Patterns with a common first word that share a second word, by their first word: after the
 * second word's lookup, one more lookup of the current word leaves only the patterns that can
 * start there (a second word like "not" is shared by hundreds of "did not …", "have not …").
 */
export type SecondWordBucket = ReadonlyMap<string, readonly Compiled[]>;

export interface PhraseMatcher {
  index: Map<string, Bucket>;
  /**
   * Patterns whose first word is so common it would be tried at most words ("no longer", "be
   * hacked"), indexed by their second word instead (the word after the one being matched).
   */
  bySecondWord?: Map<string, SecondWordBucket>;
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
  return pattern.toLowerCase().replace(/['’]/g, '').split(/\s+/).filter(Boolean);
}

/** The words a pattern part stands for: itself, or every count for "#". */
function expand(part: string): string[] {
  return part === '#' ? ['#', ...NUMBER_WORDS] : [part];
}

export function compilePhrases(
  entries: readonly PhraseEntry[],
  options: { commonFirst?: ReadonlySet<string>; thirdWordIndex?: boolean } = {},
): PhraseMatcher {
  const index = new Map<string, Bucket>();
  let bySecondWord: Map<string, Map<string, Compiled[]>> | undefined;
  for (const entry of entries) {
    const parts = patternParts(entry.pattern);
    const first = parts[0];
    if (first === undefined || first === '*' || first === '..') continue; // not anchorable
    const c: Compiled = { parts, entry };
    const second = parts[1];
    const common = options.commonFirst && (first === '#' || options.commonFirst.has(first));
    if (common && second !== undefined && second !== '*' && second !== '..' && second !== '#') {
      bySecondWord ??= new Map();
      let byFirst = bySecondWord.get(second);
      if (!byFirst) bySecondWord.set(second, (byFirst = new Map()));
      for (const w of expand(first)) {
        const list = byFirst.get(w);
        if (list) list.push(c);
        else byFirst.set(w, [c]);
      }
      continue;
    }
    for (const w of expand(first)) {
      let bucket = index.get(w);
      if (!bucket) index.set(w, (bucket = { rest: [], bySecond: new Map() }));
      const third = parts[2];
      if (options.thirdWordIndex && second === '*' && third !== undefined && third !== '*' && third !== '..') {
        bucket.byThird ??= new Map();
        for (const w3 of expand(third)) {
          const list = bucket.byThird.get(w3);
          if (list) list.push(c);
          else bucket.byThird.set(w3, [c]);
        }
        continue;
      }
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

/** Tries at i the patterns of `candidates` (those whose second word is words[i + 1], looked up in advance) that words[i] starts. */
export function matchCandidates(candidates: SecondWordBucket, words: readonly string[], i: number, out: PhraseHit[], from: number): void {
  const list = candidates.get(words[i]!);
  if (list) tryAll(list, words, i, out, from);
}

/**
 * The patterns indexed by their second word that start at words[i]: looked up by words[i + 1],
 * so hits still come out by start position (and merge with matchAt's for the same position).
 */
export function matchSecondAt(matcher: PhraseMatcher, words: readonly string[], i: number, out: PhraseHit[], from: number): void {
  const next = words[i + 1];
  if (next === undefined) return;
  const candidates = matcher.bySecondWord?.get(next);
  if (candidates) matchCandidates(candidates, words, i, out, from);
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

function tryAll(candidates: readonly Compiled[], words: readonly string[], i: number, out: PhraseHit[], from: number): void {
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
export function matchAt(matcher: PhraseMatcher, words: readonly string[], i: number, out: PhraseHit[], from: number): void {
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
  if (bucket.byThird) {
    const third = words[i + 2];
    const skipped = third === undefined ? undefined : bucket.byThird.get(third);
    if (skipped) tryAll(skipped, words, i, out, from);
  }
}
