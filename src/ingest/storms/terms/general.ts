import general from './general-words.json' with { type: 'json' };

/**
 * How common a word is in English tweets at large (scripts/fit-storm-prior.ts, from TweetEval):
 * "because", "help" and "miss" are everyday anywhere, so sharing one is no evidence of one
 * incident — known before any traffic has been seen. 1 for a word in at most 0.1% of general
 * tweets (or not listed), 0 from 1% on, linear in inverse document frequency between.
 */
const WORDS: Readonly<Record<string, number>> = general.words;
const DOCUMENTS = general.documents;
const IDF_RARE = Math.log(1 / 0.001);
const IDF_COMMON = Math.log(1 / 0.01);

export function generalRarity(word: string): number {
  const df = WORDS[word];
  if (df === undefined) return 1;
  const idf = Math.log(DOCUMENTS / df);
  return Math.min(1, Math.max(0, (idf - IDF_COMMON) / (IDF_RARE - IDF_COMMON)));
}
