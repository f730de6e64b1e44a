import { describe, expect, it } from 'vitest';
import { PRIORITIES } from '../../src/domain/priority.js';
import { DEFAULT_SCORING_CONFIG, scoreMention } from '../../src/scoring/index.js';
import { mention, score } from './fixtures.js';

const complaint = 'My order is two weeks late and nobody has replied to my emails';

describe('priority sanity', () => {
  it('a VIP threatening legal action is P1', () => {
    expect(score('Fix this or I am taking legal action', { isVip: true }).priority).toBe('P1');
    expect(score('My lawyer will be in touch about these charges', { isVip: true }).priority).toBe('P1');
  });

  it('an influencer (>= 100k followers) with a negative complaint is P1 or P2', () => {
    for (const text of [
      complaint,
      'Terrible service today, really disappointed',
      'my internet has been down all day',
      'I was overcharged again',
    ]) {
      expect(['P1', 'P2']).toContain(score(text, { author: { followers: 120_000 } }).priority);
    }
  });

  it('an ordinary user saying "thanks, great service!" is P4', () => {
    expect(score('thanks, great service!').priority).toBe('P4');
    expect(score('Thank you so much, the team was amazing 😊').priority).toBe('P4');
  });

  it('an ordinary user with a plain complaint is P3', () => {
    for (const text of [
      'My package is late and tracking has not updated',
      'The app keeps crashing when I log in',
      'Really disappointed with the service today',
    ]) {
      expect(score(text).priority).toBe('P3');
    }
  });

  it('an ordinary user with a severe complaint is P2 for fraud and P1 for safety (harm floors, issue #21)', () => {
    expect(score('There are unauthorized charges on my account, this is fraud').priority).toBe('P2');
    expect(score('The charger caught fire and burned my hand').priority).toBe('P1');
  });

  it('a neutral question from an ordinary user is P4', () => {
    expect(score('What time does the store open on Sunday?').priority).toBe('P4');
    expect(score('How do I change my billing address?').priority).toBe('P4');
  });
});

describe('signals', () => {
  it('a repeat unanswered complaint scores higher than the first message, up to the cap', () => {
    const first = score(complaint).score;
    const second = score(complaint, { unansweredBefore: 1 }).score;
    const third = score(complaint, { unansweredBefore: 2 }).score;
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    expect(score(complaint, { unansweredBefore: 50 }).score).toBe(
      score(complaint, { unansweredBefore: DEFAULT_SCORING_CONFIG.weights.repeatMax }).score,
    );
  });

  it('a larger volume (storm) scores higher', () => {
    const alone = score(complaint, { volume: 1 }).score;
    const few = score(complaint, { volume: 5 }).score;
    const storm = score(complaint, { volume: 80 }).score;
    expect(few).toBeGreaterThan(alone);
    expect(storm).toBeGreaterThan(few);
  });

  it('reach grows on a log scale and matters more for complaints than for praise', () => {
    const at = (followers: number, text = complaint): number => score(text, { author: { followers } }).score;
    expect(at(50)).toBe(at(100)); // at or below minFollowers reach adds nothing
    expect(at(10_000)).toBeGreaterThan(at(1_000));
    expect(at(1_000_000)).toBeGreaterThan(at(10_000));
    const praise = 'thanks, great service!';
    expect(at(1_000_000) - at(100)).toBeGreaterThan(at(1_000_000, praise) - at(100, praise));
  });

  it('verified and VIP raise the score', () => {
    expect(score(complaint, { author: { followers: 300, verified: true } }).score).toBeGreaterThan(score(complaint).score);
    expect(score(complaint, { isVip: true }).score).toBeGreaterThan(score(complaint).score);
  });

  it('escalation themes raise the score above the same complaint without them', () => {
    const base = score('My refund still has not arrived').score;
    expect(score('My refund still has not arrived, I am contacting my lawyer').score).toBeGreaterThan(base);
    expect(score('My refund still has not arrived, I am cancelling my account').score).toBeGreaterThan(base);
    expect(score('My refund still has not arrived, a reporter friend is interested').score).toBeGreaterThan(base);
  });

  it('public sources get their configured bonus, unknown sources none', () => {
    expect(score(complaint, { source: 'twitter' }).score).toBeGreaterThan(score(complaint, { source: 'email' }).score);
    expect(score(complaint, { source: 'Twitter' }).score).toBe(score(complaint, { source: 'twitter' }).score);
    expect(score(complaint, { source: 'carrier-pigeon' }).score).toBe(score(complaint, { source: 'email' }).score);
  });

  it('negation changes the outcome: "not happy" scores above "not bad"', () => {
    expect(score('not happy with my new phone').score).toBeGreaterThan(score('not bad, my new phone').score);
  });

  it('always returns an integer score in 0..100 and a known priority', () => {
    const extreme = score('LAWYER!!! FRAUD!!! FIRE!!! never again, scam, sue you, journalist', {
      isVip: true,
      unansweredBefore: 9,
      volume: 10_000,
      author: { followers: 50_000_000, verified: true },
    });
    expect(extreme.score).toBe(100);
    for (const r of [extreme, score(''), score('I love you all ❤️❤️❤️')]) {
      expect(Number.isInteger(r.score)).toBe(true);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(PRIORITIES).toContain(r.priority);
    }
  });

  it('is pure: the same input gives the same result', () => {
    const input = mention(complaint, { unansweredBefore: 1, volume: 3 });
    expect(scoreMention(input, DEFAULT_SCORING_CONFIG)).toEqual(scoreMention(input, DEFAULT_SCORING_CONFIG));
  });
});
