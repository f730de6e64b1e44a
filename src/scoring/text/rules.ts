/**
 * The rule-based reading of a text: VADER-style valence (negation window, boosters, ALL-CAPS,
 * "but", punctuation emphasis) over the hand lexicons, plus complaint/risk theme evidence and
 * sarcasm handling. Pure and allocation-light: one pass to find phrases and valences, one to
 * apply modifiers.
 */
import { COMPLAINT_PHRASES } from '../lexicon/complaints.js';
import { BOOSTERS, CONTRAST, DAMPENERS, NEGATORS, SARCASM_EMOJI, SARCASM_PRONE } from '../lexicon/modifiers.js';
import { RISK_PHRASES } from '../lexicon/risks.js';
import { PRAISE_PHRASES, SARCASM_PHRASES } from '../lexicon/sarcasm.js';
import { EMOJI_VALENCE, VALENCE } from '../lexicon/valence.js';
import { compilePhrases, matchAt, type PhraseHit, type PhraseMatcher } from './phrases.js';
import { isBreak, type Tokens } from './tokenize.js';

// VADER constants (Hutto & Gilbert 2014).
const B_INCR = 0.293;
const C_INCR = 0.733;
const N_SCALAR = -0.74;
const ALPHA = 15;

/** A phrase this strong and this negative is a concrete bad event ("delayed", "on hold"); praise
 * right before one is read as sarcasm. Topic words ("customer service") and requests ("refund")
 * are not events: "thanks for the refund" is sincere. */
const EVENT_WEIGHT = 0.45;
const EVENT_VALENCE = -1.5;
/** How far (in words, same clause) praise may precede the event: "thanks for the 3 hour delay". */
const SARCASM_REACH = 5;

export const BUILTIN_MATCHER: PhraseMatcher = compilePhrases([
  ...COMPLAINT_PHRASES,
  ...RISK_PHRASES,
  ...SARCASM_PHRASES,
  ...PRAISE_PHRASES,
]);

export interface ThemeHit {
  theme: string;
  weight: number;
  /** The words matched, for explanations and debugging. */
  phrase: string;
  negated: boolean;
}

export interface RuleSignals {
  /** VADER-style compound, -1..1. */
  compound: number;
  /** Sums of positive and (absolute) negative valence after modifiers. */
  positive: number;
  negative: number;
  hits: ThemeHit[];
  sarcasm: boolean;
  negations: number;
  /** Indices (in tokens.words) of words inside a negation window; used by the learned part. */
  negatedAt: boolean[];
}

function lookupValence(w: string): number {
  const v = VALENCE.get(w) ?? EMOJI_VALENCE.get(w);
  if (v !== undefined) return v;
  // Elongated words were collapsed to double letters ("soo"); try single letters too.
  for (let i = 1; i < w.length; i++) {
    if (w.charCodeAt(i) === w.charCodeAt(i - 1)) {
      const single = w.replace(/(.)\1+/g, '$1');
      return VALENCE.get(single) ?? 0;
    }
  }
  return 0;
}

/** Index of the nearest preceding negator within 3 words of the same clause, or -1. */
function negatorBefore(words: readonly string[], i: number): number {
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    const w = words[k]!;
    if (isBreak(w)) return -1;
    if (NEGATORS.has(w)) {
      // "never so good", "not only": VADER treats these as emphasis, not negation.
      const next = words[k + 1];
      if (next === 'only' || (w === 'never' && (next === 'so' || next === 'this'))) return -1;
      return k;
    }
  }
  return -1;
}

function longestAt(found: readonly PhraseHit[]): PhraseHit | undefined {
  let best: PhraseHit | undefined;
  for (const h of found) if (!best || h.end > best.end) best = h;
  return best;
}

function boost(words: readonly string[], i: number): number {
  let scalar = 0;
  for (let d = 1; d <= 3; d++) {
    const w = words[i - d];
    if (w === undefined || isBreak(w)) break;
    const decay = d === 1 ? 1 : d === 2 ? 0.95 : 0.9;
    if (BOOSTERS.has(w)) scalar += B_INCR * decay;
    else if (DAMPENERS.has(w)) scalar -= B_INCR * decay;
  }
  return scalar;
}

