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
import {
  compilePhrases,
  matchBucket,
  matchCandidates,
  type Bucket,
  type PhraseHit,
  type PhraseMatcher,
  type SecondWordBucket,
} from '../text/phrases.js';
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
  /** The decisive concepts (and NEG, BLOCK): read in every text. */
  readonly gate: PhraseMatcher;
  /** The context concepts, all in one: read only when a decisive concept is present. */
  readonly context: PhraseMatcher;
  readonly negators: ReadonlySet<string>;
  /** Words that open a conditional ("if", "si", "wenn"). */
  readonly conditionals: ReadonlySet<string>;
}

/**
 * Concepts that are everyday words ("you", "account", "app", "work", "my data") and only matter
 * beside a decisive one: rules never fire on them alone, so a text without any other concept is
 * not read further. Keeps the common case (no harm) to one lookup per word.
 */
export const CONTEXT_CONCEPTS: ReadonlySet<string> = new Set([
  'TARGET',
  'MONEY',
  'CORE',
  'IMPACT',
  'DATA_ITEM',
  'PLACE',
  'DEVICE',
  'FOOD',
  'SELF_REF',
  'SOMEONE',
  'CREDENTIAL',
  'CHANGED',
  'OPEN_ACT',
  'VEHICLE',
  'NOT_WORKING',
  'STILL',
  'ENGAGE',
  'REPORT_ACT',
  'MED_PROBLEM',
  'EXPOSE',
  'FOUND',
  'CONSUME',
  'DISC_ACT',
  'FUTURE_SELF',
  'ATTRIBUTE_WEAK',
  'ELEC_FITTING',
  'PART_FAIL',
  'PRODUCT_FAIL',
  'REACTION',
  'LOSS',
  'WRONG_RECIPIENT',
  'DESPAIR_WEAK',
  'NEG',
  'BLOCK',
  'BECAUSE',
  'CHILD_HARM',
  'STAFF_CONTACT',
  'SERVICE_OUT_WEAK',
  'TREAT',
  'CALLER',
  'THIRD_PARTY',
  'HAZARD_THING',
  'PERSON_AT_RISK',
  'MENACE_FRAME',
  'SYMPTOM',
  'MED_THING',
  'ELSEWHERE',
]);

export interface ConceptSpec {
  lang: string;
  english: boolean;
  /** The language's most frequent words: patterns starting with one are found from their second word. */
  common?: string;
  /** Concept → "a | b | c" pattern list (lemma forms). */
  concepts: Readonly<Record<string, string>>;
  negators: string;
  conditionals: string;
  elisions?: readonly string[];
}

/**
 * A word takes the longest stem it starts with, or itself when the lexicon knows it whole: with
 * "autoriz*" and "autorizad*" both in use, "autorizado" reads "autorizad*" and would miss the
 * patterns written with "autoriz*". So each pattern with a stem also gets a copy per longer stem
 * or whole word under it.
 */
