/**
 * The evaluation in CI: the full test split of the labelled airline tweets (~2,900 rows, well
 * under two seconds). Floors sit 0.02 below the AUCs measured when the model was last fitted
 * (0.917 negative-vs-rest, 0.877 serious-vs-rest; see bench/eval-results.json), so a change
 * that makes the scorer meaningfully worse fails here. Throughput is reported by `npm run eval`,
 * never asserted in tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAirlineTweets, type LabelledTweet } from '../../src/scoring/eval/airline.js';
import { evaluate, type EvalResult } from '../../src/scoring/eval/evaluate.js';
import { sharedData } from '../helpers/requirements.js';

const data = sharedData(import.meta.filename, 'airline-tweets.csv');
const FLOOR = { negativeVsRest: 0.897, seriousVsRest: 0.857 };

describe.skipIf(data.skip)('evaluation on the airline-tweets test split', () => {
  let rows: LabelledTweet[];
  let result: EvalResult;
  beforeAll(() => {
    data.assertPresent();
    rows = loadAirlineTweets('test', data.path('airline-tweets.csv'));
    result = evaluate(rows);
  });

  it('reads the whole test split (tweet_id divisible by 5), multi-line texts included', () => {
    expect(rows.length).toBe(2901);
    expect(rows.every((r) => r.isTest)).toBe(true);
    expect(rows.some((r) => r.text.includes('\n'))).toBe(true);
  });

  it('ranks negative tweets above the rest (ROC AUC) above the floor', () => {
    expect(result.scorer.negativeVsRest).toBeGreaterThanOrEqual(FLOOR.negativeVsRest);
  });

  it('ranks serious complaints above the rest (ROC AUC) above the floor', () => {
    expect(result.scorer.seriousVsRest).toBeGreaterThanOrEqual(FLOOR.seriousVsRest);
  });

  it('beats the AFINN baseline computed in the same run on both tasks', () => {
    expect(result.afinn.negativeVsRest).toBeGreaterThan(0.7);
    expect(result.scorer.negativeVsRest).toBeGreaterThan(result.afinn.negativeVsRest + 0.05);
    expect(result.scorer.seriousVsRest).toBeGreaterThan(result.afinn.seriousVsRest + 0.05);
  });
});
