/**
 * A learned backstop behind the harm rules: a logistic regression over lemmas and lemma pairs
 * (src/scoring/harm-backstop.json, written by scripts/fit-harm-backstop.ts) that says whether an
 * English mention reads like a serious harm the rules did not name ("the lift doors opened
 * between floors"). Its hit gives a P2 floor with the reason "possible serious harm", never a
 * category. Fitted on the team's critical set against look-alikes, ordinary complaints and
 * airline tweets; its threshold keeps it rare on everyday mentions (see the file's `about`).
 *
 * Features are counted per occurrence, in the order the tokens come, clause breaks ending a pair:
 * the fit (backstopFeatures) and the runtime (backstopScore) walk the lemmas the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isBreak } from '../text/tokenize.js';

export const BACKSTOP_FORMAT = 'klaxon-harm-backstop/1';

export const backstopSchema = z.strictObject({
  format: z.literal(BACKSTOP_FORMAT),
  bias: z.number().finite(),
  /** A hit needs this probability or more. */
  threshold: z.number().gt(0).lt(1),
  /** Lemmas ("shaft") and lemma pairs ("nearly step") with their weight. */
  weights: z.record(z.string().min(1), z.number().finite()),
  /** Words too common to be a feature alone (they still open pairs). */
  stopwords: z.array(z.string()),
  about: z.record(z.string(), z.unknown()).optional(),
});

export type BackstopModel = z.infer<typeof backstopSchema>;

const CANDIDATES = [
  new URL('../harm-backstop.json', import.meta.url),
  new URL('../../../../src/scoring/harm-backstop.json', import.meta.url),
];

export function locateBackstop(): string {
  for (const url of CANDIDATES) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw new Error(`the harm backstop (harm-backstop.json) was not found; looked in ${CANDIDATES.map((u) => fileURLToPath(u)).join(', ')}`);
}

/** Reads and validates the backstop file; throws with the problems named. */
export function loadBackstop(path: string = locateBackstop()): BackstopModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`the harm backstop ${path} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const parsed = backstopSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'} ${i.message}`);
    throw new Error(`the harm backstop ${path} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The features of a lemma list, as the fit counts them (one entry per occurrence). */
export function backstopFeatures(lemmas: readonly string[], stopwords: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < lemmas.length; i++) {
    const a = lemmas[i]!;
    if (isBreak(a)) continue;
    if (!stopwords.has(a)) out.push(a);
    const b = lemmas[i + 1];
    if (b !== undefined && !isBreak(b)) out.push(`${a} ${b}`);
  }
  return out;
}

/** Per lemma: its own weight (0 when it has none or is a stopword) and the pairs it opens. */
export interface BackstopRow {
  weight: number;
  next: Map<string, number> | null;
}

export interface Backstop {
  threshold: number;
  /**
   * False when a text cannot reach the threshold because `most`, an upper bound of what its rows
   * add (see pairMost and secondMost), leaves it below (a caller that sums the bound in its own
   * pass over the words then skips probabilityOf).
   */
  mayReach(most: number): boolean;
  /** The most a pair opened by this lemma can add (0 when none is positive). */
  pairMost(lemma: string): number;
  /** The most a pair closed by this lemma can add (0 when none is positive). */
  secondMost(lemma: string): number;
  /** P(serious harm) for a lemma list. */
  probability(lemmas: readonly string[]): number;
  /**
   * The same from rows looked up in advance (`rows[i]` is `row(lemmas[i])`), for a caller that
   * merges this lookup with its own per-word one (read.ts).
   */
  probabilityOf(lemmas: readonly string[], rows: readonly (BackstopRow | undefined)[]): number;
  /** A lemma's row, if it has one. */
  row(lemma: string): BackstopRow | undefined;
  /** Every lemma with a row. */
  lemmas(): IterableIterator<string>;
}

export function compileBackstop(model: BackstopModel): Backstop {
  const rows = new Map<string, BackstopRow>();
  const rowOf = (w: string): BackstopRow => {
    let r = rows.get(w);
    if (!r) rows.set(w, (r = { weight: 0, next: null }));
    return r;
  };
  for (const [key, w] of Object.entries(model.weights)) {
    const space = key.indexOf(' ');
    if (space < 0) rowOf(key).weight = w;
    else (rowOf(key.slice(0, space)).next ??= new Map()).set(key.slice(space + 1), w);
  }
  const pairMost = new Map<string, number>();
  const secondMost = new Map<string, number>();
  for (const [first, row] of rows) {
    if (!row.next) continue;
    for (const [second, w] of row.next) {
      if (w > (pairMost.get(first) ?? 0)) pairMost.set(first, w);
      if (w > (secondMost.get(second) ?? 0)) secondMost.set(second, w);
    }
  }
  // The log-odds the threshold stands for, less a margin far above the rounding of a sum of a few
  // hundred weights: a bound below it cannot reach the threshold.
  const atLeast = Math.log(model.threshold / (1 - model.threshold)) - 1e-6;
  const probabilityOf = (lemmas: readonly string[], looked: readonly (BackstopRow | undefined)[]): number => {
    let z = model.bias;
    for (let i = 0; i < lemmas.length; i++) {
      const row = looked[i];
      if (!row) continue;
      z += row.weight;
      if (row.next) z += row.next.get(lemmas[i + 1] ?? '') ?? 0;
    }
    return 1 / (1 + Math.exp(-z));
  };
  return {
    threshold: model.threshold,
    mayReach: (most) => model.bias + most >= atLeast,
    pairMost: (lemma) => pairMost.get(lemma) ?? 0,
    secondMost: (lemma) => secondMost.get(lemma) ?? 0,
    probability: (lemmas) =>
      probabilityOf(
        lemmas,
        lemmas.map((l) => rows.get(l)),
      ),
    probabilityOf,
    row: (lemma) => rows.get(lemma),
    lemmas: () => rows.keys(),
  };
}

let builtin: Backstop | undefined;
/** The committed backstop, read once. */
export function harmBackstop(): Backstop {
  builtin ??= compileBackstop(loadBackstop());
  return builtin;
}
