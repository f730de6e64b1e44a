/**
 * All single-word lexicons merged into one table at module load, so the rules do one Map lookup
 * per token instead of one per lexicon (valence, emoji, negators, boosters, ...).
 */
import { BOOSTERS, CONTRAST, DAMPENERS, NEGATORS, RESOLUTION, SARCASM_EMOJI, SARCASM_PRONE } from '../lexicon/modifiers.js';
import { EMOJI_VALENCE, VALENCE } from '../lexicon/valence.js';

export const NEGATOR = 1;
export const BOOSTER = 2;
export const DAMPENER = 4;
/** "but" / "however": the clause after it weighs more (VADER). */
export const CONTRAST_WORD = 8;
export const SARCASM_PRONE_WORD = 16;
export const SARCASM_MARK = 32;
export const RESOLUTION_WORD = 64;

export interface WordInfo {
  valence: number;
  flags: number;
}

function build(): Map<string, WordInfo> {
  const table = new Map<string, WordInfo>();
  const entry = (w: string): WordInfo => {
    let e = table.get(w);
    if (!e) {
      e = { valence: 0, flags: 0 };
      table.set(w, e);
    }
    return e;
  };
  for (const [w, v] of VALENCE) entry(w).valence = v;
  for (const [w, v] of EMOJI_VALENCE) entry(w).valence = v;
  for (const w of NEGATORS) entry(w).flags |= NEGATOR;
  for (const w of BOOSTERS) entry(w).flags |= BOOSTER;
  for (const w of DAMPENERS) entry(w).flags |= DAMPENER;
  for (const w of CONTRAST) if (w === 'but' || w === 'however') entry(w).flags |= CONTRAST_WORD;
  for (const w of SARCASM_PRONE) entry(w).flags |= SARCASM_PRONE_WORD;
  for (const w of SARCASM_EMOJI) entry(w).flags |= SARCASM_MARK;
  for (const w of RESOLUTION) entry(w).flags |= RESOLUTION_WORD;
  return table;
}

export const WORD_TABLE: ReadonlyMap<string, WordInfo> = build();
