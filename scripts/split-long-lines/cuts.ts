/** Where a literal may be cut, and which of those places reads best. */
import { lineWidth } from '../source-files.js';

/** Offsets in `text` where a literal may be cut: inside its own text, never inside an escape or a `${}`. */
export function cuttable(text: string, ranges: [number, number][]): Set<number> {
  const allowed = new Set<number>();
  for (const [start, end] of ranges) {
    let backslashes = 0;
    // A cut at `at` means a piece ends before text[at]: not after an escaping backslash, not between a
    // surrogate pair, not between `$` and `{`. The ends of a range are cuts too: beside a `${}`.
    for (let at = start; at <= end; at += 1) {
      const code = text.charCodeAt(at);
      const lowSurrogate = at < end && code >= 0xdc00 && code <= 0xdfff;
      if (backslashes % 2 === 0 && !lowSurrogate && text[at - 1] !== '$') allowed.add(at);
      backslashes = text[at] === '\\' ? backslashes + 1 : 0;
    }
  }
  return allowed;
}

/** Width in characters of text[from, to). */
export const widthOf = (text: string, from: number, to: number) => lineWidth(text.slice(from, to));

/** How good a place to cut text before `at` is: higher is better, 0 never. */
export type Rank = (text: string, at: number) => number;

/** Prose and phrase lists: after `| `, `, `, `; `, `. ` or `: ` (between phrases), else after a space, else after punctuation. */
export const proseRank: Rank = (text, at) => {
  if (text[at - 1] === ' ' && text[at] !== ' ') return /[|,;.:]/.test(text[at - 2] ?? '') ? 4 : 3;
  return /[,;:|/)\]-]/.test(text[at - 1]!) ? 2 : 1;
};

/** A regular expression: after a `|` (between alternatives), else after a `)`, else anywhere. */
export const regexRank: Rank = (text, at) => (text[at - 1] === '|' ? 4 : text[at - 1] === ')' ? 3 : 1);

/**
 * Cut points for the stretch [from, to) so that each piece fits its budget, at the best-ranked place
 * (the furthest of equals). A rank-4 place counts only when it keeps at least 60% of the budget, so a
 * phrase boundary early in the line does not leave a short piece. Empty when nothing fits.
 */
export function cutPoints(text: string, from: number, to: number, first: number, rest: number, allowed: Set<number>, rank: Rank): number[] {
  const cuts: number[] = [];
  let start = from;
  let budget = first;
  while (widthOf(text, start, to) > budget) {
    let best = -1;
    let bestRank = 0;
    for (let at = start + 1; at < to && widthOf(text, start, at) <= budget; at += 1) {
      if (!allowed.has(at)) continue;
      let here = rank(text, at);
      if (here === 4 && widthOf(text, start, at) < budget * 0.6) here = 3;
      if (here >= bestRank) {
        best = at;
        bestRank = here;
      }
    }
    // A cut at no boundary at all, in the first third of the budget, would leave a stub: give up instead.
    if (best < 0 || (bestRank === 1 && widthOf(text, start, best) < budget / 3)) break;
    cuts.push(best);
    start = best;
    budget = rest;
  }
  return cuts;
}
