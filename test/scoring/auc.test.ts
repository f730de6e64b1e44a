import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../scripts/eval/auc.js';
import { isTestId } from '../../scripts/eval/airline.js';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
  });

  it('counts ties as one half', () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [false, true, false, true])).toBe(0.5);
    // positives {0.5, 0.9}, negatives {0.1, 0.5}: pairs 0.5>0.1, 0.5=0.5, 0.9>0.1, 0.9>0.5 → 3.5/4
    expect(rocAuc([0.1, 0.5, 0.5, 0.9], [false, false, true, true])).toBe(0.875);
  });

  it('is NaN when one class is missing, and rejects mismatched lengths', () => {
    expect(rocAuc([1, 2], [true, true])).toBeNaN();
    expect(() => rocAuc([1, 2], [true])).toThrow();
  });
});

describe('test split rule', () => {
  it('uses exact divisibility of 18-digit ids by 5', () => {
    expect(isTestId('570306133677760515')).toBe(true);
    expect(isTestId('570306133677760510')).toBe(true);
    expect(isTestId('570306133677760513')).toBe(false);
    expect(isTestId('not-a-number')).toBe(false);
  });
});