function expandStems(entries: { pattern: string; theme: string; weight: number; valence: number }[]): void {
  const vocabulary = new Set<string>();
  for (const e of entries) for (const w of e.pattern.split(' ')) if (w !== '#' && w !== '*' && w !== '..') vocabulary.add(w);
  const under = new Map<string, string[]>();
  for (const stem of vocabulary) {
    if (!stem.endsWith('*')) continue;
    const prefix = stem.slice(0, -1);
    const longer: string[] = [];
    for (const w of vocabulary) if (w !== stem && w.startsWith(prefix)) longer.push(w);
    if (longer.length > 0) under.set(stem, longer);
  }
  if (under.size === 0) return;
  const seen = new Set(entries.map((e) => `${e.theme}\u0000${e.pattern}`));
  const count = entries.length;
  for (let k = 0; k < count; k++) {
    const e = entries[k]!;
    const ws = e.pattern.split(' ');
    ws.forEach((w, i) => {
      for (const alt of under.get(w) ?? []) {
        const pattern = [...ws.slice(0, i), alt, ...ws.slice(i + 1)].join(' ');
        const key = `${e.theme}\u0000${pattern}`;
        if (seen.has(key)) continue;
        seen.add(key);
        entries.push({ ...e, pattern });
      }
    });
  }
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
  expandStems(entries);
  // Concept hits are read by theme and place only, so the third-word index is safe here.
  const common = {
    commonFirst: new Set(
      (spec.common ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => lemmatizer.lemma(w)),
    ),
    thirdWordIndex: true,
  };
  return {
    lang: spec.lang,
    lemmatizer,
    gate: compilePhrases(
      entries.filter((e) => !CONTEXT_CONCEPTS.has(e.theme) || e.theme === 'NEG' || e.theme === 'BLOCK'),
      common,
    ),
    context: compilePhrases(
      entries.filter((e) => CONTEXT_CONCEPTS.has(e.theme) && e.theme !== 'NEG' && e.theme !== 'BLOCK'),
      common,
    ),
    negators: new Set(
      spec.negators
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => lemmatizer.lemma(w)),
    ),
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
 * Which context concepts to read, given the decisive ones present (the harm rules decide: only
 * the context of a rule whose decisive requirements are all there).
 */
export type ContextNeeds = (present: ReadonlySet<string>) => Iterable<string>;

/**
 * Lemmas of a token list, and for each the gate phrases its lemma starts and those it is the
 * second word of (after a common first word). Undefined for most words.
 */
export interface LemmaPass {
  lemmas: string[];
  buckets: (Bucket | undefined)[];
  nexts: (SecondWordBucket | undefined)[];
  /** The same for the context concepts (looked up now or when first needed). */
  contextBuckets?: (Bucket | undefined)[];
  contextNexts?: (SecondWordBucket | undefined)[];
}

export function lemmaPass(words: readonly string[], lex: ConceptLexicon): LemmaPass {
  const n = words.length;
  const lemmas = new Array<string>(n);
  const buckets = new Array<Bucket | undefined>(n);
  const nexts = new Array<SecondWordBucket | undefined>(n);
  for (let i = 0; i < n; i++) {
    const lemma = lex.lemmatizer.lemma(words[i]!);
    lemmas[i] = lemma;
    buckets[i] = lex.gate.index.get(lemma);
    nexts[i] = lex.gate.bySecondWord?.get(lemma);
  }
  return { lemmas, buckets, nexts };
}

/**
 * Finds the concepts of a token list (tokeniser output). Cheap in the common case: one lemma and
 * one index lookup per word find no decisive concept, and the text is not read further. Context
 * concepts are read only where `needs` asks for them. `decisive` lists concepts already known to
 * be present from elsewhere (text-wide cues). `pass` may carry the lemmas already looked up.
 */
export function readConcepts(
  words: readonly string[],
  lex: ConceptLexicon,
  needs?: ContextNeeds,
  decisive: Iterable<string> = [],
  pass: LemmaPass = lemmaPass(words, lex),
): ConceptReading {
  const { lemmas, buckets, nexts } = pass;
  const n = lemmas.length;
  const found: PhraseHit[] = [];
  for (let i = 0; i < n; i++) {
    const bucket = buckets[i];
    const from = found.length;
    if (bucket) matchBucket(bucket, lemmas, i, found, from);
    const next = i + 1 < n ? nexts[i + 1] : undefined;
    if (next) matchCandidates(next, lemmas, i, found, from);
  }
  const present = new Set<string>(decisive);
  for (const h of found) if (h.entry.theme !== 'NEG' && h.entry.theme !== 'BLOCK') present.add(h.entry.theme);
  if (present.size === 0) return { hits: [], byConcept: new Map() };
  // The context concepts, in one pass over the words; only those a present rule needs are kept.
  const wanted = needs ? new Set(needs(present)) : null;
  if (!wanted || wanted.size > 0) {
    const cb = pass.contextBuckets ?? lemmas.map((l) => lex.context.index.get(l));
    const cn = pass.contextNexts ?? lemmas.map((l) => lex.context.bySecondWord?.get(l));
    const start = found.length;
    for (let i = 0; i < n; i++) {
      const bucket = cb[i];
      const from = found.length;
      if (bucket) matchBucket(bucket, lemmas, i, found, from);
      const next = i + 1 < n ? cn[i + 1] : undefined;
      if (next) matchCandidates(next, lemmas, i, found, from);
    }
    if (wanted) {
      let kept = start;
      for (let k = start; k < found.length; k++) if (wanted.has(found[k]!.entry.theme)) found[kept++] = found[k]!;
      found.length = kept;
    }
  }

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
