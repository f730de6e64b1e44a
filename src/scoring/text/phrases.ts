/**
 * Compiles theme phrases once into an index by first token, then finds them in a token list.
 * Matching is on tokens, not regexes over the raw text, so one tokenisation serves hundreds of
 * phrases and the per-text cost is a Map lookup per token.
 */
import { NUMBER_WORDS } from '../lexicon/modifiers.js';
import type { PhraseEntry } from '../lexicon/phrase-types.js';
import { isBreak } from './tokenize.js';

interface Compiled {
  parts: string[];
  entry: PhraseEntry;
}

export interface PhraseMatcher {
  /** Candidates by first token, longest pattern first. */
  index: Map<string, Compiled[]>;
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

export function compilePhrases(entries: readonly PhraseEntry[]): PhraseMatcher {
  const index = new Map<string, Compiled[]>();
  const add = (key: string, c: Compiled): void => {
    const list = index.get(key);
    if (list) list.push(c);
    else index.set(key, [c]);
  };
  for (const entry of entries) {
    const parts = patternParts(entry.pattern);
    const first = parts[0];
    if (first === undefined || first === '*' || first === '..') continue; // not anchorable
    const c: Compiled = { parts, entry };
    if (first === '#') {
      add('#', c);
      for (const w of NUMBER_WORDS) add(w, c);
    } else {
      add(first, c);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.parts.length - a.parts.length);
  return { index };
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

/**
 * Appends to `out` every phrase of `matcher` that starts at word `i` (at most one per theme, the
 * longest). Returns how many were appended.
 */
export function matchAt(matcher: PhraseMatcher, words: readonly string[], i: number, out: PhraseHit[]): number {
  const w = words[i];
  if (w === undefined) return 0;
  const candidates = matcher.index.get(w);
  if (!candidates) return 0;
  const before = out.length;
  for (const c of candidates) {
    const end = matchFrom(words, i, c.parts, 0);
    if (end < 0) continue;
    let seen = false;
    for (let k = before; k < out.length; k++) if (out[k]!.entry.theme === c.entry.theme) seen = true;
    if (!seen) out.push({ entry: c.entry, start: i, end });
  }
  return out.length - before;
}
