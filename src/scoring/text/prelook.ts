/**
 * What the English reading looks up per word, found in advance with one lookup per word (the
 * caller merges these tables into one, see read.ts). Optional everywhere: without it each stage
 * looks up the word itself, as the fitting script does.
 */
import type { Bucket, SecondWordBucket } from './phrases.js';
import type { WordInfo } from './word-table.js';

/** Per word: its own lexicon entry, the phrases it starts, and the model's rows for it. */
export interface WordLook {
  /** Valence and modifier flags (word-table.ts). */
  info: WordInfo | undefined;
  /** Built-in phrases starting with this word (rules.ts BUILTIN_MATCHER). */
  builtin: Bucket | undefined;
  /** Built-in phrases whose second word is this one (their first word being a common one). */
  builtinNext: SecondWordBucket | undefined;
  /** The learned model's rows (learned.ts). */
  rows: ModelRows | undefined;
}

/** The learned model's rows for a word: as a word, as a negated word, and the bigrams it starts. */
export interface ModelRows {
  word: number;
  negated: number;
  next: Map<string, number> | null;
}
