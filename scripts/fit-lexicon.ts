/**
 * Fits the learned part of the scorer and writes src/scoring/model.generated.ts.
 *
 *   npx tsx scripts/fit-lexicon.ts [--check] [--holdout]
 *
 * --check prints what would be written; --holdout fits on the training rows outside the inner
 * validation slice only (for experiments on that slice; never commit a holdout model).
 *
 * Data: ../shared/data/airline-tweets.csv, TRAINING ROWS ONLY (tweet_id not divisible by 5).
 * The test rows are never read here. Hyper-parameters are chosen on an inner validation slice of
 * the training rows (tweet_id / 5 divisible by 5, about 20% of them), then the model is refitted
 * on all training rows.
 *
 * Model: three logistic regressions (negative-vs-rest, positive-vs-rest, serious-vs-rest) over
 * the rule-based features (src/scoring/text/features.ts) plus generic word unigrams, negated
 * unigrams and bigrams that pass the vocabulary filter (src/scoring/fit/vocabulary.ts). Weights
 * are pruned and rounded so the shipped table stays small.
 */
import { writeFileSync } from 'node:fs';
import { loadAirlineTweets, type LabelledTweet } from '../src/scoring/eval/airline.js';
import { rocAuc } from '../src/scoring/eval/auc.js';
import { fitLogistic, predictLogit, sigmoid, type FitResult, type SparseRow } from '../src/scoring/fit/logreg.js';
import { CasingStats, isComplaintWord, makeWordFilter, valenceSign } from '../src/scoring/fit/vocabulary.js';
import { themeEvidence } from '../src/scoring/text/evidence.js';
import { DENSE_FEATURES, NEUTRAL_PRIOR, denseFeatures, sparseKeys } from '../src/scoring/text/features.js';
import { readRules } from '../src/scoring/text/rules.js';
import { tokenize } from '../src/scoring/text/tokenize.js';
import { renderModel, type HeadFit } from '../src/scoring/fit/render-model.js';

const MIN_DF = 5;
const MAX_WORDS = 2000;
const MIN_ABS_WEIGHT = 0.02;
const EPOCHS = 400;
const LEARNING_RATE = 0.05;
const L2_GRID = [3e-4, 1e-3, 3e-3];
const HEADS = ['negative', 'positive', 'serious'] as const;
const HOLDOUT = process.argv.includes('--holdout');
const OUT = new URL('../src/scoring/model.generated.ts', import.meta.url);

interface Extracted {
  dense: Float64Array;
  sparse: string[];
}

function extract(text: string): Extracted {
  const tok = tokenize(text);
  const rules = readRules(tok);
  const dense = new Float64Array(DENSE_FEATURES.length);
  denseFeatures(tok, rules, themeEvidence(rules.hits), dense);
  return { dense, sparse: sparseKeys(tok, rules) };
}

function label(row: LabelledTweet, head: (typeof HEADS)[number]): boolean {
  if (head === 'negative') return row.negative;
  if (head === 'positive') return row.sentiment === 'positive';
  return row.serious;
}

const rows = loadAirlineTweets('train');
if (rows.some((r) => r.isTest)) throw new Error('fit-lexicon: a test row reached the fit');
const casing = new CasingStats();
for (const r of rows) casing.add(r.text);
const keep = makeWordFilter(casing);
const extracted = rows.map((r) => extract(r.text));

// Vocabulary: frequent enough in training rows, and every word of the key generic.
const df = new Map<string, number>();
for (const e of extracted) for (const k of new Set(e.sparse)) df.set(k, (df.get(k) ?? 0) + 1);
const vocab: string[] = [];
for (const [k, n] of df) if (n >= MIN_DF && k.split(' ').every(keep)) vocab.push(k);
vocab.sort();
const column = new Map(vocab.map((k, i) => [k, DENSE_FEATURES.length + i]));
const dims = DENSE_FEATURES.length + vocab.length;

