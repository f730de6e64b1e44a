import { handleForms, type BrandVocabulary } from './brands.js';
import { GENERIC_WORDS, ISSUE_CONCEPTS, ISSUE_PHRASES, NOT_ISSUES, NUMBER_WORDS, STOP_WORDS, type IssueConcept } from './lexicon.js';

/**
 * What a mention is about, for paraphrase clustering: the symptoms it reports (issue concepts),
 * the terms that could name *where* or *what* (anchors: places, products, depots, error codes),
 * and the brands it names. Two reports of one outage rarely share their wording, but they share
 * these: "no signal in Manchester since 7am" and "Manchester outage? zero bars" both report a
 * signal/outage symptom about Manchester.
 */
export interface StormTerms {
  /** Symptom concepts found (each once). */
  issues: IssueConcept[];
  /** The same as bits (ISSUE_CONCEPTS order): two mentions share a symptom when their masks meet. */
  issueMask: number;
  /** Stemmed anchor terms, each once, at most MAX_ANCHORS (a long e-mail keeps its first ones). */
  anchors: string[];
  /**
   * Same length as `anchors`: the anchor is written as a name or a code — capitalised inside a
   * sentence ("in Manchester", "Harbour Lights"), or with digits (BS3, error 503). Names and codes
   * identify a place or a product; other words ("depot", "payroll") only help.
   */
  specific: boolean[];
  /**
   * Brand keys the text names: its @handles (whole, and their first word: @TelvoMobile →
   * "telvomobile", "telvo") and words naming a known brand. Never anchors.
   */
  names: string[];
  /** The @handles addressed, as written (brands are learned from them). */
  handles: string[];
}

/** A long text (an e-mail) keeps this many anchors: enough to match, bounded per entry. */
export const MAX_ANCHORS = 24;

/**
 * A light suffix stripper (English-shaped; harmless elsewhere): "outages" → "outage", "crashed"
 * → "crash", "parcels" → "parcel". Both sides of every comparison go through it, so it only has
 * to be consistent, not linguistically right.
 */
export function stem(word: string): string {
  const n = word.length;
  if (n > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (n > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (n > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (n > 3 && word.charCodeAt(n - 1) === 115) {
    const before = word.charCodeAt(n - 2);
    // Not "ss", "us", "is": "access", "status", "analysis".
    if (before !== 115 && before !== 117 && before !== 105) return word.slice(0, -1);
  }
  return word;
}

/** Lowercase, accents and apostrophes removed ("Can't" → "cant", "señal" → "senal"). */
function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’]/g, '');
}

/** Words in order: folded and stemmed (`w`), and whether each is written as a name or a code. */
interface Tokens {
  w: string[];
  specific: boolean[];
}

const WORD_OR_BREAK = /[\p{L}\p{N}]+|[.!?\n]/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const UPPER = /\p{Lu}/u;

/**
 * Words with what their spelling says. Capitals are read only inside a sentence (the first
 * word of any sentence is capitalised anyway) and only when the text is not shouting. One
 * pass over the words and one over the characters of each, no objects per word: this runs for
 * every mention.
 */
