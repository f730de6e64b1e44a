/**
 * The engine's own copy of a string (V8 "internalizes" every property name). Two such copies are
 * equal exactly when they are the same object, so a Map lookup whose key and whose stored keys
 * are both internalized settles every comparison on the pointer, without reading either string's
 * characters. The scorer's word tables are built from internalized keys, and the first pass over
 * a text swaps each known word for its table key (read.ts), so the later per-word lookups (phrase
 * buckets, model rows, backstop pairs) mostly compare pointers. The value is the same string: this
 * changes speed, never a result.
 */
export function intern(s: string): string {
  const holder: Record<string, 0> = { [s]: 0 };
  for (const key in holder) return key;
  return s;
}
