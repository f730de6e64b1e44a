/**
 * Fits the learned part of the text scorer and writes src/scoring/model.json.
 *
 *   npx tsx scripts/fit-model.ts [--check] [--sources=airline,sentiment,irony] [--out=path]
 *
 * --check fits and prints the validation results without writing the file; --sources fits on a
 * subset of the sources (for comparisons); --out writes elsewhere than src/scoring/model.json.
 *
 * Data, read in place from ../shared/data (never copied), and only the splits a fit may see:
 *   - airline-tweets.csv, TRAINING rows only (tweet_id not divisible by 5): heads negative,
 *     positive and serious complaint. Its inner-validation slice is tweet_id/5 divisible by 5.
 *   - tweeteval sentiment-val (general tweets): heads negative and positive; as general chatter,
 *     also "not a serious complaint" (complaint is not the same as negative sentiment). Its
 *     inner-validation slice is every fifth line. sentiment-test is never read here.
 *   - tweeteval irony-train: head irony, validated on irony-val. irony-test is never read here.
 * Hyper-parameters (L2 strength, how much a general tweet counts beside a customer mention) are chosen per
 * head on the inner-validation slices (mean AUC over the sources that have the head), then each
 * head is refitted on every row it may see.
 *
 * Model: one logistic regression per head over the rule-based features (src/scoring/text/
 * features.ts) plus generic word unigrams, negated unigrams and bigrams that pass the vocabulary
 * filter (scripts/fit/vocabulary.ts), with sign constraints so the data re-weights the hand
 * lexicon but never reverses it. Weights are pruned and rounded so the shipped file stays small.
 */
import { writeFileSync } from 'node:fs';
import { loadAirlineTweets } from './eval/airline.js';
import { rocAuc } from './eval/auc.js';
import { loadTweetEval } from './eval/tweeteval.js';
import { themeEvidence } from '../src/scoring/text/evidence.js';
import { DENSE_FEATURES, NEUTRAL_PRIOR, denseFeatures, sentimentOf, sparseKeys } from '../src/scoring/text/features.js';
import { MODEL_FORMAT, type TextModel } from '../src/scoring/text/model-file.js';
import { readRules } from '../src/scoring/text/rules.js';
import { tokenize } from '../src/scoring/text/tokenize.js';
import { fitLogistic, predictLogit, type SparseRow } from './fit/logreg.js';
import { CasingStats, isComplaintWord, makeWordFilter, valenceSign } from './fit/vocabulary.js';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const MIN_DF = 5;
const MAX_WORDS = 4000;
const MIN_ABS_WEIGHT = 0.02;
const EPOCHS = 400;
const LEARNING_RATE = 0.05;
const L2_GRID = arg('l2') ? [Number(arg('l2'))] : [3e-4, 1e-3, 3e-3, 1e-2];
/**
 * How much a general tweet counts against a customer mention when fitting the sentiment heads:
 * the scorer reads customer mentions, so they may count more. Chosen on the inner slices.
 * (Weighting sources by their size was tried too and lowered validation AUC on both.)
 */
const GENERAL_WEIGHT_GRID = [1, 0.5];
/** When choosing, customer mentions weigh this much against general tweets (the product's domain). */
const CUSTOMER_SHARE = 2 / 3;
/** General tweets count this much as "not serious" examples (they are rarely about a business). */
const GENERAL_NOT_SERIOUS_WEIGHT = 0.5;
const HEADS = ['negative', 'positive', 'serious', 'irony'] as const;
type Head = (typeof HEADS)[number];
const OUT = arg('out') ?? new URL('../src/scoring/model.json', import.meta.url);
const SOURCES = new Set((arg('sources') ?? 'airline,sentiment,irony').split(','));

type Source = 'airline' | 'sentiment' | 'irony';

interface Row {
  source: Source;
  text: string;
  /** Part of the inner-validation slice of its source. */
  inner: boolean;
  labels: Partial<Record<Head, boolean>>;
  /** Weight of the row for heads it only borrows a label for (general tweets as "not serious"). */
  borrowed?: Partial<Record<Head, number>>;
}

function loadRows(): Row[] {
  const rows: Row[] = [];
  const airline = loadAirlineTweets('train');
  if (airline.some((r) => r.isTest)) throw new Error('fit-model: an airline test row reached the fit');
  for (const r of airline) {
    rows.push({
      source: 'airline',
      text: r.text,
      inner: (BigInt(r.id) / 5n) % 5n === 0n,
      labels: { negative: r.negative, positive: r.sentiment === 'positive', serious: r.serious },
    });
  }
  for (const r of loadTweetEval('sentiment', 'val')) {
    rows.push({
      source: 'sentiment',
      text: r.text,
      inner: r.index % 5 === 0,
      labels: { negative: r.label === 0, positive: r.label === 2, serious: false },
      borrowed: { serious: GENERAL_NOT_SERIOUS_WEIGHT },
    });
  }
  for (const r of loadTweetEval('irony', 'train'))
    rows.push({ source: 'irony', text: r.text, inner: false, labels: { irony: r.label === 1 } });
  for (const r of loadTweetEval('irony', 'val'))
    rows.push({ source: 'irony', text: r.text, inner: true, labels: { irony: r.label === 1 } });
  return rows;
}

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

