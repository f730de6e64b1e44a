import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitMrkdwn, mrkdwnUrl, quote, slackLink, splitMrkdwn, truncate } from '../../adapters/slack/blocks/text.js';
import { hostileText, hostileUrl } from './arbitraries.js';

describe('Slack text helpers: cut, then measure what is sent', () => {
  it('makes a link only of an http(s) URL, escaped, with nothing that ends it early', () => {
    expect(mrkdwnUrl('javascript:alert(1)')).toBeNull();
    expect(mrkdwnUrl('data:text/html,x')).toBeNull();
    expect(mrkdwnUrl('https://bank.example@evil.example/')).toBeNull();
    expect(mrkdwnUrl('https://x.example/a?b=1&c=2|d')).toBe('https://x.example/a?b=1&amp;c=2%7Cd');
    expect(slackLink('javascript:alert(1)', 'Open on x')).toBe('Open on x: javascript:alert(1)');
    fc.assert(
      fc.property(hostileUrl, (url) => {
        const safe = mrkdwnUrl(url);
        if (safe !== null) expect(safe).toMatch(/^https?:\/\/[^\s<>|]+$/);
        expect(slackLink(url, 'Open on a|b')).not.toMatch(/<(?!https?:\/\/[^\s<>|]+\|Open on a\/b>)/);
      }),
    );
  });

  it('a quote never exceeds its budget, however many lines, escapes or emoji', () => {
    fc.assert(
      fc.property(hostileText(20_000), fc.integer({ min: 20, max: 3000 }), (text, budget) => {
        const q = quote(text, budget);
        expect(q.text.length).toBeLessThanOrEqual(budget);
        // Cutting never halves an emoji (text from /ingest is well-formed: lone halves are repaired there).
        if (text.isWellFormed()) expect(q.text.isWellFormed()).toBe(true);
        expect(q.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }),
    );
    // The old bug: 2,600 characters cut first, then "> " on every line, went over 3,000.
    const lines = Array.from({ length: 1300 }, () => 'a').join('\n');
    expect(quote(lines, 3000).text.length).toBeLessThanOrEqual(3000);
  });

  it('cuts and splits built mrkdwn without breaking an escape, a Slack token or an emoji', () => {
    const built = `${'&amp;'.repeat(10)} <!date^1700000000^{date_short_pretty} {time}|2023-11-14 22:13 UTC> 👩‍👩‍👧 &lt;done&gt;`;
    for (let max = 2; max < built.length; max += 1) {
      const cut = fitMrkdwn(built, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/&(?!amp;|lt;|gt;)|<[^>]*$/);
      expect(cut.isWellFormed()).toBe(true);
      for (const piece of splitMrkdwn(built, Math.max(max, 80))) expect(piece.length).toBeLessThanOrEqual(Math.max(max, 80));
    }
    expect(truncate('ab👍', 3)).toBe('ab…');
  });
});
