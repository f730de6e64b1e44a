import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { isKlaxonError } from '../../src/errors.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { allowEntryKind, compileAllowList, explainFindings, findPrivateData, luhnValid } from '../../src/replies/privacy.js';
import { makeConfig } from '../helpers/config.js';
import { makeCore, parsed } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

/** A Luhn-valid 16-digit card number built from 15 random digits. */
const card = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }).map((digits) => {
  for (let check = 0; check < 10; check++) {
    const candidate = `${digits.join('')}${check}`;
    if (luhnValid(candidate)) return candidate;
  }
  throw new Error('unreachable');
});
const grouped = (digits: string, sep: string) => digits.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
const words = fc
  .array(fc.constantFrom('Hello', 'sorry', 'your', 'refund', 'is', 'on', 'its', 'way', '—', 'مرحبا', '🙂', 'danke', '\u200f'), {
    maxLength: 12,
  })
  .map((w) => w.join(' '));

const BRAND = compileAllowList(['+44 800 123 4567', 'help@acme.example', 'https://acme.example/help', 'acme.example/orders']);

describe('the privacy guard', () => {
  it('finds every payment card however it is written, and never repeats it when refusing (fast-check)', () => {
    fc.assert(
      fc.property(words, card, fc.constantFrom('', ' ', '-'), words, (before, digits, sep, after) => {
        const text = `${before} ${grouped(digits, sep)} ${after}`;
        const findings = findPrivateData(text, [], BRAND);
        expect(findings.map((f) => f.kind)).toContain('payment_card');
        const refusal = explainFindings(findings);
        expect(refusal).not.toContain(digits);
        expect(refusal).not.toContain(grouped(digits, sep));
        expect(refusal.replace(/\D/g, '')).not.toContain(digits.slice(0, 12));
        expect(refusal).toContain(`ending ${digits.slice(-4)}`);
      }),
      { numRuns: 200 },
    );
  });

  it("lets the brand's own numbers, addresses and links through (replies.allow), in any usual spelling", () => {
    for (const ok of [
      'Call us on +44 800 123 4567',
      'Call us on 0800 123 4567',
      'Call us on 0800-123-4567 any time',
      'Call us on 00448001234567',
      'Write to HELP@acme.example and we will sort it',
      'See https://acme.example/help/articles/123456789012 for the steps',
      'Track it at acme.example/orders/4929123456789015',
    ]) {
      expect(findPrivateData(ok, [], BRAND), ok).toEqual([]);
      expect(findPrivateData(ok).length, `${ok} without the allow list`).toBeGreaterThan(0);
    }
    // Someone else's number, address or a look-alike domain is still refused.
    for (const bad of [
      'Call me on 0800 765 4321',
      'jane@acme.example',
      'https://evilacme.example/help/123456789012',
      'https://acme.example.evil.test/help/123456789012',
      'our number is +44 800 123 4567 and yours is 07700 900123',
    ]) {
      expect(findPrivateData(bad, [], BRAND).length, bad).toBeGreaterThan(0);
    }
  });

  it('config replies.allow takes phone numbers, addresses and links, and names anything else', () => {
    expect(['+1 (555) 010-9999', 'care@brand.example', 'https://brand.example/help', 'brand.example/faq'].map(allowEntryKind)).toEqual([
      'phone',
      'email',
      'link',
      'link',
    ]);
    expect(() => makeConfig({}, { replies: { allow: ['+44 800 123 4567', 'not an entry!'] } })).toThrow(
      /replies\.allow\.1 must be a phone number, an e-mail address or a link/,
    );
  });

  it('runs before every other reply check: private data is refused even where replies are not configured', async () => {
    const core = makeCore({ agents: ['slack:UALICE'] });
    await ingestMentions(core.ingest, [parsed(mention({ id: 'g1', source: 'review' }))]);
    const attempt = async (actorId: string) => {
      try {
        await replyCase({
          ctx: core.cases,
          input: {
            caseId: 1,
            actor: { id: actorId, name: 'x', platform: 'slack' },
            text: 'Your card 4111 1111 1111 1111 was refunded',
            mode: 'public',
          },
        });
        return null;
      } catch (error) {
        return error;
      }
    };
    expect(isKlaxonError(await attempt('slack:UALICE'), 'privacy_blocked')).toBe(true);
    // Not configured would have come first before; so would "not allowed to act".
    expect(isKlaxonError(await attempt('slack:UEVE'), 'privacy_blocked')).toBe(true);
  });
});
