/**
 * Concept lexicons: for one language, which words and short phrases stand for which concept
 * ("GAS", "SMELL", "MONEY", "NOT_MINE" ...). Harm rules (rules.ts) are written over concepts, so
 * one rule serves every language whose lexicon fills its concepts, and a paraphrase only needs
 * its words to be in the lexicon, not the whole sentence.
 *
 * Patterns use the phrase syntax of text/phrases.ts ("#" any count, "*" one word, ".." a gap of
 * up to four words in the clause), written in lemma form ("smell gas" also matches "smelt gas").
 * Two concepts are special: BLOCK hides every other concept inside its span ("gas bill", "smoke
 * alarm"), and NEG is a multi-word negation ("no longer", "no more").
 */
import { compilePhrases, matchAt, type PhraseHit, type PhraseMatcher } from '../text/phrases.js';
import { isBreak } from '../text/tokenize.js';
import { Lemmatizer } from './lemmas.js';

export interface ConceptHit {
  concept: string;
  start: number;
  /** Exclusive. */
  end: number;
  /** A negator governs it ("didn't authorise", "no longer smells"). */
  negated: boolean;
  /** Inside a conditional question ("what do I do if I smell gas?"). */
  hypothetical: boolean;
  /** Its clause ends with a question mark. */
  question: boolean;
}

export interface ConceptLexicon {
  readonly lang: string;
  readonly lemmatizer: Lemmatizer;
  readonly matcher: PhraseMatcher;
  readonly negators: ReadonlySet<string>;
  /** Words that open a conditional ("if", "si", "wenn"). */
  readonly conditionals: ReadonlySet<string>;
}

export interface ConceptSpec {
  lang: string;
  english: boolean;
  /** Concept → "a | b | c" pattern list (lemma forms). */
  concepts: Readonly<Record<string, string>>;
  negators: string;
  conditionals: string;
  elisions?: readonly string[];
}

/** Builds a lexicon: its lemmatiser knows every word of its patterns. */
export function buildLexicon(spec: ConceptSpec): ConceptLexicon {
  const entries: { pattern: string; theme: string; weight: number; valence: number }[] = [];
  const words = new Set<string>();
  for (const [concept, list] of Object.entries(spec.concepts)) {
    for (const raw of list.split('|')) {
      const pattern = raw.trim().toLowerCase().replace(/['’]/g, '');
      if (!pattern) continue;
      for (const w of pattern.split(/\s+/)) if (w !== '#' && w !== '*' && w !== '..') words.add(w);
      entries.push({ pattern, theme: concept, weight: 1, valence: 0 });
    }
  }
  const lemmatizer = new Lemmatizer({ words, english: spec.english, elisions: spec.elisions });
  // Patterns are matched against lemmas, so their own words go through the same lemmatiser
  // (a stem "betrug*" stays itself; "smelt" in a pattern becomes "smell").
  for (const e of entries) {
    e.pattern = e.pattern
      .split(/\s+/)
      .map((w) => (w === '#' || w === '*' || w === '..' || w.endsWith('*') ? w : lemmatizer.lemma(w)))
      .join(' ');
  }
  return {
    lang: spec.lang,
    lemmatizer,
    matcher: compilePhrases(entries),
    negators: new Set(spec.negators.split(/\s+/).filter(Boolean).map((w) => lemmatizer.lemma(w))),
    conditionals: new Set(spec.conditionals.split(/\s+/).filter(Boolean)),
  };
}

/** How many words before a concept a negator still governs it (VADER's window). */
const NEGATION_REACH = 3;

export interface ConceptReading {
  hits: ConceptHit[];
  /** Hits per concept, in text order. */
  byConcept: Map<string, ConceptHit[]>;
}


/**
 * Finds the concepts of a token list (tokeniser output). Cheap when nothing matches: one lemma
 * lookup and one index lookup per word.
 */
export function readConcepts(words: readonly string[], lex: ConceptLexicon): ConceptReading {
  const n = words.length;
  const lemmas = new Array<string>(n);
  for (let i = 0; i < n; i++) lemmas[i] = lex.lemmatizer.lemma(words[i]!);
  const found: PhraseHit[] = [];
  for (let i = 0; i < n; i++) {
    if (!isBreak(lemmas[i]!)) matchAt(lex.matcher, lemmas, i, found, found.length);
  }
  if (found.length === 0) return { hits: [], byConcept: new Map() };

  const blocks: PhraseHit[] = [];
  const negs: PhraseHit[] = [];
  for (const h of found) {
    if (h.entry.theme === 'BLOCK') blocks.push(h);
    else if (h.entry.theme === 'NEG') negs.push(h);
  }
  const clauses = clauseInfo(lemmas, lex.conditionals);
  const hits: ConceptHit[] = [];
  const byConcept = new Map<string, ConceptHit[]>();
  for (const h of found) {
    const concept = h.entry.theme;
    if (concept === 'BLOCK' || concept === 'NEG') continue;
    if (blocks.some((b) => b.start <= h.start && b.end >= h.end)) continue;
    const hit: ConceptHit = {
      concept,
      start: h.start,
      end: h.end,
      negated: isNegated(lemmas, h.start, lex.negators, negs),
      hypothetical: clauses.conditionalAt[h.start] === 1 && clauses.questionAt[h.start] === 1,
      question: clauses.questionAt[h.start] === 1,
    };
    hits.push(hit);
    const list = byConcept.get(concept);
    if (list) list.push(hit);
    else byConcept.set(concept, [hit]);
  }
  return { hits, byConcept };
}

function isNegated(lemmas: readonly string[], start: number, negators: ReadonlySet<string>, negs: readonly PhraseHit[]): boolean {
  for (let d = 1; d <= NEGATION_REACH && start - d >= 0; d++) {
    const w = lemmas[start - d]!;
    if (isBreak(w)) break;
    if (negators.has(w)) return true;
  }
  for (const n of negs) if (n.end <= start && start - n.end < NEGATION_REACH && !crossesBreak(lemmas, n.end, start)) return true;
  return false;
}

function crossesBreak(lemmas: readonly string[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isBreak(lemmas[k]!)) return true;
  return false;
}

/**
 * Per token: whether its clause ends with "?" and whether a conditional opened earlier in the
 * clause. (The tokeniser turns commas into clause breaks too, so "if" reaches to the next comma.)
 */
function clauseInfo(lemmas: readonly string[], conditionals: ReadonlySet<string>): { questionAt: Uint8Array; conditionalAt: Uint8Array } {
  const n = lemmas.length;
  const questionAt = new Uint8Array(n);
  const conditionalAt = new Uint8Array(n);
  let clauseStart = 0;
  let conditional = false;
  for (let i = 0; i <= n; i++) {
    const w = i < n ? lemmas[i]! : '.';
    if (isBreak(w)) {
      if (w === '?') for (let k = clauseStart; k < i; k++) questionAt[k] = 1;
      clauseStart = i + 1;
      conditional = false;
      continue;
    }
    if (conditionals.has(w)) conditional = true;
    if (conditional) conditionalAt[i] = 1;
  }
  return { questionAt, conditionalAt };
}
