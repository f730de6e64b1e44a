/**
 * The trie-based hashtag splitter gives what the reference splitter (a slice and a lookup per
 * candidate part, test/scoring/reference) gives: on generated tags made of dictionary words,
 * letters and other characters, and on every hashtag of the team sets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASHTAG_WORDS, splitHashtag } from '../../src/scoring/text/hashtags.js';
import { splitHashtagReference } from './reference/split-hashtag.js';
import { teamTexts } from './score-fingerprints.js';

const words = [...HASHTAG_WORDS];
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...words) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom('1', '2', 'é', 'ß', '_', 'Z', 'ſ', '{', '`') },
);
const tag = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

describe('splitHashtag', () => {
  it('agrees with the reference splitter on generated tags', () => {
    fc.assert(
      fc.property(tag, (t) => {
        expect(splitHashtag(t)).toEqual(splitHashtagReference(t));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with it on every hashtag of the team sets, and splits some of them', () => {
    const tags = teamTexts().flatMap((t) => [...t.matchAll(/#(\w+)/gu)].map((m) => m[1]!.toLowerCase()));
    tags.push('worstserviceever', 'neveragain', 'badcustomerservice', 'jetblue');
    let split = 0;
    for (const t of tags) {
      const parts = splitHashtag(t);
      expect(parts).toEqual(splitHashtagReference(t));
      if (parts) split++;
    }
    expect(split).toBeGreaterThan(0);
  });
});
