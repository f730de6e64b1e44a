import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/scoring/text/tokenize.js';

const words = (text: string): string[] => tokenize(text).words;

describe('tokenize', () => {
  it('drops @handles and URLs, lowercases, removes apostrophes', () => {
    expect(words("@AcmeBank I DON'T get it https://t.co/abc www.example.com")).toEqual(['i', 'dont', 'get', 'it']);
  });

  it('folds numbers (with separators, ordinals and glued units) into "#"', () => {
    expect(words('waited 2hrs, paid $1,200.50 at 8:30 for the 3rd time')).toEqual([
      'waited',
      '#',
      'hrs',
      '.',
      'paid',
      '#',
      'at',
      '#',
      'for',
      'the',
      '#',
      'time',
    ]);
  });

  it('emits clause breaks and counts ! and ?', () => {
    const t = tokenize('Why?!? Unbelievable!!! ok.');
    expect(t.words).toEqual(['why', '?', 'unbelievable', '!', 'ok', '.']);
    expect(t.exclamations).toBe(4);
    expect(t.questions).toBe(2);
    expect(t.longestPunctRun).toBe(3);
  });

  it('marks ALL CAPS words and counts them', () => {
    const t = tokenize('This is SO BAD I said');
    expect(t.caps).toEqual([false, false, true, true, false, false]);
    expect(t.capsWords).toBe(2);
    expect(t.letterWords).toBe(5); // "I" is too short to count
  });

  it('keeps emoji and normalises emoticons', () => {
    expect(words('great :-) bad :( ok :D love <3 meh 😡')).toEqual(['great', ':)', 'bad', ':(', 'ok', ':D', 'love', '<3', 'meh', '😡']);
  });

  it('collapses elongated words to a known spelling', () => {
    expect(words('sooooo baaaad goooood')).toEqual(['soo', 'bad', 'good']);
  });

  it('splits run-together hashtags into known words but leaves brand tags alone', () => {
    expect(words('#neveragain #worstserviceever #AcmeCorp')).toEqual(['never', 'again', 'worst', 'service', 'ever', 'acmecorp']);
  });

  it('decodes the HTML entities tweets arrive with', () => {
    expect(words('fees &amp; charges &lt;3')).toEqual(['fees', 'charges', '<3']);
  });
});
