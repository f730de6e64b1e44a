/**
 * Features for the learned part (src/scoring/model.json), shared by the runtime and the fitting
 * script (scripts/fit-model.ts) so both see exactly the same inputs:
 *   dense  - the rule-based reading (VADER-style compound, valence totals, theme evidence, tone)
 *   sparse - word unigrams, negated unigrams ("!happy" inside a negation window) and bigrams
 */
import { LEARNED_THEMES } from '../lexicon/phrase-types.js';
import { complaintEvidence } from './evidence.js';
import type { RuleSignals } from './rules.js';
import { isBreak, type Tokens } from './tokenize.js';

/**
 * Probabilities an evidence-free text gets from the learned part. The fitted intercepts encode
 * the fitting data's base rates (most airline mentions were complaints); for a general scorer a
 * text with nothing in it should read as neutral and not serious, so text/learned.ts moves the
 * intercepts to these values. A constant shift per head: each head's ranking is unchanged.
 */
export const NEUTRAL_PRIOR = { negative: 0.2, positive: 0.2, serious: 0.1 } as const;

/**
 * Sentiment -1..1 from the two heads: P(positive)² − P(negative), shifted so a text with no
 * evidence (both heads at their neutral prior) reads 0, each side scaled to reach ±1. Squaring damps the weak
 * positivity that polite words lend a complaint ("thanks", "please help") and keeps clear praise;
 * on the training rows it ranked negatives better than the plain difference on both sources.
 */
export function sentimentOf(learned: { negative: number; positive: number }): number {
  const s = learned.positive * learned.positive - learned.negative + NEUTRAL_OFFSET;
  // Each side stretched back to its full range: -1 (certainly negative) .. 1 (certainly positive).
  return s >= 0 ? s / (1 + NEUTRAL_OFFSET) : s / (1 - NEUTRAL_OFFSET);
}

/** Keeps an evidence-free text at sentiment 0 under the squared formula. */
const NEUTRAL_OFFSET = NEUTRAL_PRIOR.negative - NEUTRAL_PRIOR.positive * NEUTRAL_PRIOR.positive;

const LEARNED_THEME_SET: ReadonlySet<string> = new Set(LEARNED_THEMES);

/** True for the themes the learned part takes as inputs. */
export const isLearnedTheme = (theme: string): boolean => LEARNED_THEME_SET.has(theme);

export const DENSE_FEATURES: readonly string[] = [
  'compound',
  'positive',
  'negative',
  'evidence',
  'sarcasm',
  'exclamation',
  'question',
  'caps',
  'length',
  'shouting',
  'repeated',
  'quotes',
  ...LEARNED_THEMES.map((t) => `theme:${t}`),
];

/** Index of the first theme feature in the dense vector. */
const DENSE_BASE = 12;

/** Fills `out` (length DENSE_FEATURES.length) with the dense features, each roughly in 0..1. */
export function denseFeatures(tok: Tokens, rules: RuleSignals, byTheme: ReadonlyMap<string, number>, out: Float64Array): void {
  out[0] = rules.compound;
  out[1] = Math.log1p(rules.positive) / 2;
  out[2] = Math.log1p(rules.negative) / 2;
  out[3] = complaintEvidence(byTheme, isLearnedTheme);
  out[4] = rules.sarcasm ? 1 : 0;
  out[5] = Math.min(tok.exclamations, 4) / 4;
  out[6] = tok.questions > 0 ? 1 : 0;
  out[7] = tok.letterWords > 0 ? tok.capsWords / tok.letterWords : 0;
  out[8] = Math.min(tok.letterWords / 25, 1);
  // Capitals and "!!!"/"???" are emphasis: a shouted complaint is an angrier one.
  out[9] = tok.capsWords >= 2 && tok.capsWords * 3 >= tok.letterWords ? 1 : 0;
  out[10] = tok.longestPunctRun >= 3 ? 1 : 0;
  out[11] = Math.min(tok.quotes, 4) / 4;
  for (let t = 0; t < LEARNED_THEMES.length; t++) out[DENSE_BASE + t] = byTheme.get(LEARNED_THEMES[t]!) ?? 0;
}

/** Receives the sparse features of a text; the fit builds string keys, the runtime looks up. */
export interface SparseVisitor {
  /** A word outside any negation window. Key: "word". */
  word(w: string): void;
  /** A word inside a negation window ("not happy" → happy). Key: "!word". */
  negated(w: string): void;
  /** Two adjacent words of one clause. Key: "first second". */
  bigram(first: string, second: string): void;
}

/** Visits each sparse feature of the text, repeats included. */
export function visitSparse(tok: Tokens, rules: RuleSignals, visitor: SparseVisitor): void {
  const words = tok.words;
  let prev: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (isBreak(w)) {
      prev = undefined;
      continue;
    }
    if (rules.negatedAt[i]) visitor.negated(w);
    else visitor.word(w);
    if (prev !== undefined) visitor.bigram(prev, w);
    prev = w;
  }
}

/** The string keys of the sparse features, as used in the model table. */
export function sparseKeys(tok: Tokens, rules: RuleSignals): string[] {
  const keys: string[] = [];
  visitSparse(tok, rules, {
    word: (w) => keys.push(w),
    negated: (w) => keys.push(`!${w}`),
    bigram: (a, b) => keys.push(`${a} ${b}`),
  });
  return keys;
}
