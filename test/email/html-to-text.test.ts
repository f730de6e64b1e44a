import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../adapters/email/text/html-to-text.js';

describe('HTML mail as text', () => {
  it('keeps what a reader sees: paragraphs, line breaks, lists, entities, link targets', () => {
    const html =
      `<!DOCTYPE html><html><head><title>Ignore me</title><style>p { color: red }</style></head>
      <body><div dir="ltr">Hi team,<br><br>My order <b>#4411</b> &amp; the refund&nbsp;are &lt;still&gt; missing &mdash; see
      <a href="https://shop.example/orders/4411?utm=mail&amp;x=1">my order</a> or <a href="https://shop.example">https://shop.example</a>.
      <ol><li>first</li><li>second</li></ol><ul><li>a</li><li>b</li></ul><p>Merci, ` +
      `l'&eacute;quipe.</p><p>Call <a href="tel:+442079460000">us</a>.</p></div></body></html>`;
    expect(htmlToText(html)).toBe(
      [
        'Hi team,',
        '',
        'My order #4411 & the refund are <still> missing — see my order (https://shop.example/orders/4411?utm=mail&x=1) or ' +
          'https://shop.example.',
        '1. first',
        '2. second',
        '• a',
        '• b',
        '',
        "Merci, l'équipe.",
        '',
        'Call us (tel:+442079460000).',
      ].join('\n'),
    );
  });

  it('drops script, style, hidden and template content, and never keeps a javascript: link', () => {
    const html =
      `<p>Visible</p><script>alert('x')</script><style>.a{}</style><template><p>t</p></template>
      <div style="display:none">hidden preheader</div><span hidden>also hidden</span><div style="mso-hide:all">outlook only</div>
      <noscript>no js</noscript><iframe src="https://evil.example">frame</iframe><svg><text>svg text</text></svg>
      <a href="javascript:alert(1)">click</a> <a href="data:text/html,x">data</a> <img src="https://t.example/p.gif" width="1"><img ` +
      `src="x.png" alt="Logo">`;
    expect(htmlToText(html)).toBe('Visible\n\nclick data [Logo]');
  });

  it('turns blockquotes into "> " lines (so quoted history is stripped like plain mail)', () => {
    const html =
      '<div>Still broken.</div><div class="gmail_quote"><div>On Mon, Acme &lt;a@b.c&gt; ' +
      'wrote:</div><blockquote>Try again.<blockquote>Older</blockquote></blockquote></div>';
    expect(htmlToText(html)).toBe('Still broken.\nOn Mon, Acme <a@b.c> wrote:\n> Try again.\n> > Older');
  });

  it('keeps preformatted text as it is and lays out tables as rows', () => {
    const html = '<pre>a  b\n  c</pre><table><tr><td>Order</td><td>4411</td></tr><tr><td>Total</td><td>£12</td></tr></table>';
    expect(htmlToText(html)).toBe('a  b\n  c\n\nOrder 4411\nTotal £12');
  });

  it('survives broken and hostile markup', () => {
    expect(htmlToText('<p>unclosed <b>bold <i>italic</p><div>next')).toBe('unclosed bold italic\n\nnext');
    expect(htmlToText('<<script>script>alert(1)<</script>/script>text')).not.toContain('alert');
    expect(htmlToText('<!-- <script>evil()</script> -->ok<!--[if mso]>outlook<![endif]-->')).toBe('ok');
    expect(htmlToText('&#x202E;gpj.exe &#0; &#xD800; &bogus; &amp')).toBe('\u202egpj.exe \ufffd \ufffd &bogus; &');
    expect(htmlToText('<a href="https://x.example/' + 'a'.repeat(200) + '">link</a>')).toBe(`link (https://x.example/${'a'.repeat(200)})`);
  });

  it('reads right-to-left mail as written', () => {
    expect(htmlToText('<div dir="rtl">مرحبا، <b>طلبي</b> لم يصل.</div><div dir="rtl">שלום</div>')).toBe('مرحبا، طلبي لم يصل.\nשלום');
  });

  const tag = fc.constantFrom('p', 'div', 'span', 'b', 'i', 'a', 'br', 'li', 'ul', 'blockquote', 'table', 'td', 'tr', 'pre', 'h1');
  const text = fc.string({ maxLength: 20, unit: 'grapheme' });
  const fragment: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc
        .tuple(tag, fc.array(tie('node'), { maxLength: 4 }))
        .map(([t, kids]) => `<${t}${t === 'a' ? ' href="https://e.example/x"' : ''}>${kids.join('')}</${t}>`),
      fc.constantFrom('<script>SECRET_SCRIPT()</script>', '<style>SECRET_STYLE{}</style>', '<div style="display:none">SECRET_HIDDEN</div>'),
    ),
  })).node;

  it('property: never throws, never shows script, style or hidden content, no runs of blank lines', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 6 }), (parts) => {
        const out = htmlToText(parts.join(''));
        expect(out).not.toMatch(/SECRET_(SCRIPT|STYLE|HIDDEN)/);
        expect(out).not.toMatch(/\n\n\n/);
        expect(out).toBe(out.trim() === '' ? '' : out.replace(/^\n+|\n+$/g, ''));
      }),
      { numRuns: 400 },
    );
  });

  it('property: plain text without markup comes back with its words in order', () => {
    const words = fc.array(fc.stringMatching(/^[A-Za-z0-9éü]{1,10}$/), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(words, (ws) => {
        expect(htmlToText(`<p>${ws.join(' ')}</p>`)).toBe(ws.join(' '));
      }),
    );
  });
});
