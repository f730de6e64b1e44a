/**
 * The arithmetic of spike detection, pure: an exponentially weighted moving average (EWMA) of a
 * count per bucket with an exponentially weighted variance, the threshold derived from them, and
 * the durable state that carries both across ticks and restarts.
 */

export interface Baseline {
  /** Expected count per bucket. */
  mean: number;
  /** Exponentially weighted variance of the count per bucket. */
  variance: number;
}

export interface KeyState extends Baseline {
  /** Set while a spike is on: no further alert for this key until it ends. */
  active: { since: string; peak: number } | null;
}

export interface SpikeState {
  /** Index (epoch ms ÷ bucket width) of the newest bucket folded into the baselines. */
  lastBucket: number | null;
  bucketMinutes: number;
  keys: Record<string, KeyState>;
}

export interface ThresholdRule {
  k: number;
  factor: number;
  minCount: number;
}

/**
 * The smallest count that is a spike, for a window `scale` buckets wide: at least `minCount`,
 * strictly above mean + k·σ, and at least factor × mean. σ is never taken below √mean (a Poisson
 * count's spread) nor below 1, so a quiet, regular stream does not make every wobble a spike.
 */
export function spikeThreshold(b: Baseline, rule: ThresholdRule, scale = 1): number {
  const mean = b.mean * scale;
  const sd = Math.sqrt(Math.max(b.variance * scale, mean, 1));
  return Math.max(rule.minCount, Math.floor(mean + rule.k * sd) + 1, Math.ceil(rule.factor * mean - 1e-9));
}

/**
 * Folds one bucket's count into the baseline (West's incremental EW mean and variance). The
 * count is first capped at the current threshold, so a burst barely moves the baseline (the next
 * burst is still seen) while a lasting change of level is learned within a few hours: the cap
 * itself rises with the mean (it is at least factor × mean).
 */
export function foldBucket(b: Baseline, count: number, alpha: number, rule: ThresholdRule): Baseline {
  const x = Math.min(count, spikeThreshold(b, rule));
  const diff = x - b.mean;
  const increment = alpha * diff;
  return { mean: b.mean + increment, variance: (1 - alpha) * (b.variance + diff * increment) };
}

/** Keys that have been quiet this long (mean below this) and carry no alert are dropped. */
const FORGET_BELOW = 1e-3;

export function isForgettable(s: KeyState): boolean {
  return s.active === null && s.mean < FORGET_BELOW;
}

export function emptyState(bucketMinutes: number): SpikeState {
  return { lastBucket: null, bucketMinutes, keys: {} };
}

/** Reads stored state; anything unreadable, or kept with another bucket width, starts afresh. */
export function parseState(raw: string | undefined, bucketMinutes: number): SpikeState {
  if (!raw) return emptyState(bucketMinutes);
  try {
    const s = JSON.parse(raw) as SpikeState;
    if (s.bucketMinutes !== bucketMinutes || typeof s.keys !== 'object' || s.keys === null) return emptyState(bucketMinutes);
    return s;
  } catch {
    return emptyState(bucketMinutes);
  }
}
