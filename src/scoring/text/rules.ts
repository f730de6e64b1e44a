/**
 * The rule-based reading of a text: VADER-style valence (negation window, boosters, ALL-CAPS,
 * "but", punctuation emphasis) over the hand lexicons, plus complaint/risk theme evidence and
 * sarcasm handling. Pure and allocation-light: one pass to find phrases and valences, one to
 * apply modifiers.
 */
import { COMPLAINT_PHRASES } from '../lexicon/complaints.js';
import { RISK_PHRASES } from '../lexicon/risks.js';
import { PRAISE_PHRASES, SARCASM_PHRASES } from '../lexicon/sarcasm.js';
import { compilePhrases, matchAt, matchBucket, matchCandidates, type PhraseHit, type PhraseMatcher } from './phrases.js';
import type { WordLook } from './prelook.js';
import { isBreak, type Tokens } from './tokenize.js';
import { BOOSTER, CONTRAST_WORD, DAMPENER, NEGATOR, RESOLUTION_WORD, SARCASM_MARK, SARCASM_PRONE_WORD, WORD_TABLE } from './word-table.js';

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
/** Word valence at or below which a word counts like a bad event for the sarcasm rule. */
const STRONG_NEGATIVE = -2;
/** How far (in words, same clause) praise may precede the event: "thanks for the 3 hour delay". */
const SARCASM_REACH = 5;

/** The most frequent words: phrases starting with one are looked up by their second word. */
const COMMON_FIRST = new Set(
  `
  the i a an you for on and my to in of it is that do not no with at this be have was are me so can but
  just will our we your all they would there what from out up if one now how by or its im been get
`
    .split(/\s+/)
    .filter(Boolean),
);

export const BUILTIN_MATCHER: PhraseMatcher = compilePhrases(
  [...COMPLAINT_PHRASES, ...RISK_PHRASES, ...SARCASM_PHRASES, ...PRAISE_PHRASES],
  { commonFirst: COMMON_FIRST },
);

export interface ThemeHit {
  theme: string;
  weight: number;
  /** Word range in tokens.words (end exclusive), for debugging and tests. */
  start: number;
  end: number;
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
  /** Per token of tokens.words: inside a negation window, or praise read as sarcasm. The learned
   * part sees these words as "!word". */
  negatedAt: boolean[];
}

/** VADER boosters/dampeners in the 3 words before i (same clause), with distance decay. */
function boost(words: readonly string[], flags: readonly number[], i: number): number {
  let scalar = 0;
  for (let d = 1; d <= 3 && i - d >= 0; d++) {
    if (isBreak(words[i - d]!)) break;
    const f = flags[i - d]!;
    const decay = d === 1 ? 1 : d === 2 ? 0.95 : 0.9;
    if (f & BOOSTER) scalar += B_INCR * decay;
    else if (f & DAMPENER) scalar -= B_INCR * decay;
  }
  return scalar;
}

/** "never so good", "not only": VADER treats these as emphasis, not negation. */
function isEmphaticNegator(w: string, next: string | undefined): boolean {
  return next === 'only' || (w === 'never' && (next === 'so' || next === 'this'));
}

