/**
 * The evaluation floors of issue #21 as a test. The airline and TweetEval parts need
 * ../shared/data (outside the repository): without it they skip with one line saying so, unless
 * CI=true, where missing data is a failure. The team sets live in bench/sets and always run.
 * Throughput is reported by `npm run eval`, never asserted in tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAirlineTweets, type LabelledTweet } from '../../scripts/eval/airline.js';
import { evaluate, evaluateTweetEval, type EvalResult, type TweetEvalResult } from '../../scripts/eval/evaluate.js';
import { TARGETS } from '../../scripts/eval/targets.js';
import { evaluateCritical, evaluateIndustry, heldOutFiles, loadCriticalSet, loadIndustrySet } from '../../scripts/eval/team-sets.js';
import { sharedData } from '../helpers/requirements.js';

// Skipped with one line without ../shared/data; under CI=true they run and fail instead.
const data = sharedData(import.meta.filename, 'airline-tweets.csv', 'tweeteval');

describe.skipIf(data.skip)('airline-tweets test split (tweet_id divisible by 5, never fitted)', () => {
  let rows: LabelledTweet[];
  let result: EvalResult;
  beforeAll(() => {
    data.assertPresent();
    rows = loadAirlineTweets('test', data.path('airline-tweets.csv'));
    result = evaluate(rows);
  });

  it('reads the whole test split, multi-line texts included', () => {
    expect(rows.length).toBe(2901);
    expect(rows.every((r) => r.isTest)).toBe(true);
    expect(rows.some((r) => r.text.includes('\n'))).toBe(true);
  });

  it(`ranks negative tweets above the rest at AUC ≥ ${TARGETS.airlineNegative}`, () => {
    expect(result.scorer.negativeVsRest).toBeGreaterThanOrEqual(TARGETS.airlineNegative);
  });

  it(`ranks serious complaints above the rest at AUC ≥ ${TARGETS.airlineSerious}`, () => {
    expect(result.scorer.seriousVsRest).toBeGreaterThanOrEqual(TARGETS.airlineSerious);
  });

  it('beats the AFINN baseline computed in the same run on both tasks', () => {
    expect(result.afinn.negativeVsRest).toBeGreaterThan(0.7);
    expect(result.scorer.negativeVsRest).toBeGreaterThan(result.afinn.negativeVsRest + 0.05);
    expect(result.scorer.seriousVsRest).toBeGreaterThan(result.afinn.seriousVsRest + 0.05);
  });
});

describe.skipIf(data.skip)('TweetEval test splits (general tweets, never fitted)', () => {
  let result: TweetEvalResult;
  beforeAll(() => {
    data.assertPresent();
    result = evaluateTweetEval(`${data.path('tweeteval')}/`);
  });

  it('ranks negative general tweets at least as well as AFINN', () => {
    expect(result.sentiment.rows).toBeGreaterThan(10_000);
    expect(result.sentiment.scorer).toBeGreaterThanOrEqual(result.sentiment.afinn);
  });

  it('recognises irony better than chance', () => {
    expect(result.irony.rows).toBeGreaterThan(700);
    expect(result.irony.scorer).toBeGreaterThan(0.6);
  });
});

/**
 * Held-out files (`critical-holdout*.jsonl`, `cross-industry-holdout*.jsonl`) are written by
 * someone else and never read while tuning; there may be none. Each is checked to load and to
 * measure, and its figures are reported by `npm run eval`: a set of new wording is a measurement
 * of how far the patterns carry, not a floor the suite can hold before anyone has seen it.
 */
