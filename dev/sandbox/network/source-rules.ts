// twitter-text is CommonJS: under real Node ESM only the default import works.
import twitterText from 'twitter-text';
import { budgetProblem, PLAIN_REPLY_BUDGETS } from '../../../src/replies/budget.js';

/**
 * The rules the sandbox's stand-in networks enforce on a reply they receive, as the real
 * networks do: X counts a post's weighted length with its own library (links 23, emoji 2) and
 * refuses more than 280; the others refuse past their documented limits. These are the networks'
 * rules, checked independently of Klaxon's own pre-send check, so a reply that slipped past that
 * check is still refused here, as it would be in the world.
 */
export function networkRefusal(source: string, mode: 'public' | 'private', text: string): string | null {
  if (mode !== 'public') return null;
  if (source === 'twitter' || source === 'x') {
    const weighted = twitterText.parseTweet(text).weightedLength;
    return weighted > 280 ? `X refuses posts over 280 weighted characters; this one has ${weighted}` : null;
  }
  const budget = Object.hasOwn(PLAIN_REPLY_BUDGETS, source) ? PLAIN_REPLY_BUDGETS[source]! : null;
  return budget ? budgetProblem(source, text, budget) : null;
}
