import { UnicodeString } from '@atproto/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFacets } from '../../adapters/bluesky/facets.js';
import { graphemeLength, postProblem, utf8Length } from '../../adapters/bluesky/text.js';
import { postRecordProblem } from './fake/rules.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Pieces of real-world posts: handles, links (long ones too), emoji sequences, right-to-left text, punctuation. */
const HANDLES = ['jane.bsky.social', 'omar.example.com', 'acme.bsky.social', 'nobody.bsky.social'];
const DIDS: Record<string, string> = {
  'jane.bsky.social': 'did:plc:jane0000000000000000000',
  'omar.example.com': 'did:plc:omar0000000000000000000',
  'acme.bsky.social': 'did:plc:acme0000000000000000000',
};
const piece = fc.oneof(
  fc.constantFrom(...HANDLES.map((h) => `@${h}`)),
  fc.constantFrom(
    'https://acme.example/track?id=5512',
    `https://example.org/${'p'.repeat(200)}`,
    'acme.example/help',
    '(https://x.example/a)',
    'https://ex.example/a.',
  ),
  fc.constantFrom(
    '👩‍👩‍👧‍👦',
    '🇬🇧',
    'é',
    'e\u0301',
    '\u200F',
    '\u202B',
    'שלום',
    'مرحبا',
    '日本語',
    '\r\n',
    '#refund',
    '#',
    '@',
    '...',
    ',',
    '(',
    ')',
  ),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const post = fc
  .array(fc.tuple(piece, fc.constantFrom(' ', '', '\n', ' — ')), { maxLength: 24 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

describe('grapheme counting (Bluesky counts as Intl.Segmenter does)', () => {
  it('agrees with Intl.Segmenter and with the atproto library on any text, fast path included', () => {
    fc.assert(
      fc.property(fc.oneof(post, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-composite' }), fc.string()), (text) => {
        const expected = [...segmenter.segment(text)].length;
        expect(graphemeLength(text)).toBe(expected);
        expect(graphemeLength(text)).toBe(new UnicodeString(text).graphemeLength);
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a post exactly when it has more than 300 graphemes or 3,000 bytes (or nothing to say)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          post,
          fc.string({ unit: 'grapheme', minLength: 280, maxLength: 320 }),
          fc.string({ unit: 'grapheme-composite', minLength: 290, maxLength: 310 }),
        ),
        (text) => {
          const graphemes = [...segmenter.segment(text)].length;
          const ok = text.trim().length > 0 && graphemes <= 300 && Buffer.byteLength(text) <= 3000;
          expect(postProblem(text) === null).toBe(ok);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the facet builder', () => {
  it('every facet covers exactly what it names, in UTF-8 bytes, in order and without overlaps; Bluesky accepts the record', async () => {
    await fc.assert(
      fc.asyncProperty(post, async (text) => {
        const facets = await buildFacets(text, async (h) => DIDS[h] ?? null);
        const bytes = Buffer.from(text, 'utf8');
        let end = 0;
        for (const f of facets) {
          expect(f.index.byteStart).toBeGreaterThanOrEqual(end);
          expect(f.index.byteEnd).toBeLessThanOrEqual(bytes.length);
          end = f.index.byteEnd;
          const covered = bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8');
          // A slice never cuts a character in half.
          expect(Buffer.from(covered, 'utf8').equals(bytes.subarray(f.index.byteStart, f.index.byteEnd))).toBe(true);
          for (const feature of f.features) {
            if (feature.$type === 'app.bsky.richtext.facet#mention') {
              const handle = covered.slice(1).toLowerCase();
              expect(covered.startsWith('@')).toBe(true);
              expect((feature as { did: string }).did).toBe(DIDS[handle]);
            } else if (feature.$type === 'app.bsky.richtext.facet#link') {
              const uri = (feature as { uri: string }).uri;
              expect(new URL(uri).protocol).toMatch(/^https?:$/);
              expect(uri.endsWith(covered.replace(/^https?:\/\//, ''))).toBe(true);
            }
          }
        }
        expect(
          postRecordProblem({ $type: 'app.bsky.feed.post', text, facets, createdAt: '2026-11-23T10:00:00.000Z' })?.message ?? null,
        ).toSatisfy((problem: string | null) => problem === null || /longer than/.test(problem));
      }),
      { numRuns: 500 },
    );
  });

  it('every known @handle standing on its own becomes a mention; an unknown one stays plain text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...HANDLES), fc.constantFrom('👋', 'שלום', 'hi', '🇬🇧')), { minLength: 1, maxLength: 10 }),
        async (pairs) => {
          const text = pairs.map(([h, w]) => `${w} @${h}`).join(' ');
          const facets = await buildFacets(text, async (h) => DIDS[h] ?? null);
          const mentioned = facets.flatMap((f) =>
            f.features.filter((x) => x.$type === 'app.bsky.richtext.facet#mention').map((x) => (x as { did: string }).did),
          );
          expect(mentioned).toEqual(pairs.filter(([h]) => DIDS[h]).map(([h]) => DIDS[h]));
        },
      ),
      { numRuns: 300 },
    );
  });
});
