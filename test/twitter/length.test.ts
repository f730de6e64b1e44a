import { describe, expect, it } from 'vitest';
import { checkTweetLength } from '../../adapters/twitter/length.js';

describe("X's weighted length (twitter-text)", () => {
  it('accepts exactly 280 plain characters and counts the 281st as one over', () => {
    expect(checkTweetLength('a'.repeat(280))).toEqual({ weightedLength: 280, valid: true, over: 0 });
    expect(checkTweetLength('a'.repeat(281))).toEqual({ weightedLength: 281, valid: false, over: 1 });
  });

  it('counts a link as 23 and an emoji or a CJK character as 2, as X does', () => {
    expect(checkTweetLength('see https://example.com/a/very/long/path/that/goes/on/and/on').weightedLength).toBe(4 + 23);
    expect(checkTweetLength('😀').weightedLength).toBe(2);
    expect(checkTweetLength('日本').weightedLength).toBe(4);
    expect(checkTweetLength('日'.repeat(141))).toMatchObject({ valid: false, over: 2 });
  });
});
