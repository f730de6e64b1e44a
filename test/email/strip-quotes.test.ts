import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripQuotedText } from '../../adapters/email/text/strip-quotes.js';

/** The customer's own words out of the formats real mail clients write. */
describe('quote and signature stripping', () => {
  const cases: [string, string, string][] = [
    [
      'Gmail, English, wrapped attribution',
      'The router is still dead.\n\nOn Mon, Nov 23, 2026 at 10:05 AM Acme Support <\nsupport@acme.example> wrote:\n> Have you ' +
        'tried turning it off and on?\n> Best, Acme',
      'The router is still dead.',
    ],
    [
      'Apple Mail with iPhone footer',
      'Thanks, that fixed it!\n\nSent from my iPhone\n\n> On 23 Nov 2026, at 10:05, ' +
        'Acme Support <support@acme.example> wrote:\n>\n> Please restart it.',
      'Thanks, that fixed it!',
    ],
    [
      'Outlook desktop block with separator',
      'Still waiting for the refund.\n\nRegards\nJane\n\n________________________________\nFrom: ' +
        'Acme Support <support@acme.example>\nSent: Monday, November 23, 2026 10:05 AM\nTo: Jane Doe <jane@example.com>\nSubject: ' +
        'RE: Refund\n\nHello Jane,',
      'Still waiting for the refund.\n\nRegards\nJane',
    ],
    [
      'Outlook "Original Message"',
      'No, it did not work.\n\n-----Original Message-----\nFrom: Acme\nSent: Monday\nTo: Jane\nSubject: Order',
      'No, it did not work.',
    ],
    [
      'Outlook, bold headers, German',
      'Die Rechnung ist falsch.\n\n*Von:* Acme Support <support@acme.example>\n*Gesendet:* Montag, 23. ' +
        'November 2026 10:05\n*An:* Jane\n*Betreff:* AW: Rechnung',
      'Die Rechnung ist falsch.',
    ],
    [
      'German attribution and footer',
      'Das Paket fehlt immer noch.\n\nVon meinem iPhone gesendet\n\nAm 23.11.2026 um 10:05 schrieb Acme Support ' +
        '<support@acme.example>:\n\nHallo Jane,',
      'Das Paket fehlt immer noch.',
    ],
    [
      'French attribution with narrow space',
      "Le colis n'est jamais arrivé.\n\nLe lun. 23 nov. 2026 à 10:05, Acme <support@acme.example> a\u202fécrit\u00a0:\n> Bonjour",
      "Le colis n'est jamais arrivé.",
    ],
    [
      'Spanish',
      'Sigue sin funcionar.\n\nEl lun, 23 nov 2026 a las 10:05, Acme (<support@acme.example>) escribió:\n> Hola',
      'Sigue sin funcionar.',
    ],
    [
      'Dutch',
      'Het werkt nog steeds niet.\n\nOp ma 23 nov. 2026 om 10:05 schreef Acme <support@acme.example>:\n> Hallo',
      'Het werkt nog steeds niet.',
    ],
    [
      'Italian',
      'Non funziona ancora.\n\nIl giorno lun 23 nov 2026 alle ore 10:05 Acme <support@acme.example> ha scritto:\n> Ciao',
      'Non funziona ancora.',
    ],
    ['Swedish', 'Det fungerar inte.\n\nDen mån 23 nov. 2026 kl 10:05 skrev Acme <support@acme.example>:\n> Hej', 'Det fungerar inte.'],
    [
      'Russian',
      'Всё ещё не работает.\n\n23 нояб. 2026 г., в 10:05, Acme <support@acme.example> написал(а):\n> Здравствуйте',
      'Всё ещё не работает.',
    ],
    [
      'Japanese',
      'まだ届いていません。\n\n2026年11月23日(月) 10:05 Acme <support@acme.example>:のメッセージ:\n> こんにちは',
      'まだ届いていません。',
    ],
    ['Chinese', '还是没有收到。\n\n在 2026年11月23日 10:05，Acme <support@acme.example> 写道：\n> 您好', '还是没有收到。'],
    [
      'Hebrew (RTL, bidi marks)',
      '\u200fההזמנה עדיין לא הגיעה.\n\n\u202bב-יום ב׳, 23 בנוב׳ 2026 ב-10:05 מאת Acme \u200e<support@acme.example>\u200f ' +
        'כתב:\u202c\n> שלום',
      '\u200fההזמנה עדיין לא הגיעה.',
    ],
    [
      'Arabic (RTL)',
      'لم يصل الطلب بعد.\n\nفي الاثنين، 23 نوفمبر 2026 في 10:05 ص كتب Acme <support@acme.example>:\n> مرحبا',
      'لم يصل الطلب بعد.',
    ],
    ['RFC 3676 signature', 'Please call me back.\n\n-- \nJane Doe\nHead of Procurement, Initech\n+44 20 7946 0000', 'Please call me back.'],
    [
      'Bottom-posting keeps the answer below the quote',
      'On Mon, Acme <support@acme.example> wrote:\n> Which order is it?\n\nOrder 4411, ' +
        'placed last week.\n\n> And the postcode?\n\nSW1A 1AA',
      'Order 4411, placed last week.\n\nSW1A 1AA',
    ],
    [
      'CRLF line endings',
      'It broke again.\r\n\r\nOn Mon, 23 Nov 2026, Acme <support@acme.example> wrote:\r\n> Fixed now.',
      'It broke again.',
    ],
    [
      'A forward keeps what was forwarded',
      'Please see below, nobody answered this.\n\n---------- Forwarded message ---------\nFrom: ' +
        'Jane Doe <jane@example.com>\nDate: Mon, 16 Nov 2026 at 09:00\nSubject: Broken router\nTo: ' +
        '<support@acme.example>\n\nMy router is broken.',
      'Please see below, nobody answered this.\n\n---------- Forwarded message ---------\nFrom: ' +
        'Jane Doe <jane@example.com>\nDate: Mon, 16 Nov 2026 at 09:00\nSubject: Broken router\nTo: ' +
        '<support@acme.example>\n\nMy router is broken.',
    ],
    ['Only quoted text: kept rather than an empty card', '> On Mon, Acme wrote:\n> Hello', '> On Mon, Acme wrote:\n> Hello'],
    [
      'An itinerary is not an Outlook header block',
      'My booking:\nFrom: London\nTo: Paris\nDate: 5 December\n\nThe train was cancelled.',
      'My booking:\nFrom: London\nTo: Paris\nDate: 5 December\n\nThe train was cancelled.',
    ],
    [
      '"Sent from my iPhone" inside a sentence stays',
      'I wrote this sent from my iPhone with a broken screen, sorry.\nThe screen is the problem.',
      'I wrote this sent from my iPhone with a broken screen, sorry.\nThe screen is the problem.',
    ],
    [
      'A long dash line in the text is not a signature',
      'Step 1\n--\nStep 2 and then a long explanation follows here\n' + 'line\n'.repeat(30),
      'Step 1\n--\nStep 2 and then a long explanation follows here\n' + 'line\n'.repeat(29) + 'line',
    ],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(stripQuotedText(input)).toBe(expected);
  });

  it('keeps a 6,000-character e-mail of forty paragraphs whole', () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) =>
        `Paragraph ${i + 1}: ${'the delivery was late again and nobody called me back about it, '.repeat(3)}`.slice(0, 149).trimEnd() + '.',
    );
    const body = paragraphs.join('\n\n');
    expect(body.length).toBeGreaterThan(6_000);
    const text =
      `${body}\n\nKind regards,\nJane\n\n-- \nJane Doe\n\nOn Mon, 23 Nov 2026 at 10:05, ` +
      `Acme <support@acme.example> wrote:\n> Earlier message`;
    expect(stripQuotedText(text)).toBe(`${body}\n\nKind regards,\nJane`);
  });

  // Words that cannot form an attribution, a header or a signature by accident.
  const word = fc.stringMatching(/^[a-zà-ÿ0-9]{1,12}$/);
  const line = fc.array(word, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));
  const body = fc.array(line, { minLength: 1, maxLength: 30 }).map((ls) => ls.join('\n'));
  // History written below a header without `>` marks cannot itself start with `>`: a `>` line
  // after an attribution is a quote the customer may answer below (bottom-posting), by design.
  const history = fc.array(
    fc.string({ maxLength: 60 }).filter((l) => !/^\s*>/.test(l)),
    { maxLength: 20 },
  );

  it('property: whatever history follows a reply header, the customer’s words come back unchanged', () => {
    const headers = [
      (q: string[]) => `On Mon, 23 Nov 2026 at 10:05, Acme <support@acme.example> wrote:\n${q.map((l) => `> ${l}`).join('\n')}`,
      (q: string[]) => `-----Original Message-----\nFrom: Acme\n${q.join('\n')}`,
      (q: string[]) =>
        `From: Acme <support@acme.example>\nSent: Monday, November 23, 2026 10:05\nTo: Jane\nSubject: RE: x\n\n${q.join('\n')}`,
      (q: string[]) => `Am 23.11.2026 um 10:05 schrieb Acme <support@acme.example>:\n${q.join('\n')}`,
      (_q: string[]) => `-- \nJane\nSent from my iPhone`,
    ];
    fc.assert(
      fc.property(body, history, fc.integer({ min: 0, max: headers.length - 1 }), (b, q, h) => {
        const make = headers[h] as (q: string[]) => string;
        expect(stripQuotedText(`${b}\n\n${make(q)}`)).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('property: never throws, never invents a line, never empties a message that has text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2_000, unit: 'grapheme' }), (text) => {
        const out = stripQuotedText(text);
        const inputLines = new Set(
          text
            .replace(/\r\n?/g, '\n')
            .split('\n')
            .map((l) => l.replace(/[ \t]+$/, '')),
        );
        for (const l of out.split('\n')) if (l !== '') expect(inputLines.has(l)).toBe(true);
        if (text.trim() !== '') expect(out.trim()).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('property: stripping twice gives what stripping once gave, for a body and its history', () => {
    fc.assert(
      fc.property(body, history, (b, q) => {
        const once = stripQuotedText(`${b}\n\nOn Mon, Acme <a@b.c> wrote:\n${q.map((l) => `> ${l}`).join('\n')}`);
        expect(stripQuotedText(once)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});
