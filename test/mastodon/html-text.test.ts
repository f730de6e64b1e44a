import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../adapters/mastodon/html-text.js';
import { renderContent } from './fake/content.js';

describe("Mastodon's HTML as the reader sees it", () => {
  it('keeps paragraphs and line breaks, joins links split into hidden parts, decodes entities', () => {
    const html =
      '<p><span class="h-card"><a href="https://social.example/@acme" class="u-url mention">@<span>acme</span></a></span> refund ' +
      '&amp; apology please</p><p>line one<br />line two &#x1F600; &lt;b&gt;</p><p><a ' +
      'href="https://example.org/a-very-long-path-that-mastodon-shortens"><span class="invisible">https://</span><span ' +
      'class="ellipsis">example.org/a-very-long-path-t</span><span class="invisible">hat-mastodon-shortens</span></a></p>';
    expect(htmlToText(html)).toBe(
      '@acme refund & apology please\n\nline one\nline two 😀 <b>\n\nhttps://example.org/a-very-long-path-that-mastodon-shortens',
    );
  });

  it('gives back any text Mastodon rendered, whatever it holds (emoji, RTL, markup-like text, long links)', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '@jane',
        'https://acme.example/t?id=1&x=2',
        `https://x.example/${'q'.repeat(120)}`,
        '<script>',
        '&amp;',
        '👩‍👩‍👧‍👦',
        'مرحبا',
        '\u200F',
        '"quoted"',
        "it's",
      ),
      fc.string({ unit: 'grapheme', maxLength: 8 }).filter((s) => !/[\n\r]/.test(s)),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 20 }).map((p) => p.join(' ').trim()),
        (text) => {
          fc.pre(text.length > 0);
          expect(htmlToText(renderContent(text, 'social.example'))).toBe(text);
        },
      ),
      { numRuns: 400 },
    );
  });
});
