/**
 * Percentiles, one definition for every report: linear interpolation between closest ranks
 * (Hyndman–Fan type 7, numpy's default, Excel's PERCENTILE.INC). For n values in ascending order
 * the p-th percentile sits at rank r = p/100 · (n − 1) and is v[⌊r⌋] + (r − ⌊r⌋)·(v[⌊r⌋+1] − v[⌊r⌋]).
 * So the median of an even count is the mean of the two middle values, p0 is the minimum and
 * p100 the maximum.
 *
 * `percentile` takes already-sorted values. `percentilesInPlace` gives the same numbers from
 * unsorted values by selection (expected O(n)) instead of an O(n log n) sort: a report has one
 * value list per group and only needs two or three ranks of each, and sorting millions of values
 * per group dominated the report's cost.
 */

function checkP(p: number): void {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be within 0..100, got ${p}`);
}

/** The `p`-th percentile (0 ≤ p ≤ 100) of ascending `sortedValues`; null when there are none. */
export function percentile(sortedValues: ArrayLike<number>, p: number): number | null {
  checkP(p);
  const n = sortedValues.length;
  if (n === 0) return null;
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const a = sortedValues[lo] as number;
  if (rank === lo) return a;
  const b = sortedValues[lo + 1] as number;
  return a + (b - a) * (rank - lo);
}

/**
 * Percentiles of unsorted values, equal to `percentile` on the sorted values. Reorders `values`
 * (partially sorts them); `ps` may come in any order.
 */
export function percentilesInPlace(values: Float64Array, ps: readonly number[]): (number | null)[] {
  ps.forEach(checkP);
  const n = values.length;
  if (n === 0) return ps.map(() => null);
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const out: (number | null)[] = new Array<number | null>(ps.length).fill(null);
  // Each selection leaves values[0..k) ≤ values[k] ≤ values(k..n), so the next (larger) rank
  // only needs to search to the right of the previous one.
  let left = 0;
  let lastK = -1;
  for (const { p, i } of order) {
    const rank = (p / 100) * (n - 1);
    const k = Math.floor(rank);
    if (k !== lastK) {
      select(values, k, Math.max(left, 0), n - 1);
      left = k + 1;
      lastK = k;
    }
    const a = values[k] as number;
    if (rank === k) {
      out[i] = a;
      continue;
    }
    // The next order statistic is the minimum of the right-hand part.
    let b = Infinity;
    for (let j = k + 1; j < n; j++) {
      const v = values[j] as number;
      if (v < b) b = v;
    }
    out[i] = a + (b - a) * (rank - k);
  }
  return out;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * Floyd–Rivest selection: rearranges a[left..right] so that a[k] holds the value a sort would put
 * there, with nothing larger before it and nothing smaller after it. Expected linear time.
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a small sample around k to pick a pivot that lands close to k.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(a, k, newLeft, newRight);
    }
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < t) i++;
      while ((a[j] as number) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}
