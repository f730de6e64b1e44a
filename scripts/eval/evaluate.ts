/**
 * The evaluations shared by `npm run eval` (scripts/eval.ts) and the CI eval test: ROC AUC of the
 * scorer's text reading and of the AFINN baseline on labelled public data.
 *   airline negative-vs-rest: ranked by -sentiment (scorer) and -comparative (AFINN)
 *   airline serious-vs-rest:  ranked by severity (scorer) and -comparative (AFINN)
 *   TweetEval sentiment test, negative-vs-rest: as airline
 *   TweetEval irony test, ironic-vs-rest: the irony head (scorer) and +comparative (AFINN: irony
 *   is mostly praise meant the other way, so the more positive, the more likely ironic)
 */
import { analyzeText } from '../../src/scoring/read.js';
import { createAfinn } from './afinn.js';
import type { LabelledTweet } from './airline.js';
import { rocAuc } from './auc.js';
import { loadTweetEval, TWEETEVAL_DIR } from './tweeteval.js';

export interface AucPair {
  negativeVsRest: number;
  seriousVsRest: number;
}

export interface EvalResult {
  rows: number;
  negatives: number;
  serious: number;
  scorer: AucPair;
  afinn: AucPair;
}

export function evaluate(rows: readonly LabelledTweet[]): EvalResult {
  const afinn = createAfinn();
  const negLabels = rows.map((r) => r.negative);
  const seriousLabels = rows.map((r) => r.serious);
  const sentiment: number[] = [];
  const severity: number[] = [];
  const afinnNeg: number[] = [];
  for (const r of rows) {
    const a = analyzeText(r.text);
    sentiment.push(-a.sentiment);
    severity.push(a.severity);
    afinnNeg.push(-afinn.analyze(r.text).comparative);
  }
  return {
    rows: rows.length,
    negatives: negLabels.filter(Boolean).length,
    serious: seriousLabels.filter(Boolean).length,
    scorer: { negativeVsRest: rocAuc(sentiment, negLabels), seriousVsRest: rocAuc(severity, seriousLabels) },
    afinn: { negativeVsRest: rocAuc(afinnNeg, negLabels), seriousVsRest: rocAuc(afinnNeg, seriousLabels) },
  };
}

export interface TweetEvalResult {
  sentiment: { split: string; rows: number; negatives: number; scorer: number; afinn: number };
  irony: { split: string; rows: number; ironic: number; scorer: number; afinn: number };
}

/** TweetEval's test splits (never seen by the fit): negative-vs-rest and ironic-vs-rest. */
export function evaluateTweetEval(dir: string | URL = TWEETEVAL_DIR): TweetEvalResult {
  const afinn = createAfinn();
  const sentiment = loadTweetEval('sentiment', 'test', dir);
  const negatives = sentiment.map((r) => r.label === 0);
  const irony = loadTweetEval('irony', 'test', dir);
  const ironic = irony.map((r) => r.label === 1);
  return {
    sentiment: {
      split: 'sentiment-test',
      rows: sentiment.length,
      negatives: negatives.filter(Boolean).length,
      scorer: rocAuc(
        sentiment.map((r) => -analyzeText(r.text).sentiment),
        negatives,
      ),
      afinn: rocAuc(
        sentiment.map((r) => -afinn.analyze(r.text).comparative),
        negatives,
      ),
    },
    irony: {
      split: 'irony-test',
      rows: irony.length,
      ironic: ironic.filter(Boolean).length,
      scorer: rocAuc(
        irony.map((r) => analyzeText(r.text).signals.learned.irony),
        ironic,
      ),
      afinn: rocAuc(
        irony.map((r) => afinn.analyze(r.text).comparative),
        ironic,
      ),
    },
  };
}
