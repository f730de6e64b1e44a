/**
 * Helpers that let the lexicon files stay readable: words are listed in groups that share one
 * value ("-3: worst horrible ...") instead of one object line per word.
 */

/** Builds a word → value map from groups of space-separated words. Later groups win. */
export function groups(entries: ReadonlyArray<readonly [number, string]>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [value, words] of entries) {
    for (const w of words.split(/\s+/)) if (w) map.set(w, value);
  }
  return map;
}

/** Builds a set from a space-separated word list. */
export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}
