/**
 * Minimal L2-regularised logistic regression over sparse rows, trained with full-batch Adam.
 * Used offline by scripts/fit-lexicon.ts only; the runtime just reads the resulting weights.
 * Full batch keeps it deterministic (no shuffling, no seed) so re-running the fit reproduces
 * the committed model byte for byte.
 */

export interface SparseRow {
  /** Feature column indices (may repeat; each occurrence counts). */
  idx: Int32Array;
  /** Matching values. */
  val: Float64Array;
}

export interface FitOptions {
  l2: number;
  epochs: number;
  learningRate: number;
  /** Optional per-row weights (e.g. to balance classes). */
  rowWeight?: Float64Array;
  /** Optional box constraints per column (projected after every step); ±Infinity = free. */
  lower?: Float64Array;
  upper?: Float64Array;
}

export interface FitResult {
  bias: number;
  weights: Float64Array;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function fitLogistic(rows: readonly SparseRow[], labels: readonly boolean[], dims: number, opt: FitOptions): FitResult {
  const w = new Float64Array(dims);
  const m = new Float64Array(dims + 1);
  const v = new Float64Array(dims + 1);
  const grad = new Float64Array(dims + 1);
  const b1 = 0.9;
  const b2 = 0.999;
  const eps = 1e-8;
  let bias = 0;
  const n = rows.length;
  let totalWeight = 0;
  for (let r = 0; r < n; r++) totalWeight += opt.rowWeight?.[r] ?? 1;
  for (let epoch = 1; epoch <= opt.epochs; epoch++) {
    grad.fill(0);
    for (let r = 0; r < n; r++) {
      const row = rows[r]!;
      let z = bias;
      for (let k = 0; k < row.idx.length; k++) z += w[row.idx[k]!]! * row.val[k]!;
      const err = ((sigmoid(z) - (labels[r] ? 1 : 0)) * (opt.rowWeight?.[r] ?? 1)) / totalWeight;
      for (let k = 0; k < row.idx.length; k++) grad[row.idx[k]!]! += err * row.val[k]!;
      grad[dims]! += err;
    }
    for (let j = 0; j < dims; j++) grad[j]! += opt.l2 * w[j]!;
    const c1 = 1 - b1 ** epoch;
    const c2 = 1 - b2 ** epoch;
    for (let j = 0; j <= dims; j++) {
      const g = grad[j]!;
      m[j] = b1 * m[j]! + (1 - b1) * g;
      v[j] = b2 * v[j]! + (1 - b2) * g * g;
      const step = (opt.learningRate * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + eps);
      if (j === dims) {
        bias -= step;
        continue;
      }
      let x = w[j]! - step;
      if (opt.lower && x < opt.lower[j]!) x = opt.lower[j]!;
      if (opt.upper && x > opt.upper[j]!) x = opt.upper[j]!;
      w[j] = x;
    }
  }
  return { bias, weights: w };
}

export function predictLogit(row: SparseRow, fit: FitResult): number {
  let z = fit.bias;
  for (let k = 0; k < row.idx.length; k++) z += fit.weights[row.idx[k]!]! * row.val[k]!;
  return z;
}
