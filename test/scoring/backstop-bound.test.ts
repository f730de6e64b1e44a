/**
 * The bound the first pass sums to rule the harm backstop out (read.ts) never rules out a text the
 * backstop would flag: per word its weight, per pair the smaller of what the first word can open
 * (pairMost) and the second close (secondMost). Checked on generated lemma lists drawn from the
 * committed model's own words, where pairs and strong words are common.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harmBackstop, loadBackstop } from '../../src/scoring/harm/backstop.js';

const backstop = harmBackstop();
const model = loadBackstop();
const vocabulary = [...new Set(Object.keys(model.weights).flatMap((k) => k.split(' ')))];

/** The bound as read.ts sums it, a word outside the model closing any pair at its first word's most. */
function bound(lemmas: readonly string[]): number {
  let most = 0;
  let opened = 0;
  for (const lemma of lemmas) {
    const row = backstop.row(lemma);
    if (opened > 0) most += Math.min(opened, backstop.secondMost(lemma));
    opened = 0;
    if (row) {
      most += row.weight;
      opened = backstop.pairMost(lemma);
    }
  }
  return most + opened;
}

describe('the backstop bound', () => {
  it('lets through every lemma list the backstop reaches its threshold on', () => {
    const lemma = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...vocabulary) },
      { weight: 1, arbitrary: fc.constantFrom('.', 'zzz', '#') },
    );
    let reached = 0;
    fc.assert(
      fc.property(fc.array(lemma, { minLength: 1, maxLength: 30 }), (lemmas) => {
        const rows = lemmas.map((l) => backstop.row(l));
        const p = backstop.probabilityOf(lemmas, rows);
        if (p >= backstop.threshold) {
          reached++;
          expect(backstop.mayReach(bound(lemmas))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(reached).toBeGreaterThan(0);
  });

  it('rules out a list with nothing in it', () => {
    expect(backstop.mayReach(bound(['.']))).toBe(false);
  });
});