const sparseRows: SparseRow[] = extracted.map((e) => {
  const idx: number[] = [];
  const val: number[] = [];
  e.dense.forEach((v, j) => {
    if (v !== 0) {
      idx.push(j);
      val.push(v);
    }
  });
  for (const k of e.sparse) {
    const c = column.get(k);
    if (c !== undefined) {
      idx.push(c);
      val.push(1);
    }
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
});

/**
 * Sign constraints, so the learned part re-weights the hand lexicon but never reverses it (see
 * valenceSign): negative words may not lower negativity or seriousness, positive words may not
 * raise negativity, and complaint themes may not make a text look less serious.
 */
function bounds(head: (typeof HEADS)[number]): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(dims).fill(-Infinity);
  const upper = new Float64Array(dims).fill(Infinity);
  const atLeastZero = (j: number): void => void (lower[j] = 0);
  const atMostZero = (j: number): void => void (upper[j] = 0);
  DENSE_FEATURES.forEach((name, j) => {
    const raisesNegativity =
      name === 'negative' || name === 'evidence' || name === 'sarcasm' || name.startsWith('theme:');
    const raisesPositivity = name === 'compound' || name === 'positive';
    if (head === 'positive') {
      if (raisesPositivity) atLeastZero(j);
      if (raisesNegativity) atMostZero(j);
    } else {
      if (raisesNegativity) atLeastZero(j);
      if (raisesPositivity && head === 'negative') atMostZero(j);
    }
  });
  vocab.forEach((k, i) => {
    if (k.includes(' ') || k.startsWith('!')) return;
    const j = DENSE_FEATURES.length + i;
    const sign = valenceSign(k);
    if (head === 'negative' && sign !== 0) (sign < 0 ? atLeastZero : atMostZero)(j);
    if (head === 'positive' && sign !== 0) (sign > 0 ? atLeastZero : atMostZero)(j);
    if (head === 'serious' && (sign < 0 || isComplaintWord(k))) atLeastZero(j);
  });
  return { lower, upper };
}

const inner = rows.map((r) => (BigInt(r.id) / 5n) % 5n === 0n);
const pick = <T>(xs: readonly T[], want: boolean): T[] => xs.filter((_, i) => inner[i] === want);

const fits: HeadFit[] = [];
/** Inner-validation probabilities of the chosen setting per head, re-centred like the runtime. */
const validationProb = new Map<string, number[]>();
for (const head of HEADS) {
  const labels = rows.map((r) => label(r, head));
  const box = bounds(head);
  let best = { l2: L2_GRID[0]!, auc: -1, prob: [] as number[] };
  for (const l2 of L2_GRID) {
    const options = { l2, epochs: EPOCHS, learningRate: LEARNING_RATE, ...box };
    const fit = fitLogistic(pick(sparseRows, false), pick(labels, false), dims, options);
    const z = pick(sparseRows, true).map((r) => predictLogit(r, fit));
    const auc = rocAuc(z, pick(labels, true));
    console.log(`${head.padEnd(9)} l2=${l2.toExponential(0)} inner-validation AUC ${auc.toFixed(4)}`);
    const shift = Math.log(NEUTRAL_PRIOR[head] / (1 - NEUTRAL_PRIOR[head])) - fit.bias;
    if (auc > best.auc) best = { l2, auc, prob: z.map((x) => sigmoid(x + shift)) };
  }
  validationProb.set(head, best.prob);
  const options = { l2: best.l2, epochs: EPOCHS, learningRate: LEARNING_RATE, ...box };
  const fit: FitResult = HOLDOUT
    ? fitLogistic(pick(sparseRows, false), pick(labels, false), dims, options)
    : fitLogistic(sparseRows, labels, dims, options);
  fits.push({ head, l2: best.l2, validationAuc: best.auc, fit });
}

// The sentiment the runtime reports is P(positive) - P(negative); check how it ranks negatives.
const pNeg = validationProb.get('negative') ?? [];
const pPos = validationProb.get('positive') ?? [];
const sentimentAuc = rocAuc(pNeg.map((p, i) => p - (pPos[i] ?? 0)), pick(rows.map((r) => r.negative), true));
console.log(`sentiment (P(pos) - P(neg)) negative-vs-rest inner-validation AUC ${sentimentAuc.toFixed(4)}`);

const source = renderModel({
  fits,
  dense: DENSE_FEATURES,
  vocab,
  denseCount: DENSE_FEATURES.length,
  maxWords: MAX_WORDS,
  minAbsWeight: MIN_ABS_WEIGHT,
  trainingRows: HOLDOUT ? pick(rows, false).length : rows.length,
  holdout: HOLDOUT,
  minDf: MIN_DF,
});
if (process.argv.includes('--check')) {
  console.log(`would write ${source.length} characters (${vocab.length} candidate words)`);
} else {
  writeFileSync(OUT, source);
  console.log(`wrote ${OUT.pathname} (${source.length} characters, ${vocab.length} candidate words)`);
}
