/**
 * Features for the learned part (src/scoring/model.generated.ts), shared by the runtime and the
 * fitting script (scripts/fit-lexicon.ts) so both see exactly the same inputs:
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

const LEARNED_THEME_SET: ReadonlySet<string> = new Set(LEARNED_THEMES);

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
  ...LEARNED_THEMES.map((t) => `theme:${t}`),
];

/** Fills `out` (length DENSE_FEATURES.length) with the dense features, each roughly in 0..1. */
export function denseFeatures(
  tok: Tokens,
  rules: RuleSignals,
  byTheme: ReadonlyMap<string, number>,
  out: Float64Array,
): void {
  out[0] = rules.compound;
  out[1] = Math.log1p(rules.positive) / 2;
  out[2] = Math.log1p(rules.negative) / 2;
  out[3] = complaintEvidence(byTheme, LEARNED_THEME_SET);
  out[4] = rules.sarcasm ? 1 : 0;
  out[5] = Math.min(tok.exclamations, 4) / 4;
  out[6] = tok.questions > 0 ? 1 : 0;
  out[7] = tok.letterWords > 0 ? tok.capsWords / tok.letterWords : 0;
  out[8] = Math.min(tok.letterWords / 25, 1);
  for (let t = 0; t < LEARNED_THEMES.length; t++) out[9 + t] = byTheme.get(LEARNED_THEMES[t]!) ?? 0;
}

/** Calls `fn` with each sparse feature key of the text (repeats included). */
export function forEachSparse(tok: Tokens, rules: RuleSignals, fn: (key: string) => void): void {
  const words = tok.words;
  let prev: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (isBreak(w)) {
      prev = undefined;
      continue;
    }
    fn(rules.negatedAt[i] ? `!${w}` : w);
    if (prev !== undefined) fn(`${prev} ${w}`);
    prev = w;
  }
}
