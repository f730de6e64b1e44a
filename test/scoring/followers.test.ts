import { describe, expect, it } from 'vitest';
import { formatFollowers } from '../../src/scoring/index.js';

describe('formatFollowers', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [999, '999'],
    [1000, '1k'],
    [1200, '1.2k'],
    [9940, '9.9k'],
    [9960, '10k'],
    [48_000, '48k'],
    [48_499, '48k'],
    [999_499, '999k'],
    [999_500, '1M'],
    [1_200_000, '1.2M'],
    [15_400_000, '15M'],
    [2_500_000_000, '2.5B'],
  ])('%d → %s', (n, text) => {
    expect(formatFollowers(n)).toBe(text);
  });

  it('treats negative and non-finite counts as 0', () => {
    expect(formatFollowers(-5)).toBe('0');
    expect(formatFollowers(Number.NaN)).toBe('0');
  });
});
