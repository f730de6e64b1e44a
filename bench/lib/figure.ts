/** One line of the benchmark table (and of bench/results.json). */
export interface Figure {
  /** Stable key in results.json. */
  id: string;
  /** What is measured, in words. */
  name: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run on the same machine: a short name for the table, what it is in words. */
  baseline: { name: string; value: number; unit: string; description: string };
  /** value ÷ baseline, or the ratio the issue defines for this figure (see `ratioOf`). */
  ratio: number;
  /** What the ratio means, e.g. "of raw insert speed". */
  ratioOf: string;
  /** The target in words, e.g. "≥ 0.3 of raw and ≥ 20,000/s". */
  target: string;
  met: boolean;
  /** For a miss: what limits it, in plain words. */
  limit?: string;
  /** Raw samples and counts behind the figure. */
  details?: Record<string, unknown>;
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
