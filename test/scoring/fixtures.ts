import { DEFAULT_SCORING_CONFIG, scoreMention, type ScoreInput, type ScoreResult, type ScoringConfig } from '../../src/scoring/index.js';

/** A mention from an ordinary customer (a few hundred followers, not verified, not VIP) on X. */
export function mention(text: string, overrides: Partial<ScoreInput> = {}): ScoreInput {
  return { text, source: 'twitter', author: { handle: 'someone', followers: 300 }, isVip: false, ...overrides };
}

export function score(text: string, overrides: Partial<ScoreInput> = {}, config: ScoringConfig = DEFAULT_SCORING_CONFIG): ScoreResult {
  return scoreMention(mention(text, overrides), config);
}