const rows = loadRows().filter((r) => SOURCES.has(r.source));
const casing = new CasingStats();
for (const r of rows) casing.add(r.text);
const keep = makeWordFilter(casing);
const extracted = rows.map((r) => extract(r.text));

// Vocabulary: frequent enough in the training rows, and every word of the key generic.
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
 * raise negativity, complaint themes may not make a text look less serious. Irony is free.
 */
function bounds(head: Head): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(dims).fill(-Infinity);
  const upper = new Float64Array(dims).fill(Infinity);
  if (head === 'irony') return { lower, upper };
  const atLeastZero = (j: number): void => void (lower[j] = 0);
  const atMostZero = (j: number): void => void (upper[j] = 0);
  DENSE_FEATURES.forEach((name, j) => {
    const raisesNegativity =
      name === 'negative' ||
      name === 'evidence' ||
      name === 'sarcasm' ||
      name === 'shouting' ||
      name === 'repeated' ||
      name.startsWith('theme:');
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

interface Fitted {
  head: Head;
  l2: number;
  general: number;
  validation: Record<string, number>;
  bias: number;
  weights: Float64Array;
}

/** Row weights for a head: general tweets at `general`, borrowed labels at their own weight. */
function rowWeights(head: Head, ids: readonly number[], general: number): Float64Array {
  const w = new Float64Array(ids.length);
  ids.forEach((i, k) => {
    const r = rows[i]!;
    w[k] = (r.source === 'sentiment' ? general : 1) * (r.borrowed?.[head] ?? 1);
  });
  return w;
}

interface Trial {
  l2: number;
  general: number;
  /** Inner-validation AUC of the head itself, per source. */
  validation: Record<string, number>;
  /** Inner-validation probability per row index, intercept re-centred as the runtime does. */
  prob: Map<number, number>;
}

const logit = (p: number): number => Math.log(p / (1 - p));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function members(head: Head): { all: number[]; train: number[]; inner: number[] } {
  const all = rows.flatMap((r, i) => (r.labels[head] === undefined ? [] : [i]));
  return {
    all,
    train: all.filter((i) => !rows[i]!.inner),
    inner: all.filter((i) => rows[i]!.inner && !rows[i]!.borrowed?.[head]),
  };
}

const labelsOf = (head: Head, ids: readonly number[]): boolean[] => ids.map((i) => rows[i]!.labels[head]!);

/** Fits a head on the training part for each L2 strength and scores it on the inner slices. */
function trials(head: Head): Trial[] {
  const { train, inner } = members(head);
  const box = bounds(head);
  const generals = head === 'negative' || head === 'positive' ? GENERAL_WEIGHT_GRID : [1];
  return generals.flatMap((general) =>
    L2_GRID.map((l2) => {
      const fit = fitLogistic(
        train.map((i) => sparseRows[i]!),
        labelsOf(head, train),
        dims,
        {
          l2,
          epochs: EPOCHS,
          learningRate: LEARNING_RATE,
          rowWeight: rowWeights(head, train, general),
          ...box,
        },
      );
      const prior = head === 'irony' ? fit.bias : logit(NEUTRAL_PRIOR[head]);
      const prob = new Map(inner.map((i) => [i, sigmoid(predictLogit(sparseRows[i]!, fit) - fit.bias + prior)]));
      const validation: Record<string, number> = {};
      for (const source of new Set(inner.map((i) => rows[i]!.source))) {
        const ids = inner.filter((i) => rows[i]!.source === source);
        validation[source] = rocAuc(
          ids.map((i) => prob.get(i)!),
          labelsOf(head, ids),
        );
      }
      console.log(
        `${head.padEnd(9)} general=${general} l2=${l2.toExponential(0)} inner AUC ${Object.entries(validation)
          .map(([src, v]) => `${src} ${v.toFixed(4)}`)
          .join(', ')}`,
      );
      return { l2, general, validation, prob };
    }),
  );
}

function refit(head: Head, trial: Trial, validation: Record<string, number>): Fitted {
  const { all } = members(head);
  const fit = fitLogistic(
    all.map((i) => sparseRows[i]!),
    labelsOf(head, all),
    dims,
    {
      l2: trial.l2,
      epochs: EPOCHS,
      learningRate: LEARNING_RATE,
      rowWeight: rowWeights(head, all, trial.general),
      ...bounds(head),
    },
  );
  return { head, l2: trial.l2, general: trial.general, validation, bias: fit.bias, weights: fit.weights };
}

/** Mean inner AUC, customer mentions (airline) weighing CUSTOMER_SHARE when general tweets are there too. */
function criterion(auc: Record<string, number>): number {
  const customer = auc['airline'];
  const general = auc['sentiment'];
  if (customer !== undefined && general !== undefined) return CUSTOMER_SHARE * customer + (1 - CUSTOMER_SHARE) * general;
  return mean(Object.values(auc));
}

const bestOwn = (ts: readonly Trial[]): Trial => ts.reduce((a, b) => (criterion(b.validation) > criterion(a.validation) ? b : a));

/**
 * The runtime's sentiment combines the two heads (sentimentOf), so they are chosen together:
 * the pair of strengths whose combined sentiment ranks negatives best on the inner slices.
 */
function chooseSentimentPair(neg: readonly Trial[], pos: readonly Trial[]): { neg: Trial; pos: Trial; auc: Record<string, number> } {
  const inner = members('negative').inner;
  let best: { neg: Trial; pos: Trial; auc: Record<string, number>; score: number } | null = null;
  for (const n of neg) {
    for (const p of pos) {
      const auc: Record<string, number> = {};
      for (const source of new Set(inner.map((i) => rows[i]!.source))) {
        const ids = inner.filter((i) => rows[i]!.source === source && p.prob.has(i));
        auc[source] = rocAuc(
          ids.map((i) => -sentimentOf({ negative: n.prob.get(i)!, positive: p.prob.get(i)! })),
          labelsOf('negative', ids),
        );
      }
      const score = criterion(auc);
      console.log(
        `sentiment neg general=${n.general} l2=${n.l2.toExponential(0)} pos general=${p.general} l2=${p.l2.toExponential(0)}: ` +
          `${Object.entries(auc)
            .map(([src, v]) => `${src} ${v.toFixed(4)}`)
            .join(', ')}`,
      );
      if (!best || score > best.score) best = { neg: n, pos: p, auc, score };
    }
  }
  return best!;
}

const has = (head: Head): boolean => rows.some((r) => r.labels[head] !== undefined);
const sentimentPair = has('negative') && has('positive') ? chooseSentimentPair(trials('negative'), trials('positive')) : null;
const fits = HEADS.map((head): Fitted => {
  if (!has(head)) return emptyHead(head);
  if (sentimentPair && (head === 'negative' || head === 'positive')) {
    const t = head === 'negative' ? sentimentPair.neg : sentimentPair.pos;
    return refit(head, t, {
      ...t.validation,
      ...Object.fromEntries(Object.entries(sentimentPair.auc).map(([k, v]) => [`sentiment:${k}`, v])),
    });
  }
  const t = bestOwn(trials(head));
  return refit(head, t, t.validation);
});

/** A head with no data in the chosen sources: all weights zero (the runtime reads it as 0.5). */
function emptyHead(head: Head): Fitted {
  return { head, l2: 0, general: 1, validation: {}, bias: 0, weights: new Float64Array(dims) };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const weightsOf = (col: number): number[] => fits.map((f) => round(f.weights[col]!));
const strength = (ws: number[]): number => Math.max(...ws.map(Math.abs));
const words = vocab
  .map((k, i) => ({ k, ws: weightsOf(DENSE_FEATURES.length + i) }))
  .filter((e) => strength(e.ws) >= MIN_ABS_WEIGHT)
  .sort((a, b) => strength(b.ws) - strength(a.ws))
  .slice(0, MAX_WORDS)
  .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));

const model: TextModel = {
  format: MODEL_FORMAT,
  heads: [...HEADS],
  bias: fits.map((f) => round(f.bias)),
  dense: Object.fromEntries(DENSE_FEATURES.map((name, j) => [name, weightsOf(j)])),
  words: Object.fromEntries(words.map((e) => [e.k, e.ws])),
  about: {
    written: 'by scripts/fit-model.ts; do not edit by hand, re-run the script',
    data: {
      airline: `${rows.filter((r) => r.source === 'airline').length} training rows of airline-tweets.csv (tweet_id not divisible by 5)`,
      sentiment: `${rows.filter((r) => r.source === 'sentiment').length} rows of tweeteval sentiment-val`,
      irony: `${rows.filter((r) => r.source === 'irony').length} rows of tweeteval irony-train and irony-val`,
      unseen: 'airline test rows, tweeteval sentiment-test and irony-test (reported by npm run eval)',
    },
    method:
      'L2-regularised logistic regression per head, full-batch Adam (deterministic), sign-constrained against the hand lexicon; ' +
      `words and bigrams seen in at least ${MIN_DF} texts, pruned to the ${words.length} strongest with |weight| >= ${MIN_ABS_WEIGHT}`,
    heads: Object.fromEntries(fits.map((f) => [f.head, { l2: f.l2, generalTweetWeight: f.general, innerValidationAuc: f.validation }])),
  },
};

const json = `${JSON.stringify(model, null, 0).replace(/\],"/g, '],\n"')}\n`;
if (process.argv.includes('--check')) {
  console.log(`would write ${json.length} characters (${vocab.length} candidate words, ${words.length} kept)`);
} else {
  writeFileSync(OUT, json);
  console.log(`wrote ${String(OUT)} (${json.length} characters, ${vocab.length} candidate words, ${words.length} kept)`);
}