export function readRules(tok: Tokens, extra?: PhraseMatcher): RuleSignals {
  const { words, caps } = tok;
  const n = words.length;
  const val = new Array<number>(n).fill(0);
  const negatedAt = new Array<boolean>(n).fill(false);
  const praiseAt: number[] = [];
  const hits: ThemeHit[] = [];
  const found: PhraseHit[] = [];
  let coveredUntil = 0;
  let sarcasmCue = false;
  let eventEvidence = false;
  const eventStarts: number[] = [];

  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    if (isBreak(w)) continue;
    found.length = 0;
    matchAt(BUILTIN_MATCHER, words, i, found);
    if (extra) matchAt(extra, words, i, found);
    const longest = longestAt(found);
    for (const h of found) {
      const theme = h.entry.theme;
      if (theme === 'praise') continue;
      const neg = negatorBefore(words, i) >= 0;
      if (theme === 'sarcasm') {
        // Inside a longer phrase ("thanks so much for") the shorter cue ("so much for") is not one.
        if (i >= coveredUntil && h === longestAt(found)) sarcasmCue = true;
      } else if (h.entry.weight >= EVENT_WEIGHT && h.entry.valence <= EVENT_VALENCE && !neg) {
        eventEvidence = true;
        eventStarts.push(i);
      }
      hits.push({ theme, weight: h.entry.weight, phrase: words.slice(h.start, h.end).join(' '), negated: neg });
    }
    if (i < coveredUntil) continue; // already valued as part of an earlier phrase
    if (longest) {
      val[i] = longest.entry.valence;
      if (longest.entry.theme === 'praise') praiseAt.push(i);
      coveredUntil = longest.end;
    } else {
      val[i] = lookupValence(w);
      if (SARCASM_EMOJI.has(w)) sarcasmCue = true;
    }
  }

  // A trailing "... not" after praise ("great service... NOT") reverses it.
  let last = n - 1;
  while (last >= 0 && isBreak(words[last]!)) last--;
  const trailingNot = last > 0 && words[last] === 'not';

  let negations = 0;
  let contrastAt = -1;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    if (contrastAt < 0 && CONTRAST.has(w) && (w === 'but' || w === 'however')) contrastAt = i;
    const neg = negatorBefore(words, i);
    if (neg >= 0) negatedAt[i] = true;
    let v = val[i]!;
    if (v === 0) continue;
    const sign = v > 0 ? 1 : -1;
    v += sign * boost(words, i);
    if (caps[i] && tok.capsWords < tok.letterWords) v += sign * C_INCR;
    if (neg >= 0) {
      v *= N_SCALAR;
      negations++;
    }
    if (v > 0 && (SARCASM_PRONE.has(w) || praiseAt.includes(i))) {
      // Praise followed by a complaint event in the same clause, or marked by 🙄/👏/"not" at the
      // end, is sarcasm: "thanks for the 3 hour delay", "love being on hold".
      let eventAfter = false;
      for (const s of eventStarts) {
        if (s > i && s - i <= SARCASM_REACH) {
          let crosses = false;
          for (let k = i + 1; k < s; k++) if (isBreak(words[k]!)) crosses = true;
          if (!crosses) eventAfter = true;
        }
      }
      if (eventAfter || sarcasmCue || trailingNot || (praiseAt.includes(i) && eventEvidence)) {
        v = -0.75 * v;
        sarcasmCue = true;
      } else if (eventEvidence) {
        v *= 0.5; // politeness inside a complaint ("thanks, but my bag is still missing")
      }
    }
    val[i] = v;
  }

  let sum = 0;
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < n; i++) {
    let v = val[i]!;
    if (v === 0) continue;
    if (contrastAt >= 0) v *= i < contrastAt ? 0.5 : i > contrastAt ? 1.5 : 1;
    sum += v;
    if (v > 0) positive += v;
    else negative -= v;
  }
  if (sum !== 0) {
    const ep = Math.min(tok.exclamations, 4) * 0.292;
    const qm = tok.questions > 1 ? Math.min(tok.questions * 0.18, 0.96) : 0;
    sum += (sum > 0 ? 1 : -1) * (ep + qm);
  }
  const compound = sum / Math.sqrt(sum * sum + ALPHA);
  return { compound, positive, negative, hits, sarcasm: sarcasmCue, negations, negatedAt };
}
