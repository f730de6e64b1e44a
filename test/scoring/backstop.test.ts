/**
 * The learned harm backstop (src/scoring/harm/backstop.ts): its file is validated like any
 * input, the runtime sums what the fit counted, and a hit gives a P2 floor with the reason
 * "possible serious harm" only where no category was named, in English, and never for praise.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText, DEFAULT_SCORING_CONFIG, scoreMention } from '../../src/scoring/index.js';
import { applyFloorsAndCaps } from '../../src/scoring/floors.js';
import {
  BACKSTOP_FORMAT,
  backstopFeatures,
  compileBackstop,
  harmBackstop,
  loadBackstop,
  type BackstopModel,
} from '../../src/scoring/harm/backstop.js';

const tiny = (text: string) => scoreMention({ text, source: 'twitter', author: { followers: 10 }, isVip: false }, DEFAULT_SCORING_CONFIG);

const model = (over: Partial<BackstopModel> = {}): BackstopModel => ({
  format: BACKSTOP_FORMAT,
  bias: -2,
  threshold: 0.75,
  weights: { shaft: 3, 'nearly step': 2, lift: 0.5 },
  stopwords: ['the', 'my'],
  ...over,
});

describe('the backstop file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'klaxon-backstop-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the committed file and its threshold keeps to a probability', () => {
    const b = harmBackstop();
    expect(b.threshold).toBeGreaterThan(0.5);
    expect(b.threshold).toBeLessThan(1);
  });

  it('refuses an unknown key, a threshold outside (0, 1) and a broken file, naming the problem', () => {
    const path = join(dir, 'b.json');
    writeFileSync(path, JSON.stringify({ ...model(), extra: 1 }));
    expect(() => loadBackstop(path)).toThrow(/invalid.*extra|extra.*invalid|Unrecognized key/i);
    writeFileSync(path, JSON.stringify(model({ threshold: 1.5 })));
    expect(() => loadBackstop(path)).toThrow(/threshold/);
    writeFileSync(path, '{"format":');
    expect(() => loadBackstop(path)).toThrow(/cannot be read/);
    writeFileSync(path, JSON.stringify(model({ format: 'other/1' as typeof BACKSTOP_FORMAT })));
    expect(() => loadBackstop(path)).toThrow(/format/);
  });
});

describe('features and the runtime sum', () => {
  it('counts lemmas (not stopwords) and pairs within a clause, once per occurrence', () => {
    const stop = new Set(['the', 'my']);
    expect(backstopFeatures(['my', 'mum', 'nearly', 'step', '.', 'the', 'shaft'], stop)).toEqual([
      'my mum',
      'mum',
      'mum nearly',
      'nearly',
      'nearly step',
      'step',
      'the shaft',
      'shaft',
    ]);
    expect(backstopFeatures(['lift', 'lift'], stop)).toEqual(['lift', 'lift lift', 'lift']);
  });

  it('sums the weights of exactly those features', () => {
    const b = compileBackstop(model());
    const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
    expect(b.probability(['my', 'mum', 'nearly', 'step', 'into', 'the', 'shaft'])).toBeCloseTo(sigmoid(-2 + 2 + 3), 12);
    // a pair does not reach across a clause break
    expect(b.probability(['nearly', '.', 'step'])).toBeCloseTo(sigmoid(-2), 12);
    expect(b.probability(['lift', 'lift'])).toBeCloseTo(sigmoid(-2 + 1), 12);
    expect(b.probability([])).toBeCloseTo(sigmoid(-2), 12);
  });
});

describe('what a hit does', () => {
  const scene = "Escalator at your station chewed my son's shoelace and pulled his foot in";

  it('a harm no category names reaches P2 from 10 followers, reason "possible serious harm"', () => {
    expect(analyzeText(scene).harm).toEqual([]);
    const r = tiny(scene);
    expect(r.priority).toBe('P2');
    expect(r.reasons[0]).toBe('possible serious harm');
    expect(r.harm).toEqual([]);
    expect(r.escalate).toBe(false);
    expect(r.signals.some((s) => s.signal === 'floor:possible serious harm')).toBe(true);
  });

  it('never for a named category (its own floor and reason lead), praise, or another language', () => {
    expect(analyzeText('The lift doors opened between floors and my mum nearly stepped into the shaft').possibleHarm).toBe(false);
    expect(analyzeText('Loved the new menu, the chicken was perfectly cooked').possibleHarm).toBe(false);
    expect(analyzeText('El ascensor se abrió entre dos pisos y mi madre casi se cae por el hueco').possibleHarm).toBe(false);
  });

  it('raises to P2 and no further, and leaves a higher priority alone', () => {
    const base = { harm: [], scored: true, language: 'English', intent: 'complaint' as const, noAction: false, joke: false };
    const low = applyFloorsAndCaps({ score: 10, priority: 'P4' }, { ...base, possibleHarm: true }, DEFAULT_SCORING_CONFIG);
    expect(low.priority).toBe('P2');
    expect(low.score).toBe(DEFAULT_SCORING_CONFIG.thresholds.p2);
    const high = applyFloorsAndCaps({ score: 90, priority: 'P1' }, { ...base, possibleHarm: true }, DEFAULT_SCORING_CONFIG);
    expect(high.priority).toBe('P1');
    expect(high.score).toBe(90);
  });
});