export function readRules(tok: Tokens, extra?: PhraseMatcher, looks?: readonly (WordLook | undefined)[]): RuleSignals {
  const { words, caps } = tok;
  const n = words.length;
  const val = new Array<number>(n);
  const flags = new Array<number>(n);
  const negatedAt = new Array<boolean>(n);
  const praiseAt: number[] = [];
  const eventStarts: number[] = [];
  const hits: ThemeHit[] = [];
  /** Phrase hits of all positions; each position appends its own (never reset: no length writes). */
  const found: PhraseHit[] = [];
  let coveredUntil = 0;
  let sarcasmCue = false;
  let eventEvidence = false;
  let lastNegator = -1;
  let contrastAt = -1;
  let resolved = false;

  // Pass 1: word info, negation scope, phrases and base valences.
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    val[i] = 0;
    flags[i] = 0;
    negatedAt[i] = false;
    if (isBreak(w)) {
      lastNegator = -1;
      continue;
    }
    const look = looks?.[i];
    const info = looks ? look?.info : WORD_TABLE.get(w);
    const f = info ? info.flags : 0;
    flags[i] = f;
    const neg = lastNegator >= 0 && i - lastNegator <= 3;
    negatedAt[i] = neg;
    if (f & NEGATOR) lastNegator = isEmphaticNegator(w, words[i + 1]) ? -1 : i;
    if (f & CONTRAST_WORD && contrastAt < 0) contrastAt = i;
    if (f & SARCASM_MARK) sarcasmCue = true;
    if (f & RESOLUTION_WORD && !neg) resolved = true;

    const from = found.length;
    if (looks) {
      if (look?.builtin) matchBucket(look.builtin, words, i, found, from);
      const next = looks[i + 1]?.builtinNext;
      if (next) matchCandidates(next, words, i, found, from);
    } else {
      matchAt(BUILTIN_MATCHER, words, i, found, from);
    }
    if (extra) matchAt(extra, words, i, found, from);
    let longest: PhraseHit | undefined;
    for (let k = from; k < found.length; k++) if (!longest || found[k]!.end > longest.end) longest = found[k];
    for (let k = from; k < found.length; k++) {
      const h = found[k]!;
      const theme = h.entry.theme;
      if (theme === 'praise') continue;
      if (theme === 'sarcasm') {
        // Inside a longer phrase ("thanks so much for") the shorter cue ("so much for") is not one.
        if (i >= coveredUntil && h === longest) sarcasmCue = true;
      } else if (h.entry.weight >= EVENT_WEIGHT && h.entry.valence <= EVENT_VALENCE && !neg) {
        eventEvidence = true;
        eventStarts.push(i);
      }
      hits.push({ theme, weight: h.entry.weight, start: h.start, end: h.end, negated: neg });
    }
    if (i < coveredUntil) continue; // already valued as part of an earlier phrase
    if (longest) {
      val[i] = longest.entry.valence;
      if (longest.entry.theme === 'praise') praiseAt.push(i);
      coveredUntil = longest.end;
    } else if (info) {
      val[i] = info.valence;
      // A strongly negative word right after praise makes it sarcastic too ("great job ruining").
      if (info.valence <= STRONG_NEGATIVE && !neg) eventStarts.push(i);
    }
  }

  dropContainedHits(hits);
  // The learned part should not read sarcastic words at face value: it sees them as negated.
  for (const h of hits) if (h.theme === 'sarcasm') for (let k = h.start; k < h.end; k++) negatedAt[k] = true;

  // A trailing "... not" after praise ("great service... NOT") reverses it.
  let last = n - 1;
  while (last >= 0 && isBreak(words[last]!)) last--;
  const trailingNot = last > 0 && words[last] === 'not';
  // Praise alone in the last short clause after a complaint is a bitter aside ("... Love it.",
  // "... Classic."); the same words opening a text are sincere more often than not.
  let lastClause = last;
  while (lastClause > 0 && !isBreak(words[lastClause - 1]!)) lastClause--;
  const problemBefore = !resolved && hits.some((h) => h.start < lastClause && !h.negated && isProblem(h));
  const asideFrom = problemBefore && last - lastClause < 3 ? lastClause : n;

  // Pass 2: modifiers (boosters, caps, negation, sarcasm, politeness) and the "but" rule.
  let negations = 0;
  let sum = 0;
  let positive = 0;
  let negative = 0;
  const mixedCaps = tok.capsWords < tok.letterWords;
  // Explicit cues (🙄, "thanks for nothing", "... NOT") flip all praise; a flip found here by
  // context flips only its own word, but still marks the text sarcastic.
  let sarcasm = sarcasmCue;
  for (let i = 0; i < n; i++) {
    let v = val[i]!;
    if (v === 0) continue;
    const sign = v > 0 ? 1 : -1;
    v += sign * boost(words, flags, i);
    if (caps[i] && mixedCaps) v += sign * C_INCR;
    if (negatedAt[i]) {
      v *= N_SCALAR;
      negations++;
    }
    const isPraise = v > 0 && (flags[i]! & SARCASM_PRONE_WORD || praiseAt.includes(i));
    if (isPraise) {
      const praisePhraseInComplaint = eventEvidence && !resolved && praiseAt.includes(i);
      if (sarcasmCue || trailingNot || praisePhraseInComplaint || i >= asideFrom || eventFollows(words, eventStarts, i)) {
        // "thanks for the 3 hour delay", "love being on hold", "great service 🙄", "great... NOT"
        v = -0.75 * v;
        sarcasm = true;
        negatedAt[i] = true;
      } else if (eventEvidence) {
        v *= 0.5; // politeness inside a complaint ("thanks, but my bag is still missing")
      }
    }
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
  return { compound, positive, negative, hits, sarcasm, negations, negatedAt };
}

/**
 * Drops a hit that lies inside a longer hit of another theme: "cancelling my subscription" is
 * churn, not also the business cancelling; "no one answers" is a failed channel, not also "no
 * one" (service). Overlapping but not contained hits both stay ("on hold for 2 hours").
 */
function dropContainedHits(hits: ThemeHit[]): void {
  if (hits.length < 2) return;
  let kept = 0;
  for (let a = 0; a < hits.length; a++) {
    const h = hits[a]!;
    let contained = false;
    for (let b = 0; b < hits.length && !contained; b++) {
      const o = hits[b]!;
      contained =
        b !== a &&
        o.theme !== h.theme &&
        o.theme !== 'sarcasm' &&
        o.start <= h.start &&
        o.end >= h.end &&
        o.end - o.start > h.end - h.start;
    }
    if (!contained) hits[kept++] = h;
  }
  hits.length = kept;
}

/** Themes that report a request or a plan rather than a problem ("thanks for the refund"). */
const NOT_A_PROBLEM: ReadonlySet<string> = new Set(['refund', 'booking', 'sarcasm', 'praise']);

/** A complaint-theme hit that reports something wrong (for the bitter-aside rule). */
function isProblem(h: ThemeHit): boolean {
  return h.weight >= 0.5 && !NOT_A_PROBLEM.has(h.theme);
}

/** A complaint event starts within SARCASM_REACH words after i, in the same clause. */
function eventFollows(words: readonly string[], eventStarts: readonly number[], i: number): boolean {
  for (const s of eventStarts) {
    if (s <= i || s - i > SARCASM_REACH) continue;
    let crosses = false;
    for (let k = i + 1; k < s; k++) if (isBreak(words[k]!)) crosses = true;
    if (!crosses) return true;
  }
  return false;
}
