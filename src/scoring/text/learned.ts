/**
 * Applies the learned weights (../model.json, read by model-file.ts) to one text. Tables are
 * unpacked once at module load into a Map and flat Float64Arrays so scoring is a few lookups and
 * multiply-adds.
 */
import { loadTextModel } from './model-file.js';
import { DENSE_FEATURES, NEUTRAL_PRIOR, visitSparse, type SparseVisitor } from './features.js';
export { sentimentOf } from './features.js';
import type { RuleSignals } from './rules.js';
import { isBreak, type Tokens } from './tokenize.js';
import type { ModelRows, WordLook } from './prelook.js';

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

/**
 * Everything the model knows about one word, found with one lookup: its row as a word and as a
 * negated word ("!word"), and the rows of the bigrams it starts. Keys ("word", "!word", "first
 * second") are split at load, so scoring never concatenates strings.
 */
type WordRows = ModelRows;

/** The model's rows for a word, if it has any (for callers that merge this lookup with theirs). */
export function modelRows(word: string): ModelRows | undefined {
  return WORDS.get(word);
}

/** Every word the model has rows for. */
export function modelWords(): IterableIterator<string> {
  return WORDS.keys();
}

const WORDS = new Map<string, WordRows>();
const rowsOf = (w: string): WordRows => {
  let r = WORDS.get(w);
  if (!r) WORDS.set(w, (r = { word: -1, negated: -1, next: null }));
  return r;
};
const WORD_W = new Float64Array(Object.keys(MODEL_WORDS).length * H);
let rowCount = 0;
for (const [key, ws] of Object.entries(MODEL_WORDS)) {
  const at = rowCount++;
  for (let h = 0; h < H; h++) WORD_W[at * H + h] = ws[h] ?? 0;
  const space = key.indexOf(' ');
  if (space > 0) {
    const first = rowsOf(key.slice(0, space));
    (first.next ??= new Map()).set(key.slice(space + 1), at);
  } else if (key.startsWith('!') && key.length > 1) {
    rowsOf(key.slice(1)).negated = at;
  } else {
    rowsOf(key).word = at;
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
  if (at === undefined || at < 0) return;
  for (let h = 0; h < H; h++) z[h]! += WORD_W[at * H + h]!;
}

/**
 * Adds the sparse features of the text: the same walk as features.ts visitSparse (the fit's
 * keys), with one lookup per word. A test checks the two agree.
 */
function addSparse(tok: Tokens, rules: RuleSignals, looks?: readonly (WordLook | undefined)[]): void {
  const words = tok.words;
  let prev: WordRows | undefined;
  let prevWord = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (isBreak(w)) {
      prevWord = false;
      continue;
    }
    const rows = looks ? looks[i]?.rows : WORDS.get(w);
    if (rows) addRow(rules.negatedAt[i] ? rows.negated : rows.word);
    if (prevWord && prev?.next) addRow(prev.next.get(w));
    prev = rows;
    prevWord = true;
  }
}

/** The model's raw sum for one head, through the visitor the fit uses (for the agreement test). */
export function sparseSumByVisitor(tok: Tokens, rules: RuleSignals, head: string): number {
  const h = MODEL_HEADS.indexOf(head);
  let sum = 0;
  const row = (at: number | undefined): void => void (at !== undefined && at >= 0 && (sum += WORD_W[at * H + h]!));
  const visitor: SparseVisitor = {
    word: (w) => row(WORDS.get(w)?.word),
    negated: (w) => row(WORDS.get(w)?.negated),
    bigram: (a, b) => row(WORDS.get(a)?.next?.get(b)),
  };
  visitSparse(tok, rules, visitor);
  return sum;
}

/** The same raw sum through the runtime path. */
export function sparseSum(tok: Tokens, rules: RuleSignals, head: string): number {
  z.fill(0);
  addSparse(tok, rules);
  return z[MODEL_HEADS.indexOf(head)]!;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function readLearned(
  tok: Tokens,
  rules: RuleSignals,
  dense: Float64Array,
  looks?: readonly (WordLook | undefined)[],
): LearnedReading {
  z.set(BIAS);
  for (let j = 0; j < DENSE_FEATURES.length; j++) {
    const x = dense[j]!;
    if (x !== 0) for (let h = 0; h < H; h++) z[h]! += x * DENSE_W[j * H + h]!;
  }
  addSparse(tok, rules, looks);
  return { negative: sigmoid(z[NEG]!), positive: sigmoid(z[POS]!), serious: sigmoid(z[SER]!), irony: IRO >= 0 ? sigmoid(z[IRO]!) : 0 };
}
