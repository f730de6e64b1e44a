import { describe, expect, it } from 'vitest';
import { buildStreamRules, MAX_RULE_LENGTH } from '../../adapters/twitter/rules.js';

describe('filtered-stream rules from the config', () => {
  it("covers the brand's handles, its own posts, the keywords and the competitors, each tagged", () => {
    const rules = buildStreamRules({
      account: '@AcmeCare',
      brandHandles: ['acmecare', 'acme'],
      keywords: ['acme refund', '#acmefail', 'say "hi"'],
      competitors: ['globex', 'acme'],
    });
    expect(rules).toEqual([
      { value: '@acmecare OR @acme', tag: 'klaxon:brand' },
      { value: 'from:acmecare', tag: 'klaxon:own' },
      { value: '"acme refund" OR #acmefail OR "say hi"', tag: 'klaxon:keywords' },
      { value: '@globex', tag: 'klaxon:competitors' },
    ]);
  });

  it("splits a long list into rules that each fit X's length limit", () => {
    const competitors = Array.from({ length: 80 }, (_, i) => `competitor_${i}`);
    const rules = buildStreamRules({ account: null, brandHandles: [], keywords: [], competitors });
    expect(rules.length).toBeGreaterThan(1);
    expect(rules.every((r) => r.value.length <= MAX_RULE_LENGTH)).toBe(true);
    expect(rules.map((r) => r.tag)).toEqual(rules.map((_, i) => (i === 0 ? 'klaxon:competitors' : `klaxon:competitors:${i + 1}`)));
    expect(rules.flatMap((r) => r.value.split(' OR '))).toEqual(competitors.map((c) => `@${c}`));
  });

  it('has no rules when nothing is configured', () => {
    expect(buildStreamRules({ account: null, brandHandles: [], keywords: [], competitors: [] })).toEqual([]);
  });
});
