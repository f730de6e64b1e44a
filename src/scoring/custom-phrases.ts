/**
 * Customer-defined severity phrases from the config, compiled once per config (cached on the
 * phrase array) so scoring many mentions with one config compiles nothing per call.
 */
import type { ScoringConfig } from './config.js';
import { compilePhrases, type PhraseMatcher } from './text/phrases.js';
import { isBreak, tokenize } from './text/tokenize.js';

type SeverityPhrases = ScoringConfig['severityPhrases'];

const cache = new WeakMap<SeverityPhrases, PhraseMatcher | null>();

/**
 * Plain phrases, so they are tokenised like the texts they must match ("Data-breach" → "data
 * breach", "can't" → "cant"); a number in a phrase matches any number. A customer phrase counts
 * as a complaint signal: its valence is negative in proportion to its weight.
 */
export function customMatcher(phrases: SeverityPhrases): PhraseMatcher | undefined {
  if (phrases.length === 0) return undefined;
  let matcher = cache.get(phrases);
  if (matcher === undefined) {
    const entries = [];
    for (const p of phrases) {
      const words = tokenize(p.pattern).words.filter((w) => !isBreak(w));
      if (words.length === 0) continue;
      entries.push({ pattern: words.join(' '), theme: p.theme, weight: p.weight, valence: -2 * p.weight });
    }
    matcher = entries.length > 0 ? compilePhrases(entries) : null;
    cache.set(phrases, matcher);
  }
  return matcher ?? undefined;
}
