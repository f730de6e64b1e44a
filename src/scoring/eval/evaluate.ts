/**
 * The evaluation shared by `npm run eval` (scripts/eval.ts) and the CI eval test: ROC AUC of the
 * scorer's text part and of the AFINN baseline on the labelled airline tweets.
 *   negative-vs-rest: ranked by -sentiment (scorer) and -comparative (AFINN)
 *   serious-vs-rest:  ranked by severity (scorer) and -comparative (AFINN)
 */
import { analyzeText } from '../text/analyze.js';
import { createAfinn } from './afinn.js';
import type { LabelledTweet } from './airline.js';
import { rocAuc } from './auc.js';

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
