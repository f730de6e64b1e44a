/**
 * Tokeniser shared by the rule-based lexicon and the learned weights, run once per text.
 *
 * Output tokens are:
 *   - lowercased words with apostrophes removed ("don't" → "dont", so lexicon keys never need
 *     both spellings); elongations collapsed ("soooo" → "so");
 *   - run-together hashtags split into known words ("#neveragain" → "never", "again");
 *   - every number as "#" ("3rd", "45", "2hrs" → "#", "hrs"), so phrases like
 *     "on hold for # hours" match any count;
 *   - emoji and emoticons as their own tokens;
 *   - clause breaks ("." for .,;: and newlines, "!" / "?" for runs of those), so the negation
 *     window and phrases never reach across a sentence.
 * @handles and URLs are dropped: they name accounts, not feelings, and would make the learned
 * part brand-specific.
 *
 * It is a hand-written character scanner rather than one big Unicode regex: scoring must run at
 * 50k+ mentions per second and the scanner is several times faster (non-ASCII is rare and takes
 * the slow path).
 */
import { VALENCE } from '../lexicon/valence.js';
import { splitHashtag } from './hashtags.js';

export interface Tokens {
  /** Normalised tokens, clause breaks included ("." "!" "?"). */
  words: string[];
  /** Same length as words: the token was written in ALL CAPS (≥ 2 letters). */
  caps: boolean[];
  /** Words with ≥ 2 letters, and how many of them were ALL CAPS (for the VADER caps rule). */
  letterWords: number;
  capsWords: number;
  /** Total "!" and "?" characters. */
  exclamations: number;
  questions: number;
  /** Longest run of "!"/"?" characters ("!!!" → 3); repeated punctuation is emphasis. */
  longestPunctRun: number;
  /** Quotation marks outside words: scare quotes ('final' reminder, "update") mark doubt or sarcasm. */
  quotes: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const ORDINALS = new Set(['st', 'nd', 'rd', 'th', 'x']);
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const ENTITY_G = /&(?:amp|lt|gt|quot|#39);/g;
const decodeEntity = (m: string): string => ENTITIES[m] ?? m;
const EMOTICON_NOSE = "-'o^";
const EMOTICON_MOUTH = ')(][DPpO/\\|*3';

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiAlnum(c);
  return LETTER_OR_DIGIT.test(text[i]!);
}

function isNumberSeparator(text: string, j: number): boolean {
  const c = text.charCodeAt(j);
  const next = text.charCodeAt(j + 1);
  return (c === 44 || c === 46 || c === 58) && next >= 48 && next <= 57;
}

const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;

/** "soooo" → "so" (or "soo" when the lexicon knows that): emphasis, not a new word. */
function collapseElongation(w: string): string {
  const double = w.replace(/(.)\1{2,}/g, '$1$1');
  if (VALENCE.has(double)) return double;
  const single = w.replace(/(.)\1+/g, '$1');
  return VALENCE.has(single) ? single : double;
}

/** Emoticon length at i (":-)", ":(", "<3"), or 0. Normalised form goes to out[0]. */
function emoticonAt(text: string, i: number, out: string[]): number {
  const c = text[i]!;
  if (i > 0 && isWordChar(text, i - 1)) return 0;
  let len = 0;
  if (c === '<' && text[i + 1] === '3') {
    out[0] = '<3';
    len = 2;
  } else if (c === '(' && text[i + 1] === ':') {
    out[0] = ':)';
    len = 2;
  } else if (c === ':' || c === ';' || c === '=') {
    let j = i + 1;
    if (j < text.length && EMOTICON_NOSE.includes(text[j]!)) j++;
    const mouth = text[j];
    if (mouth === undefined || !EMOTICON_MOUTH.includes(mouth)) return 0;
    out[0] = c + (mouth === 'd' || mouth === 'p' ? mouth.toUpperCase() : mouth);
    len = j + 1 - i;
  }
  if (len === 0 || (i + len < text.length && isWordChar(text, i + len))) return 0;
  return len;
}

export function tokenize(input: string): Tokens {
  const text = input.includes('&') ? input.replace(ENTITY_G, decodeEntity) : input;
  const t: Tokens = {
    words: [],
    caps: [],
    letterWords: 0,
    capsWords: 0,
    exclamations: 0,
    questions: 0,
    longestPunctRun: 0,
    quotes: 0,
  };
  const words = t.words;
  const emoticon: string[] = [''];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // URLs and @handles: skipped whole.
    const url =
      (c === 104 && (text.startsWith('http://', i) || text.startsWith('https://', i))) || (c === 119 && text.startsWith('www.', i));
    if (url) {
      while (i < n && text.charCodeAt(i) > 32) i++;
      continue;
    }
    if (c === 64 /* @ */ && i + 1 < n && (isAsciiAlnum(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === 95)) {
      i++;
      while (i < n && (isAsciiAlnum(text.charCodeAt(i)) || text.charCodeAt(i) === 95)) i++;
      continue;
    }
    const emoLen = c === 58 || c === 59 || c === 61 || c === 60 || c === 40 ? emoticonAt(text, i, emoticon) : 0;
    if (emoLen > 0) {
      pushToken(t, emoticon[0]!, false);
      i += emoLen;
      continue;
    }
    const hashtag = c === 35 && i + 1 < n && isWordChar(text, i + 1);
    if (hashtag || (c < 128 ? isAsciiAlnum(c) : isWordChar(text, i))) {
      i = scanWord(text, hashtag ? i + 1 : i, t, hashtag);
      continue;
    }
    if (c === 33 || c === 63) {
      let j = i;
      let ex = 0;
      while (j < n && (text.charCodeAt(j) === 33 || text.charCodeAt(j) === 63)) {
        if (text.charCodeAt(j) === 33) ex++;
        j++;
      }
      t.exclamations += ex;
      t.questions += j - i - ex;
      if (j - i > t.longestPunctRun) t.longestPunctRun = j - i;
      pushToken(t, j - i - ex > 0 ? '?' : '!', false);
      i = j;
      continue;
    }
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 10 || c === 0x2026) {
      if (words.length > 0 && words[words.length - 1] !== '.') pushToken(t, '.', false);
      i++;
      continue;
    }
    if (c === 34 || c === 39 || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019) {
      t.quotes++;
      i++;
      continue;
    }
    if (c >= 0x2000) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (PICTOGRAPHIC.test(ch)) pushToken(t, ch, false);
      i += ch.length;
      continue;
    }
    i++;
  }
  return t;
}

