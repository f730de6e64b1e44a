/**
 * Tokeniser shared by the rule-based lexicon and the learned weights, run once per text.
 *
 * Output tokens are lowercased words with apostrophes removed ("don't" → "dont", so lexicon keys
 * never need both spellings), emoji and emoticons as their own tokens, every number as "#"
 * ("3rd", "45", "2hrs" → "#", "hrs") so phrases like "on hold for # hours" match any count, and
 * clause breaks ("." for .,;: and newlines, "!" / "?" for runs of those) so the negation window and
 * phrases never reach across a sentence. @handles and URLs are dropped: they name accounts, not
 * feelings, and would make the learned part brand-specific.
 */

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
}

// One pass, alternatives in priority order: URL, handle, emoticon, word, punctuation, emoji.
const TOKEN_RE =
  /(https?:\/\/\S+|www\.\S+)|(@\w+)|((?<![\p{L}\p{N}])(?:[:;=][-'o^]?[()[\]DPpO/\\|*3](?![\p{L}\p{N}])|<3|\(:))|([#]?[\p{L}\p{N}]+(?:['’][\p{L}]+)*)|([!?]+)|([.,;:\n\u2026]+)|(\p{Extended_Pictographic})/gu;

const NUMBER_RE = /^(\d+(?:[.,]\d+)?)([a-z]*)$/;
const ORDINALS = new Set(['st', 'nd', 'rd', 'th', 'x']);
const ELONGATED_RE = /(\p{L})\1{2,}/u;
const ELONGATED_G = /(\p{L})\1{2,}/gu;
const APOSTROPHE_G = /['’]/g;
const LETTERS_RE = /\p{L}/gu;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const ENTITY_G = /&(?:amp|lt|gt|quot|#39);/g;

/**
 * Collapses letter runs ("soooo" → "soo", "noooo" → "noo"); the lexicon lookup falls back to a
 * single letter when the doubled form is unknown (see lookupElongated).
 */
function normaliseWord(raw: string): string {
  let w = raw.toLowerCase();
  if (w.charCodeAt(0) === 35 /* # */) w = w.slice(1);
  if (w.includes("'") || w.includes('’')) w = w.replace(APOSTROPHE_G, '');
  if (ELONGATED_RE.test(w)) w = w.replace(ELONGATED_G, '$1$1');
  return w;
}

/** ":-)" → ":)", ":'(" → ":(", ":d" → ":D", so the lexicon lists each face once. */
function normaliseEmoticon(raw: string): string {
  if (raw === '<3') return raw;
  if (raw === '(:') return ':)';
  const mouth = raw[raw.length - 1] ?? '';
  return raw[0] + (mouth === 'd' || mouth === 'p' ? mouth.toUpperCase() : mouth);
}

function isAllCaps(raw: string): boolean {
  let letters = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122) return false; // a lowercase ASCII letter
    if (c >= 65 && c <= 90) letters++;
  }
  return letters >= 2 && raw === raw.toUpperCase();
}

export function tokenize(input: string): Tokens {
  const text = input.includes('&') ? input.replace(ENTITY_G, (m) => ENTITIES[m] ?? m) : input;
  const words: string[] = [];
  const caps: boolean[] = [];
  let letterWords = 0;
  let capsWords = 0;
  let exclamations = 0;
  let questions = 0;
  let longestPunctRun = 0;
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    if (m[1] !== undefined || m[2] !== undefined) continue; // URL or @handle
    if (m[3] !== undefined) {
      words.push(normaliseEmoticon(m[3]));
      caps.push(false);
    } else if (m[4] !== undefined) {
      const raw = m[4];
      const w = normaliseWord(raw);
      const num = NUMBER_RE.exec(w);
      if (num) {
        words.push('#');
        caps.push(false);
        const unit = num[2] ?? '';
        if (unit && !ORDINALS.has(unit)) {
          words.push(unit);
          caps.push(false);
        }
        continue;
      }
      const isCaps = isAllCaps(raw);
      if (raw.length >= 2 && (raw.match(LETTERS_RE)?.length ?? 0) >= 2) {
        letterWords++;
        if (isCaps) capsWords++;
      }
      words.push(w);
      caps.push(isCaps);
    } else if (m[5] !== undefined) {
      const run = m[5];
      let ex = 0;
      for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) === 33) ex++;
      exclamations += ex;
      questions += run.length - ex;
      if (run.length > longestPunctRun) longestPunctRun = run.length;
      words.push(run.includes('?') ? '?' : '!');
      caps.push(false);
    } else if (m[6] !== undefined) {
      if (words.length > 0 && words[words.length - 1] !== '.') {
        words.push('.');
        caps.push(false);
      }
    } else if (m[7] !== undefined) {
      words.push(m[7]);
      caps.push(false);
    }
  }
  return { words, caps, letterWords, capsWords, exclamations, questions, longestPunctRun };
}

/** True for clause-break tokens emitted by tokenize. */
export function isBreak(token: string): boolean {
  return token === '.' || token === '!' || token === '?';
}
