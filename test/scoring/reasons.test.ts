import { describe, expect, it } from 'vitest';
import { score } from './fixtures.js';

describe('reasons', () => {
  it('names the drivers of a VIP legal threat, the harm category first (issue #21)', () => {
    const r = score('I am taking legal action over this', { isVip: true, author: { followers: 48_000 } });
    expect(r.reasons[0]).toBe('legal action');
    expect(r.reasons).toEqual(expect.arrayContaining(['VIP', '48k followers', 'legal action']));
  });

  // Harm categories are named in the words of issue #21 ("possible fraud", "safety risk"), with
  // what triggered them in brackets when there is a cue.
  it.each([
    ['Called three times, no one answers', 'says other channels failed'],
    ['The heater caught fire in my kitchen', 'safety risk (fire)'],
    ['I have spoken to a journalist about this', 'press or media'],
    ['I want to cancel my subscription', 'wants to cancel'],
    ['Someone stole money from my account, this is fraud', 'possible fraud'],
    ['You leaked my personal data', 'privacy breach'],
    ['Your staff were racist to my family', 'discrimination or harassment'],
  ])('"%s" → %s', (text, reason) => {
    expect(score(text).reasons.some((r) => r === reason || r.startsWith(`${reason} (`))).toBe(true);
  });

  it('describes repeats, storms, reach, verification and tone in plain words', () => {
    const r = score('This is the worst service ever, my order never arrived', {
      unansweredBefore: 2,
      volume: 37,
      author: { followers: 1_200_000, verified: true },
    });
    expect(r.reasons.length).toBeLessThanOrEqual(5);
    expect(r.reasons).toEqual(expect.arrayContaining(['1.2M followers', '3rd message unanswered', 'storm: 37 mentions']));
    const all = score('This is the worst service ever, my order never arrived', { unansweredBefore: 1 }).reasons;
    expect(all).toContain('2nd message unanswered');
    expect(all).toContain('very negative');
    expect(score('the worst', { author: { followers: 300, verified: true } }).reasons).toContain('verified');
  });

  it('names the complaint and its themes', () => {
    expect(score('My parcel never arrived and I want a refund').reasons[0]).toMatch(/^serious complaint \(.*lost item.*\)$/);
  });

  it('marks sarcasm and shouting', () => {
    expect(score('Love being on hold for two hours').reasons).toContain('very negative (sarcastic)');
    expect(score('WHY IS MY ACCOUNT STILL LOCKED').reasons).toContain('shouting (ALL CAPS)');
  });

  it('gives a low, neutral score at least one reason', () => {
    expect(score('thanks, great service!').reasons).toEqual(['positive feedback']);
    expect(score('What time do you open tomorrow?').reasons).toEqual(['neutral question']);
    expect(score('ok').reasons).toEqual(['low reach']);
    expect(score('ok', { author: { followers: 5_000_000 } }).reasons.length).toBeGreaterThan(0);
  });

  it('never gives more than five reasons, and never duplicates one', () => {
    const r = score('LAWYER! fraud! fire! journalist! cancel my account! on hold for hours!!!', {
      isVip: true,
      unansweredBefore: 3,
      volume: 200,
      author: { followers: 2_000_000, verified: true },
    });
    expect(r.reasons).toHaveLength(5);
    expect(new Set(r.reasons).size).toBe(5);
  });
});
