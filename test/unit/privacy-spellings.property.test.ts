import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAllowList, explainFindings, findPrivateData, luhnValid } from '../../src/replies/privacy.js';

/**
 * The privacy guard against the spellings people (and their keyboards) really use: digits from
 * a full-width or Arabic keyboard, groups split by dots, no-break or thin spaces, IBANs in
 * printed groups. Whatever the spelling, a valid card or IBAN is caught; the brand's own
 * helpline, however it is written, is not.
 */

/** Every separator a card or IBAN is written with: plain, no-break, thin and figure spaces, dots, dashes. */
const SEPARATORS = [' ', '-', '.', '\u00a0', '\u2009', '\u202f', '\u2007', '\u2013', ' - ', '. ', '\u200b'];
const separator = fc.constantFrom(...SEPARATORS);

/** How each digit is typed: ASCII, full-width (CJK keyboards), Arabic-Indic or Devanagari. */
const DIGIT_FORMS = { ascii: 0x30, fullWidth: 0xff10, arabicIndic: 0x0660, devanagari: 0x0966 } as const;
const digitForm = fc.constantFrom(...Object.values(DIGIT_FORMS));
const spell = (digits: string, zero: number) => digits.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

/** A Luhn-valid card number of 13 to 19 digits (an issuer's number starts with 1–9). */
const card = fc.integer({ min: 11, max: 17 }).chain((n) =>
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }))
    .map(([first, rest]) => {
      const body = [first, ...rest];
      for (let check = 0; check < 10; check++) {
        const candidate = `${body.join('')}${check}`;
        if (luhnValid(candidate)) return candidate;
      }
      throw new Error('unreachable');
    }),
);

const grouped = (value: string, size: number, sep: string) => value.match(new RegExp(`.{1,${size}}`, 'g'))!.join(sep);

/** IBAN lengths of a few countries (SWIFT's IBAN registry). */
const IBAN_LENGTHS = { GB: 22, DE: 22, FR: 27, NL: 18, BE: 16, ES: 24, IT: 27, CH: 21, NO: 15, PL: 28, SA: 24, MT: 31 } as const;

function mod97(digits: string): number {
  let remainder = 0;
  for (const ch of digits) {
    const value = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

/** A valid IBAN: a country, a random account part of that country's length, the check digits computed. */
const iban = fc.constantFrom(...(Object.keys(IBAN_LENGTHS) as (keyof typeof IBAN_LENGTHS)[])).chain((country) =>
  fc
    .array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), {
      minLength: IBAN_LENGTHS[country] - 4,
      maxLength: IBAN_LENGTHS[country] - 4,
    })
    .map((chars) => {
      const bban = chars.join('');
      const check = String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
      return `${country}${check}${bban}`;
    }),
);

const words = fc
  .array(fc.constantFrom('Hello', 'sorry', 'your', 'refund', 'is', 'on', 'its', 'way', '—', 'مرحبا', '🙂', 'danke', 'お待たせしました'), {
    maxLength: 8,
  })
  .map((w) => w.join(' '));

describe('the privacy guard, however a number is spelt (fast-check)', () => {
  it('catches every valid card number, in any separator and any keyboard’s digits, and never repeats it', () => {
    fc.assert(
      fc.property(words, card, fc.integer({ min: 3, max: 5 }), separator, digitForm, words, (before, digits, size, sep, zero, after) => {
        const written = spell(grouped(digits, size, sep), zero);
        const findings = findPrivateData(`${before} ${written} ${after}`);
        expect(
          findings.map((f) => f.kind),
          written,
        ).toContain('payment_card');
        const refusal = explainFindings(findings);
        expect(refusal).not.toContain(written);
        expect(refusal.replace(/\D/g, '')).not.toContain(digits.slice(0, 9));
        expect(refusal).toContain(`ending ${digits.slice(-4)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('catches a card followed by more digits (its expiry or security code) in the same run', () => {
    fc.assert(
      // A zero-width space between two digits is no separator to a reader: it is left out here.
      fc.property(
        card,
        separator.filter((sep) => sep !== '\u200b'),
        fc.stringMatching(/^\d{3}$/),
        (digits, sep, cvc) => {
          expect(findPrivateData(`card ${grouped(digits, 4, sep)}${sep}${cvc} thanks`).map((f) => f.kind)).toContain('payment_card');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('catches every valid IBAN, in printed groups with any separator, upper or lower case', () => {
    fc.assert(
      fc.property(words, iban, separator, fc.boolean(), digitForm, (before, value, sep, lower, zero) => {
        const written = spell(grouped(lower ? value.toLowerCase() : value, 4, sep), zero);
        const findings = findPrivateData(`${before} ${written} thanks`);
        expect(
          findings.map((f) => f.kind),
          written,
        ).toContain('iban');
        expect(explainFindings(findings)).not.toContain(written);
      }),
      { numRuns: 300 },
    );
  });

  it('does not take an IBAN-like word with wrong check digits for an IBAN', () => {
    fc.assert(
      fc.property(iban, fc.integer({ min: 1, max: 9 }), (value, delta) => {
        // Check digits run 02–98, one per remainder mod 97 (01 and 98 would be the same): another one is wrong.
        const wrong = `${value.slice(0, 2)}${String(((Number(value.slice(2, 4)) - 2 + delta) % 97) + 2).padStart(2, '0')}${value.slice(4)}`;
        expect(findPrivateData(`Reference ${wrong} thanks`).map((f) => f.kind)).not.toContain('iban');
      }),
      { numRuns: 100 },
    );
  });

  it('lets the brand’s own helpline through, however it is written, and still catches a card beside it', () => {
    const helpline = fc.record({
      country: fc.stringMatching(/^[1-9]\d{0,2}$/),
      national: fc.stringMatching(/^[1-9]\d{8,9}$/),
    });
    fc.assert(
      fc.property(helpline, separator, digitForm, fc.boolean(), card, (line, sep, zero, international, digits) => {
        const allow = compileAllowList([`+${line.country} ${grouped(line.national, 3, ' ')}`]);
        const number = international ? `+${line.country}${sep}${grouped(line.national, 3, sep)}` : `0${grouped(line.national, 3, sep)}`;
        const text = `Call us on ${spell(number, zero)} any time`;
        expect(findPrivateData(text, [], allow), text).toEqual([]);
        expect(findPrivateData(`${text}, and your card ${grouped(digits, 4, ' ')}`, [], allow).map((f) => f.kind)).toContain(
          'payment_card',
        );
      }),
      { numRuns: 300 },
    );
  });

  it('still lets ordinary numbers through: prices, dates, order numbers that fail the checks', () => {
    for (const ok of [
      'Your refund of £1.234,56 is on its way',
      'See you on 12.05.2026 at 10.30',
      'Order 1234 5678 9012 3456 ships today',
      'Ticket AB12 3456 7890 is closed',
    ]) {
      expect(
        findPrivateData(ok).filter((f) => f.kind === 'payment_card' || f.kind === 'iban'),
        ok,
      ).toEqual([]);
    }
  });
});
