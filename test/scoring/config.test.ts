import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_CONFIG, scoringConfigSchema } from '../../src/scoring/index.js';
import { score } from './fixtures.js';

describe('scoringConfigSchema', () => {
  it('parses {} into the full defaults', () => {
    const config = scoringConfigSchema.parse({});
    expect(config).toEqual(DEFAULT_SCORING_CONFIG);
    expect(config.weights).toMatchObject({ severity: 35, sentiment: 20, reach: 40, verified: 5, vip: 30, repeat: 10, volume: 15 });
    expect(config.thresholds).toEqual({ p1: 75, p2: 50, p3: 25 });
    expect(config.reach).toEqual({ minFollowers: 100, fullFollowers: 1_000_000 });
    expect(config.sources['twitter']).toEqual({ multiplier: 1, bonus: 3 });
    expect(config.sources['email']).toEqual({ multiplier: 1, bonus: 0 });
    expect(config.themeBonus['legal']).toBe(18);
    expect(config.severityPhrases).toEqual([]);
  });

  it('fills the rest of a partly given section with defaults', () => {
    const config = scoringConfigSchema.parse({ weights: { vip: 50 }, thresholds: { p1: 90 } });
    expect(config.weights.vip).toBe(50);
    expect(config.weights.severity).toBe(35);
    expect(config.thresholds).toEqual({ p1: 90, p2: 50, p3: 25 });
  });

  it('merges sources and theme bonuses over the defaults', () => {
    const config = scoringConfigSchema.parse({ sources: { email: { multiplier: 0.8 } }, themeBonus: { legal: 40 } });
    expect(config.sources['email']).toEqual({ multiplier: 0.8, bonus: 0 });
    expect(config.sources['twitter']).toEqual({ multiplier: 1, bonus: 3 });
    expect(config.themeBonus['legal']).toBe(40);
    expect(config.themeBonus['safety']).toBe(18);
  });

  it('rejects thresholds out of order and out of range', () => {
    expect(() => scoringConfigSchema.parse({ thresholds: { p1: 40, p2: 50 } })).toThrow();
    expect(() => scoringConfigSchema.parse({ thresholds: { p3: -1 } })).toThrow();
    expect(() => scoringConfigSchema.parse({ weights: { vip: -5 } })).toThrow();
  });

  it('gives severity phrases a default weight and requires pattern and theme', () => {
    const config = scoringConfigSchema.parse({ severityPhrases: [{ pattern: 'data breach', theme: 'privacy' }] });
    expect(config.severityPhrases).toEqual([{ pattern: 'data breach', theme: 'privacy', weight: 0.6 }]);
    expect(() => scoringConfigSchema.parse({ severityPhrases: [{ pattern: ' ', theme: 'x' }] })).toThrow();
  });
});

describe('config overrides change the outcome', () => {
  const legalVip = 'I will take legal action if this is not fixed by Friday';

  it('raising the P1 threshold turns a P1 into a P2 (and lowering P3 turns a P4 into a P3)', () => {
    const influencer = { author: { followers: 150_000 } };
    const text = 'My order is late again and nobody has replied to my emails';
    const base = score(text, influencer);
    expect(base.priority).toBe('P1');
    expect(base.score).toBeLessThan(100);
    const strict = scoringConfigSchema.parse({ thresholds: { p1: base.score + 1 } });
    expect(score(text, influencer, strict).priority).toBe('P2');

    const calm = score('What time do you open on Saturday?');
    expect(calm.priority).toBe('P4');
    const eager = scoringConfigSchema.parse({ thresholds: { p3: calm.score } });
    expect(score('What time do you open on Saturday?', {}, eager).priority).toBe('P3');
  });

  it('the VIP weight is what makes a VIP legal threat P1 rather than lower', () => {
    expect(score(legalVip, { isVip: true }).priority).toBe('P1');
    expect(score(legalVip, { isVip: true }).score).toBeGreaterThan(score(legalVip).score);
  });

  it('weights move the score: a zero VIP weight removes the VIP effect and its reason', () => {
    const noVip = scoringConfigSchema.parse({ weights: { vip: 0 } });
    const text = 'where is my refund';
    expect(score(text, { isVip: true }, noVip).score).toBe(score(text).score);
    expect(score(text, { isVip: true }, noVip).reasons).not.toContain('VIP');
  });

  it('a source multiplier and bonus apply to that source only', () => {
    const config = scoringConfigSchema.parse({ sources: { email: { multiplier: 0.5, bonus: -10 } } });
    const text = 'My order arrived broken and support never replied';
    const email = score(text, { source: 'email' }, config);
    expect(email.score).toBeLessThan(score(text, { source: 'email' }).score);
    expect(email.reasons).toContain('via email');
    expect(score(text, { source: 'twitter' }, config).score).toBe(score(text, { source: 'twitter' }).score);
  });

  it('customer severity phrases add their theme, raise the score and explain it', () => {
    const config = scoringConfigSchema.parse({
      severityPhrases: [{ pattern: 'Recall notice', theme: 'product_recall', weight: 0.9 }],
    });
    const text = 'I just got a recall notice for the stroller I bought';
    const plain = score(text);
    const custom = score(text, {}, config);
    expect(custom.themes).toContain('product_recall');
    expect(plain.themes).not.toContain('product_recall');
    expect(custom.severity).toBeGreaterThan(plain.severity);
    expect(custom.score).toBeGreaterThan(plain.score);
    expect(custom.reasons).toContain('mentions product recall');
  });

  it('a customer phrase may reuse a built-in theme and earns its bonus', () => {
    const config = scoringConfigSchema.parse({ severityPhrases: [{ pattern: 'speak to my MP', theme: 'legal', weight: 0.9 }] });
    const result = score('I am going to speak to my MP about this', {}, config);
    expect(result.themes).toContain('legal');
    // The built-in theme is a harm category (issue #21): it leads the reasons with its floor.
    expect(result.reasons).toContain('legal action');
    expect(['P1', 'P2']).toContain(result.priority);
  });
});
