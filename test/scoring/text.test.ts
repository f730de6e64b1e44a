import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/scoring/index.js';

const sentiment = (t: string): number => analyzeText(t).sentiment;
const compound = (t: string): number => analyzeText(t).signals.compound;
const themes = (t: string): string[] => analyzeText(t).themes;

describe('analyzeText: ranges and shape', () => {
  it('returns severity in 0..1, sentiment in -1..1, themes and signals', () => {
    for (const t of ['', 'ok', 'WORST. SERVICE. EVER!!!', 'thank you so much, amazing people ❤️']) {
      const a = analyzeText(t);
      expect(a.severity).toBeGreaterThanOrEqual(0);
      expect(a.severity).toBeLessThanOrEqual(1);
      expect(a.sentiment).toBeGreaterThanOrEqual(-1);
      expect(a.sentiment).toBeLessThanOrEqual(1);
      expect(Array.isArray(a.themes)).toBe(true);
    }
  });

  it('reads an empty or contentless text as neutral and not serious', () => {
    expect(Math.abs(sentiment(''))).toBeLessThan(0.1);
    expect(analyzeText('').severity).toBeLessThan(0.2);
  });
});

describe('analyzeText: negation (VADER-style window)', () => {
  it('"not happy" is negative, "happy" positive', () => {
    expect(sentiment('not happy')).toBeLessThan(-0.2);
    expect(sentiment('happy')).toBeGreaterThan(0.2);
  });

  it('"not bad" is not negative, unlike "bad"', () => {
    expect(sentiment('not bad')).toBeGreaterThanOrEqual(0);
    expect(sentiment('bad')).toBeLessThan(-0.2);
    expect(compound('not bad')).toBeGreaterThan(0);
  });

  it('negation reaches up to three words and stops at the clause end', () => {
    expect(compound("didn't seem very helpful")).toBeLessThan(0);
    expect(compound('no. helpful and kind')).toBeGreaterThan(0);
  });
});

describe('analyzeText: emphasis', () => {
  it('boosters and ALL CAPS make a word stronger', () => {
    expect(compound('the service was very bad')).toBeLessThan(compound('the service was bad'));
    expect(compound('the service was BAD')).toBeLessThan(compound('the service was bad'));
  });

  it('dampeners make it weaker', () => {
    expect(compound('the service was slightly bad')).toBeGreaterThan(compound('the service was bad'));
  });

  it('exclamation marks strengthen the overall tone', () => {
    expect(compound('this is terrible!!!')).toBeLessThan(compound('this is terrible'));
  });

  it('flags shouting and repeated punctuation', () => {
    expect(analyzeText('WHY IS THIS STILL BROKEN').signals.shouting).toBe(true);
    expect(analyzeText('why is this still broken???').signals.repeatedPunctuation).toBe(true);
    expect(analyzeText('why is this still broken?').signals.repeatedPunctuation).toBe(false);
  });

  it('the clause after "but" dominates', () => {
    expect(compound('the staff were nice but the wait was awful')).toBeLessThan(0);
    expect(compound('the wait was awful but the staff were lovely')).toBeGreaterThan(0);
  });

  it('reads emoji and emoticons', () => {
    expect(compound('my order 😡')).toBeLessThan(0);
    expect(compound('my order :)')).toBeGreaterThan(0);
  });

  it('marks questions', () => {
    expect(analyzeText('when do you open?').signals.isQuestion).toBe(true);
    expect(analyzeText('you open at nine').signals.isQuestion).toBe(false);
  });
});

describe('analyzeText: sarcasm', () => {
  it.each([
    'thanks for nothing',
    'I love being on hold for an hour',
    'thanks for the 3 hour delay',
    'great job losing my package',
    'great service... NOT',
    'wonderful customer service 🙄',
  ])('"%s" is negative and flagged sarcastic', (text) => {
    const a = analyzeText(text);
    expect(a.sentiment).toBeLessThan(-0.2);
    expect(a.signals.sarcasm).toBe(true);
  });

  it('sincere thanks stay positive and are not flagged', () => {
    for (const text of ['thanks for the quick reply!', 'great job, the engineer fixed it in an hour', 'thank you for the refund']) {
      const a = analyzeText(text);
      expect(a.sentiment).toBeGreaterThan(0.2);
      expect(a.signals.sarcasm).toBe(false);
    }
  });
});

describe('analyzeText: complaint themes beyond any one industry', () => {
  it.each([
    ['I am going to sue you', 'legal'],
    ['my lawyer will be in touch', 'legal'],
    ['I have filed a complaint with the CFPB', 'regulator'],
    ['I will dispute this with a chargeback', 'billing'],
    ['please cancel my subscription', 'churn'],
    ['switching to another bank tomorrow', 'churn'],
    ['never shopping here again', 'churn'],
    ['the heater started to smoke and caught fire', 'safety'],
    ['my son got food poisoning', 'safety'],
    ['there are unauthorized charges on my card, this is fraud', 'fraud'],
    ['you leaked my personal data', 'privacy'],
    ['I am talking to a journalist about this', 'press'],
    ['called three times and no one answers', 'channel_failure'],
    ['on hold for 2 hours', 'channel_failure'],
    ['emailed twice, still no response', 'channel_failure'],
    ['my parcel never arrived', 'lost_item'],
    ['the screen arrived cracked', 'damaged'],
    ['I was charged twice this month', 'billing'],
    ['I want my money back', 'refund'],
    ['the app keeps crashing', 'outage'],
    ['internet is down again', 'outage'],
    ['my delivery is delayed again', 'delay'],
    ['you cancelled my order without telling me', 'cancellation'],
    ['my account was frozen without explanation', 'account'],
    ['the agent was rude and hung up on me', 'service'],
  ])('"%s" → %s', (text, theme) => {
    expect(themes(text)).toContain(theme);
  });

  it('topic words alone are not complaint themes', () => {
    expect(themes('How do I update my billing address?')).toEqual([]);
    expect(themes('Your customer service team was amazing today')).toEqual([]);
  });

  it('a phrase inside a longer one of another theme does not count twice', () => {
    expect(themes('I am cancelling my subscription')).toEqual(['churn']);
  });

  it.each([
    ['bank', 'My bank blocked my card abroad and nobody answers the phone'],
    ['telecom', 'No signal for 4 days and you still charge me full price'],
    ['retail', 'Ordered a sofa 6 weeks ago, still not delivered and no refund'],
    ['software', 'Since your update the app crashes every time and support ignores my tickets'],
  ])('a %s complaint reads as negative and serious', (_, text) => {
    const complaint = analyzeText(text);
    const praise = analyzeText('Thanks, great service as always!');
    expect(complaint.sentiment).toBeLessThan(-0.3);
    expect(complaint.severity).toBeGreaterThan(0.4);
    expect(complaint.severity).toBeGreaterThan(praise.severity);
  });
});