describe('team critical set (small accounts, every harm category, with look-alikes)', () => {
  it(`tuning part: recall at P1–P2 ≥ ${TARGETS.criticalRecall}, false alarms ≤ ${TARGETS.falseAlarms}`, () => {
    const rows = loadCriticalSet();
    expect(rows.length).toBeGreaterThanOrEqual(150);
    const r = evaluateCritical(rows);
    const misses = r.misses.map((m) => `${m.category} ${m.priority}: ${m.text}`).join('\n');
    expect(r.recall, misses).toBeGreaterThanOrEqual(TARGETS.criticalRecall);
    const alarms = r.alarms.map((m) => `${m.category} ${m.priority}: ${m.text}`).join('\n');
    expect(r.falseAlarms, alarms).toBeLessThanOrEqual(TARGETS.falseAlarms);
  });

  it('covers every harm category', () => {
    const r = evaluateCritical(loadCriticalSet());
    expect(Object.keys(r.byCategory).sort()).toEqual(
      expect.arrayContaining([
        'crisis',
        'discrimination',
        'essential_service',
        'fraud',
        'legal',
        'medical',
        'press',
        'privacy',
        'regulator',
        'safety',
        'threat',
        'vulnerable',
      ]),
    );
  });

  for (const file of heldOutFiles('critical')) {
    it(`held out, ${file}: loads and measures (figures in npm run eval)`, () => {
      const r = evaluateCritical(loadCriticalSet(file));
      expect(r.critical).toBeGreaterThan(0);
      expect(r.recall).toBeGreaterThanOrEqual(0);
      expect(r.misses.length).toBe(Math.round(r.critical * (1 - r.recall)));
    });
  }
});

describe('team cross-industry set', () => {
  it(`tuning part: at most ${TARGETS.seriousAtP4 * 100}% of serious complaints at P4`, () => {
    const r = evaluateIndustry(loadIndustrySet());
    expect(r.mentions).toBeGreaterThanOrEqual(200);
    expect(r.industries).toBeGreaterThanOrEqual(5);
    const atP4 = r.atP4.map((m) => `${m.industry}: ${m.text}`).join('\n');
    expect(r.seriousAtP4, atP4).toBeLessThanOrEqual(TARGETS.seriousAtP4);
  });

  for (const file of heldOutFiles('cross-industry')) {
    it(`held out, ${file}: loads and measures (figures in npm run eval)`, () => {
      const r = evaluateIndustry(loadIndustrySet(file));
      expect(r.serious).toBeGreaterThan(0);
      expect(r.atP4.length).toBe(Math.round(r.serious * r.seriousAtP4));
    });
  }
});

describe('held-out files are found by name, whatever their number', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'klaxon-sets-'));
    for (const name of [
      'critical.jsonl',
      'cross-industry.jsonl',
      'critical-holdout.jsonl',
      'critical-holdout-b.jsonl',
      'cross-industry-holdout-b.jsonl',
      'critical-holdout-c.json',
      'notes.md',
    ]) {
      writeFileSync(join(dir, name), '');
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every held-out file of a set, sorted, and never a tuning file or another set', () => {
    expect(heldOutFiles('critical', dir)).toEqual(['critical-holdout-b.jsonl', 'critical-holdout.jsonl']);
    expect(heldOutFiles('cross-industry', dir)).toEqual(['cross-industry-holdout-b.jsonl']);
  });

  it('finds none when only the tuning files exist', () => {
    const only = mkdtempSync(join(tmpdir(), 'klaxon-sets-'));
    try {
      writeFileSync(join(only, 'critical.jsonl'), '');
      writeFileSync(join(only, 'cross-industry.jsonl'), '');
      expect(heldOutFiles('critical', only)).toEqual([]);
      expect(heldOutFiles('cross-industry', only)).toEqual([]);
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
  });

  it('reads a held-out file of the critical set with the same checks as the tuning file', () => {
    writeFileSync(join(dir, 'critical-holdout-b.jsonl'), '{"kind":"critical","category":"fraud","text":"payments I never made"}\n');
    expect(loadCriticalSet('critical-holdout-b.jsonl', dir)).toEqual([
      { kind: 'critical', category: 'fraud', text: 'payments I never made' },
    ]);
    writeFileSync(join(dir, 'critical-holdout.jsonl'), '{"kind":"critical","category":"fraud","text":"x","extra":1}\n');
    expect(() => loadCriticalSet('critical-holdout.jsonl', dir)).toThrow(/critical-holdout.jsonl line 1/);
  });
});
