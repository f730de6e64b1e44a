import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoringConfigSchema } from '../../src/scoring/config.js';
import { scoreMention } from '../../src/scoring/index.js';
import { mentionSchema } from '../../src/ingest/schema.js';

const config = scoringConfigSchema.parse({});
const score = (text: string, rating?: number, source = 'google_reviews') =>
  scoreMention({ text, source, author: {}, isVip: false, ...(rating === undefined ? {} : { rating }) }, config);

/** The review rating seam (src/scoring/rating.ts): stars move severity and sentiment, never down for a complaint. */
describe('star ratings in scoring', () => {
  it('1–2 stars is a complaint, whatever the words; 4–5 stars with neutral words is praise', () => {
    for (const text of ['Visited on Saturday.', 'Never again.', 'Ok', '(a rating with no written review)', 'Bestellung 4411']) {
      const one = score(text, 1);
      const two = score(text, 2);
      const five = score(text, 5);
      expect(one.reasons[0]).toBe('1-star review');
      expect(two.reasons).toContain('2-star review');
      expect(one.score).toBeGreaterThanOrEqual(two.score);
      expect(two.score).toBeGreaterThanOrEqual(five.score);
      expect(one.sentiment).toBeLessThanOrEqual(-0.9);
      expect(['P1', 'P2']).toContain(one.priority);
      expect(five.score).toBeLessThanOrEqual(score(text).score);
    }
    // Neutral words with many stars: praise, the lowest priority.
    for (const text of ['Visited on Saturday.', 'Ok', 'Bestellung 4411'])
      expect(score(text, 5)).toMatchObject({ priority: 'P4', reasons: ['positive feedback'] });
    // Words that complain keep their weight whatever the stars.
    expect(score('Never again.', 5).priority).toBe(score('Never again.').priority);
  });

  it('a rating never lowers what the words say, and no rating changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 5 }), (text, rating) => {
        const plain = score(text);
        const rated = score(text, rating);
        expect(rated.severity).toBeGreaterThanOrEqual(plain.severity);
        if (rating <= 3) expect(rated.sentiment).toBeLessThanOrEqual(plain.sentiment);
        expect(score(text, undefined)).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });

  it('the ingest format takes a rating of 1–5 whole stars and names a bad one', () => {
    const base = { id: 'r1', text: 'x', createdAt: '2026-11-23T10:00:00Z' };
    expect(mentionSchema.parse({ ...base, rating: 2 }).rating).toBe(2);
    expect(mentionSchema.parse(base).rating).toBeUndefined();
    for (const bad of [0, 6, 2.5, '2', null]) {
      const result = mentionSchema.safeParse({ ...base, rating: bad });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['rating']);
    }
  });
});
