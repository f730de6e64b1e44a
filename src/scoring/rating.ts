import type { TextAnalysis } from './text/analyze.js';

/**
 * A review's star rating as a scoring signal. Reviewers often write little ("Never again.") or
 * nothing at all, so the stars say what the words may not: 1–2 stars is a complaint whatever the
 * text, 3 stars is left to the text, 4–5 stars is praise unless the text itself complains.
 *
 * The rating only moves the text's severity and sentiment (never lowers a complaint the words
 * make), so every other signal — reach, VIP, harm themes, repeats — works on a review exactly as
 * on any mention.
 */
export interface RatedAnalysis {
  analysis: TextAnalysis;
  /** "1-star review", for the card's "Why" line; null when the stars add nothing. */
  reason: string | null;
}

/** What each complaint rating guarantees: at least this severity, at most this sentiment. */
const COMPLAINT_FLOORS: Record<number, { severity: number; sentiment: number }> = {
  // One star is the strongest public complaint a reviewer can make, even in a word.
  1: { severity: 0.9, sentiment: -0.9 },
  2: { severity: 0.6, sentiment: -0.5 },
};
/** Below this severity the words are not a complaint, so 4–5 stars may read as praise. */
const PRAISE_MAX_SEVERITY = 0.35;
const PRAISE_SENTIMENT = 0.3;

export function applyRating(analysis: TextAnalysis, rating: number | undefined): RatedAnalysis {
  if (rating === undefined || !Number.isInteger(rating) || rating < 1 || rating > 5) return { analysis, reason: null };
  const floor = COMPLAINT_FLOORS[rating];
  if (floor) {
    return {
      analysis: {
        ...analysis,
        severity: Math.max(analysis.severity, floor.severity),
        sentiment: Math.min(analysis.sentiment, floor.sentiment),
      },
      reason: `${rating}-star review`,
    };
  }
  if (rating >= 4 && analysis.severity < PRAISE_MAX_SEVERITY) {
    return { analysis: { ...analysis, sentiment: Math.max(analysis.sentiment, PRAISE_SENTIMENT) }, reason: null };
  }
  return { analysis, reason: null };
}
