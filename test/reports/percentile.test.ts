import { describe, expect, it } from 'vitest';
import { percentile, percentilesInPlace } from '../../src/reports/percentile.js';

describe('percentilesInPlace (selection) agrees with percentile on sorted values', () => {
  it('on random data of many sizes, with duplicates', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ps = [90, 50, 0, 100, 25, 99.9];
    for (const n of [1, 2, 3, 4, 5, 10, 101, 700, 5_000]) {
      for (const spread of [3, 1e9]) {
        const values = Float64Array.from({ length: n }, () => Math.floor(next() * spread));
        const sorted = values.slice().sort();
        const got = percentilesInPlace(values, ps);
        expect(got).toEqual(ps.map((p) => percentile(sorted, p)));
        // Selection only reorders: the multiset of values is unchanged.
        expect(values.slice().sort()).toEqual(sorted);
      }
    }
  });

  it('handles empty input and already-sorted or reversed input', () => {
    expect(percentilesInPlace(new Float64Array(0), [50, 90])).toEqual([null, null]);
    const asc = Float64Array.from({ length: 1000 }, (_, i) => i);
    expect(percentilesInPlace(asc, [50, 90])).toEqual([499.5, 899.1]);
    const desc = Float64Array.from({ length: 1000 }, (_, i) => 999 - i);
    expect(percentilesInPlace(desc, [90, 50])).toEqual([899.1, 499.5]);
  });

  it('refuses p outside 0..100', () => {
    expect(() => percentilesInPlace(Float64Array.of(1), [150])).toThrow(RangeError);
  });
});