function tokenize(text: string): Tokens {
  const raws: string[] = [];
  const starts: boolean[] = [];
  const kinds: number[] = [];
  let letters = 0;
  let upper = 0;
  let sentenceStart = true;
  for (const match of text.replace(/['’]/g, '').matchAll(WORD_OR_BREAK)) {
    const raw = match[0];
    if (raw.length === 1 && (raw === '.' || raw === '!' || raw === '?' || raw === '\n')) {
      sentenceStart = true;
      continue;
    }
    let l = 0;
    let d = 0;
    let u = 0;
    for (let i = 0; i < raw.length; i += 1) {
      const c = raw.charCodeAt(i);
      if (c >= 48 && c <= 57) d += 1;
      else if (c >= 65 && c <= 90) {
        l += 1;
        u += 1;
      } else if (c >= 97 && c <= 122) l += 1;
      else if (c >= 128) {
        l += 1;
        if (UPPER.test(raw[i]!)) u += 1;
      }
    }
    letters += l;
    upper += u;
    raws.push(raw);
    starts.push(sentenceStart);
    // Packed: bit 0 has letters, bit 1 has digits, bit 2 has capitals, bits 3+ digit count (≤ 3).
    kinds.push((l > 0 ? 1 : 0) | (d > 0 ? 2 : 0) | (u > 0 ? 4 : 0) | (Math.min(d, 3) << 3));
    sentenceStart = false;
  }
  const shouting = letters >= 8 && upper > letters / 2;
  const out: Tokens = { w: new Array<string>(raws.length), specific: new Array<boolean>(raws.length) };
  for (let k = 0; k < raws.length; k += 1) {
    const raw = raws[k]!;
    const kind = kinds[k]!;
    const hasLetters = (kind & 1) !== 0;
    const digits = kind >> 3;
    const folded = NON_ASCII.test(raw) ? fold(raw) : raw.toLowerCase();
    // Small counts are one token, so symptom phrases can say "for # days".
    const count = (!hasLetters && digits <= 2) || NUMBER_WORDS.has(folded);
    out.w[k] = count ? '#' : stem(folded);
    out.specific[k] = (hasLetters && digits > 0) || (!hasLetters && digits >= 3) || ((kind & 4) !== 0 && !starts[k] && !shouting);
  }
  return out;
}

interface PhraseNode {
  /** The symptom a phrase ending here reports; null for a phrase that reports none. */
  concept?: IssueConcept | null;
  next: Map<string, PhraseNode>;
}

/**
 * The symptom phrases (and the phrases that only look like one) as a trie over stemmed words:
 * the longest phrase at each position wins, so "let me down" is not "down".
 */
const PHRASES: PhraseNode = (() => {
  const root: PhraseNode = { next: new Map() };
  const add = (phrase: string, concept: IssueConcept | null) => {
    const ws = fold(phrase)
      .split(/[^\p{L}\p{N}#]+/u)
      .filter(Boolean)
      .map(stem);
    if (ws.length === 0) return;
    let node = root;
    for (const w of ws) {
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = { next: new Map() }));
      node = child;
    }
    if (node.concept === undefined) node.concept = concept;
  };
  for (const phrase of NOT_ISSUES.split('|')) add(phrase, null);
  for (const concept of ISSUE_CONCEPTS) for (const phrase of ISSUE_PHRASES[concept].split('|')) add(phrase, concept);
  return root;
})();

const GENERIC = new Set([...GENERIC_WORDS].map(stem));
/** Stop words as written and as stemmed (the text's words are compared after stemming). */
const STOP = new Set([...STOP_WORDS, ...[...STOP_WORDS].map(stem)]);

/**
 * Times, counts and units say when or how much, never what: "7am", "2hrs", "45", "500mb". Numbers
 * of three or more digits stay (error 503, a flight or store number), and so do codes that mix
 * letters and digits (postcodes such as BS3 or M1, error codes such as E1023).
 */
function isCountOrTime(w: string): boolean {
  if (/^\d{1,2}$/.test(w)) return true;
  if (/^(19|20)\d\d$/.test(w)) return true;
  return /^\d+(am|pm|h|hr|hrs|min|mins|m|s|st|nd|rd|th|k|mb|gb|p|x)$/.test(w);
}

/** The longest phrase starting at `i`: its concept (null: none) and length, or null. */
function phraseAt(words: readonly string[], i: number): { concept: IssueConcept | null; length: number } | null {
  let node: PhraseNode | undefined = PHRASES;
  let found: { concept: IssueConcept | null; length: number } | null = null;
  for (let j = i; j < words.length; j += 1) {
    node = node.next.get(words[j]!);
    if (!node) break;
    if (node.concept !== undefined) found = { concept: node.concept, length: j - i + 1 };
  }
  return found;
}

export function extractStormTerms(text: string, brands?: BrandVocabulary): StormTerms {
  const handles = [...text.matchAll(/(?<![\p{L}\p{N}_])@([A-Za-z0-9_]{2,50})/gu)].map((m) => m[1]!);
  const names = new Set<string>();
  for (const h of handles) for (const form of handleForms(h, stem)) names.add(form);
  const tokens = tokenize(text.replace(/https?:\/\/\S+/g, ' ').replace(/@[A-Za-z0-9_]+/g, ' '));
  const words = tokens.w;
  const issues: IssueConcept[] = [];
  const anchors: string[] = [];
  const specific: boolean[] = [];
  for (let i = 0; i < words.length; ) {
    // A symptom phrase's words are the symptom, not anchors ("no signal", "power cut").
    const phrase = phraseAt(words, i);
    if (phrase) {
      if (phrase.concept && !issues.includes(phrase.concept)) issues.push(phrase.concept);
      i += phrase.length;
      continue;
    }
    const w = words[i]!;
    const isSpecific = tokens.specific[i]!;
    i += 1;
    const brand = brands?.brandOf(w);
    if (brand) {
      for (const key of brand) names.add(key);
      continue;
    }
    if (w.length < 2 || STOP.has(w)) continue;
    const c0 = w.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57 && isCountOrTime(w)) continue;
    const at = anchors.indexOf(w);
    if (at >= 0) {
      specific[at] ||= isSpecific && !GENERIC.has(w);
      continue;
    }
    if (anchors.length >= MAX_ANCHORS) continue;
    anchors.push(w);
    specific.push(isSpecific && !GENERIC.has(w));
  }
  // A word naming a handle of this same text is that brand, not an anchor ("Telvo down @TelvoMobile").
  for (let k = anchors.length - 1; k >= 0; k -= 1) {
    if (names.has(anchors[k]!)) {
      anchors.splice(k, 1);
      specific.splice(k, 1);
    }
  }
  let issueMask = 0;
  for (const issue of issues) issueMask |= 1 << ISSUE_CONCEPTS.indexOf(issue);
  return { issues, issueMask, anchors, specific, names: [...names], handles };
}