function pushToken(t: Tokens, w: string, isCaps: boolean): void {
  t.words.push(w);
  t.caps.push(isCaps);
}

/**
 * Reads the word starting at `start`, pushes its token(s) and returns the index after it. One
 * pass collects everything the normalisation needs (case, apostrophes, letter runs), so the
 * common word (lowercase ASCII, no apostrophe) costs one slice and nothing else.
 */
function scanWord(text: string, start: number, t: Tokens, hashtag: boolean): number {
  const n = text.length;
  const first = text.charCodeAt(start);
  if (first >= 48 && first <= 57) return scanNumber(text, start, t);
  let j = start;
  let letters = 0;
  let lower = 0;
  let apostrophe = false;
  let run = 1;
  let elongated = false;
  let prev = -1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c >= 97 && c <= 122) {
      letters++;
      lower++;
    } else if (c >= 65 && c <= 90) {
      letters++;
    } else if (c >= 48 && c <= 57) {
      // digits inside a word ("mp3") are part of it
    } else if (isApostrophe(c) && j > start && j + 1 < n && isWordChar(text, j + 1)) {
      apostrophe = true;
    } else if (c >= 128 && LETTER_OR_DIGIT.test(text[j]!)) {
      letters++;
    } else {
      break;
    }
    run = c === prev ? run + 1 : 1;
    if (run === 3) elongated = true;
    prev = c;
    j++;
  }
  const raw = text.slice(start, j);
  let w = lower === letters ? raw : raw.toLowerCase();
  const isCaps = letters >= 2 && lower === 0 && w !== raw;
  if (j - start >= 2 && letters >= 2) {
    t.letterWords++;
    if (isCaps) t.capsWords++;
  }
  if (apostrophe) w = w.replace(/['’]/g, '');
  const parts = hashtag ? splitHashtag(w) : undefined;
  if (parts) for (const p of parts) pushToken(t, p, false);
  else pushToken(t, elongated ? collapseElongation(w) : w, isCaps);
  return j;
}

/** Numbers fold to "#" (1,200.50 and 8:30 are one number); a unit glued on ("2hrs") stays a
 * word, ordinals ("3rd") do not. */
function scanNumber(text: string, start: number, t: Tokens): number {
  const n = text.length;
  let j = start;
  while (j < n) {
    const c = text.charCodeAt(j);
    if ((c >= 48 && c <= 57) || isNumberSeparator(text, j)) j++;
    else break;
  }
  pushToken(t, '#', false);
  const unitStart = j;
  while (j < n && isWordChar(text, j)) j++;
  if (j > unitStart) {
    const unit = text.slice(unitStart, j).toLowerCase();
    if (!ORDINALS.has(unit) && !/\d/.test(unit)) pushToken(t, unit, false);
  }
  return j;
}

/** True for clause-break tokens emitted by tokenize. */
export function isBreak(token: string): boolean {
  return token === '.' || token === '!' || token === '?';
}
