/**
 * Applies the learned weights (../model.json, read by model-file.ts) to one text. Tables are
 * unpacked once at module load into a Map and flat Float64Arrays so scoring is a few lookups and
 * multiply-adds.
 */
import { loadTextModel } from './model-file.js';
import { DENSE_FEATURES, NEUTRAL_PRIOR, visitSparse, type SparseVisitor } from './features.js';
export { sentimentOf } from './features.js';
import type { RuleSignals } from './rules.js';
import type { Tokens } from './tokenize.js';

const MODEL = loadTextModel();
const MODEL_HEADS = MODEL.heads;
const MODEL_DENSE = MODEL.dense;
const MODEL_WORDS = MODEL.words;
const H = MODEL_HEADS.length;
const NEG = MODEL_HEADS.indexOf('negative');
const POS = MODEL_HEADS.indexOf('positive');
const SER = MODEL_HEADS.indexOf('serious');
/** The irony head is optional: a model fitted without it reads every text as not ironic. */
const IRO = MODEL_HEADS.indexOf('irony');
if (NEG < 0 || POS < 0 || SER < 0) throw new Error('model.json: heads must include negative, positive and serious');

const logit = (p: number): number => Math.log(p / (1 - p));

const BIAS = new Float64Array(H);
BIAS[NEG] = logit(NEUTRAL_PRIOR.negative);
BIAS[POS] = logit(NEUTRAL_PRIOR.positive);
BIAS[SER] = logit(NEUTRAL_PRIOR.serious);
if (IRO >= 0) BIAS[IRO] = MODEL.bias[IRO]!;

const DENSE_W = new Float64Array(DENSE_FEATURES.length * H);
DENSE_FEATURES.forEach((name, j) => {
  const ws = MODEL_DENSE[name];
  if (ws) for (let h = 0; h < H; h++) DENSE_W[j * H + h] = ws[h] ?? 0;
});

// Keys are split by kind ("word", "!word", "first second") into maps that are looked up with the
// words themselves, so scoring never concatenates strings.
const UNIGRAMS = new Map<string, number>();
const NEGATED = new Map<string, number>();
const BIGRAMS = new Map<string, Map<string, number>>();
const WORD_W = new Float64Array(Object.keys(MODEL_WORDS).length * H);
let rowCount = 0;
for (const [key, ws] of Object.entries(MODEL_WORDS)) {
  const at = rowCount++;
  for (let h = 0; h < H; h++) WORD_W[at * H + h] = ws[h] ?? 0;
  const space = key.indexOf(' ');
  if (space > 0) {
    const first = key.slice(0, space);
    let seconds = BIGRAMS.get(first);
    if (!seconds) BIGRAMS.set(first, (seconds = new Map()));
    seconds.set(key.slice(space + 1), at);
  } else if (key.startsWith('!') && key.length > 1) {
    NEGATED.set(key.slice(1), at);
  } else {
    UNIGRAMS.set(key, at);
  }
}

export interface LearnedReading {
  /** P(negative), P(positive), P(serious complaint), P(ironic), each 0..1. */
  negative: number;
  positive: number;
  serious: number;
  irony: number;
}

const z = new Float64Array(H);
function addRow(at: number | undefined): void {
  if (at === undefined) return;
  for (let h = 0; h < H; h++) z[h]! += WORD_W[at * H + h]!;
}
const ADD_WEIGHTS: SparseVisitor = {
  word: (w) => addRow(UNIGRAMS.get(w)),
  negated: (w) => addRow(NEGATED.get(w)),
  bigram: (a, b) => addRow(BIGRAMS.get(a)?.get(b)),
};

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function readLearned(tok: Tokens, rules: RuleSignals, dense: Float64Array): LearnedReading {
  z.set(BIAS);
  for (let j = 0; j < DENSE_FEATURES.length; j++) {
    const x = dense[j]!;
    if (x !== 0) for (let h = 0; h < H; h++) z[h]! += x * DENSE_W[j * H + h]!;
  }
  visitSparse(tok, rules, ADD_WEIGHTS);
  return { negative: sigmoid(z[NEG]!), positive: sigmoid(z[POS]!), serious: sigmoid(z[SER]!), irony: IRO >= 0 ? sigmoid(z[IRO]!) : 0 };
}

