/**
 * Turns theme phrase hits into per-theme evidence and one overall complaint-evidence number.
 */
import type { ThemeHit } from './rules.js';

/** A negated event ("wasn't delayed", "never lost anything") is weaker evidence, not none:
 * "still haven't received a refund" is still a refund complaint. */
const NEGATED_FACTOR = 0.5;
/** Each further theme adds less: two themes are more serious than one, but not twice. */
const THEME_DECAY = 0.5;

/** Strongest evidence per theme (sarcasm/praise are tone, not themes, and are skipped). */
export function themeEvidence(hits: readonly ThemeHit[]): Map<string, number> {
  const byTheme = new Map<string, number>();
  for (const h of hits) {
    if (h.theme === 'sarcasm' || h.theme === 'praise') continue;
    const w = h.weight * (h.negated ? NEGATED_FACTOR : 1);
    if (w > (byTheme.get(h.theme) ?? 0)) byTheme.set(h.theme, w);
  }
  return byTheme;
}

const scratch = new Float64Array(64);

/**
 * Combined evidence 0..1 that the text reports a concrete problem, from the themes that pass
 * `include` (all when omitted).
 */
export function complaintEvidence(byTheme: ReadonlyMap<string, number>, include?: (theme: string) => boolean): number {
  // Insertion sort (descending) into a reused buffer: a handful of themes, no allocation.
  let count = 0;
  for (const [t, w] of byTheme) {
    if ((include && !include(t)) || count === scratch.length) continue;
    let j = count++;
    while (j > 0 && scratch[j - 1]! < w) {
      scratch[j] = scratch[j - 1]!;
      j--;
    }
    scratch[j] = w;
  }
  let e = 0;
  let f = 1;
  for (let k = 0; k < count; k++) {
    e += scratch[k]! * f;
    f *= THEME_DECAY;
  }
  return 1 - Math.exp(-1.5 * e);
}
