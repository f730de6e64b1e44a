/**
 * The reading of one mention's text: which language it is in, and for the languages the scorer
 * reads (English fully, Spanish, French, German and Portuguese from hand-made lexicons) how serious
 * and how negative it is, which complaint themes and harm categories it names, and what the
 * customer wants (intent). Other languages are marked "not scored on text". Pure and cheap.
 */
import { ownValue } from '../own.js';
import type { HarmFinding } from './harm/detect.js';
import { harmBackstop, type BackstopRow } from './harm/backstop.js';
import { contextNeeds, detectHarm } from './harm/detect.js';
import { isHarmId } from './harm/categories.js';
import { CONTEXT_CONCEPTS, readConcepts, type ConceptLexicon, type LemmaPass } from './harm/concepts.js';
import { ENGLISH_CONCEPTS } from './harm/lexicon-en.js';
import { GERMAN_CONCEPTS } from './harm/lexicon-de.js';
import { SPANISH_CONCEPTS } from './harm/lexicon-es.js';
import { FRENCH_CONCEPTS } from './harm/lexicon-fr.js';
import { PORTUGUESE_CONCEPTS } from './harm/lexicon-pt.js';
import { textCues } from './harm/text-cues.js';
import { classifyIntent, isJoke, type Intent } from './intent/classify.js';
import {
  addEvidence,
  decideLanguage,
  isLanguageWord,
  languageWords,
  newEvidence,
  SCORED_LANGUAGES,
  type LanguageEvidence,
  type LanguageGuess,
  type LanguageWord,
} from './language/detect.js';
import { analyzeEnglish, surfaceSignals, type TextAnalysis } from './text/analyze.js';
import { analyzeForeign } from './text/foreign.js';
import type { Bucket, PhraseMatcher, SecondWordBucket } from './text/phrases.js';
import type { WordLook } from './text/prelook.js';
import { modelRows, modelWords } from './text/learned.js';
import { BUILTIN_MATCHER } from './text/rules.js';
import { WORD_TABLE } from './text/word-table.js';
import { NEUTRAL_PRIOR } from './text/features.js';
import { tokenize } from './text/tokenize.js';
import { isAmountContrast, isMockPraise } from './text/told-complaints.js';

export interface TextReading extends TextAnalysis {
  /** The text says the problem has lasted weeks or more ("three weeks", "since March", "seit Wochen"). */
  waitedWeeks: boolean;
  /** A joke format ("me waiting for my parcel like…"): not urgent whatever its words. */
  joke: boolean;
  language: LanguageGuess;
  /** False when the language is one the scorer cannot read: severity and sentiment are then 0. */
  scored: boolean;
  /** Harm categories found, in rule order (one per category). */
  harm: HarmFinding[];
  /**
   * No category was named, but the learned backstop (harm/backstop.ts) reads the text as a
   * serious harm: a P2 floor with the reason "possible serious harm". English only.
   */
  possibleHarm: boolean;
  intent: Intent;
}

/**
 * One lookup per English word for everything read per word: its lemma and the harm phrases it
 * opens, its weight as a function word for the language guess, and what the English reading
 * looks up (valence and flags, the phrases it starts, the model's rows). Most texts are English,
 * so this first pass usually serves every later one.
 */
interface EnglishWord extends WordLook {
  lemma: string;
  bucket: Bucket | undefined;
  gateNext: SecondWordBucket | undefined;
  contextBucket: Bucket | undefined;
  contextNext: SecondWordBucket | undefined;
  language: LanguageWord | undefined;
  /** The harm backstop's row for the lemma. */
  backstop: BackstopRow | undefined;
  /** The row's own weight and the most a pair it opens or closes can add (0 without). */
  backstopWeight: number;
  backstopPairMost: number;
  backstopSecondMost: number;
}

const BACKSTOP = harmBackstop();

const ENGLISH_WORDS: ReadonlyMap<string, EnglishWord> = (() => {
  const lemmaOf = new Map(ENGLISH_CONCEPTS.lemmatizer.forms());
  const keys = new Set<string>([
    ...lemmaOf.keys(),
    ...languageWords().keys(),
    ...WORD_TABLE.keys(),
    ...BUILTIN_MATCHER.index.keys(),
    ...(BUILTIN_MATCHER.bySecondWord?.keys() ?? []),
    ...modelWords(),
    ...BACKSTOP.lemmas(),
  ]);
  const gate = ENGLISH_CONCEPTS.gate;
  const table = new Map<string, EnglishWord>();
  for (const word of keys) {
    const lemma = lemmaOf.get(word) ?? word;
    table.set(word, {
      lemma,
      bucket: gate.index.get(lemma),
      gateNext: gate.bySecondWord?.get(lemma),
      contextBucket: ENGLISH_CONCEPTS.context.index.get(lemma),
      contextNext: ENGLISH_CONCEPTS.context.bySecondWord?.get(lemma),
      language: languageWords().get(word),
      info: WORD_TABLE.get(word),
      builtin: BUILTIN_MATCHER.index.get(word),
      builtinNext: BUILTIN_MATCHER.bySecondWord?.get(word),
      rows: modelRows(word),
      backstop: BACKSTOP.row(lemma),
      backstopWeight: BACKSTOP.row(lemma)?.weight ?? 0,
      backstopPairMost: BACKSTOP.pairMost(lemma),
      backstopSecondMost: BACKSTOP.secondMost(lemma),
    });
  }
  return table;
})();

/**
 * Per-word arrays of the first pass, reused from text to text: reading is synchronous and nothing
 * keeps them past one readText call, so they are refilled rather than reallocated.
 */
const looks: (EnglishWord | undefined)[] = [];
const backstopRows: (BackstopRow | undefined)[] = [];
const pass = {
  lemmas: [] as string[],
  buckets: [] as (Bucket | undefined)[],
  nexts: [] as (SecondWordBucket | undefined)[],
  contextBuckets: [] as (Bucket | undefined)[],
  contextNexts: [] as (SecondWordBucket | undefined)[],
};

interface FirstPass {
  looks: readonly (EnglishWord | undefined)[];
  pass: LemmaPass;
  evidence: LanguageEvidence;
  /**
   * An upper bound of what the harm backstop's rows add to its log-odds for these words: each
   * word's weight, and per pair the smaller of what its first word can open and its second close.
   * Summed from the entries at hand, so most texts are ruled out without reading a row.
   */
  backstopMost: number;
}

/** The first pass over a text's words: one lookup each, shared by every later reading. */
function firstPass(words: readonly string[]): FirstPass {
  const n = words.length;
  looks.length = n;
  backstopRows.length = n;
  pass.lemmas.length = n;
  pass.buckets.length = n;
  pass.nexts.length = n;
  pass.contextBuckets.length = n;
  pass.contextNexts.length = n;
  const evidence = newEvidence();
  let most = 0;
  /** The most a pair opened by the previous word can add, waiting for this word. */
  let opened = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    const entry = ENGLISH_WORDS.get(w);
    looks[i] = entry;
    // A word outside the table may still close a pair: the pair's own most is the bound then.
    if (opened > 0) most += entry ? Math.min(opened, entry.backstopSecondMost) : opened;
    opened = 0;
    if (entry) {
      most += entry.backstopWeight;
      opened = entry.backstopPairMost;
      backstopRows[i] = entry.backstop;
      pass.lemmas[i] = entry.lemma;
      pass.buckets[i] = entry.bucket;
      pass.nexts[i] = entry.gateNext;
      pass.contextBuckets[i] = entry.contextBucket;
      pass.contextNexts[i] = entry.contextNext;
    } else {
      backstopRows[i] = undefined;
      pass.lemmas[i] = w;
      pass.buckets[i] = undefined;
      pass.nexts[i] = undefined;
      pass.contextBuckets[i] = undefined;
      pass.contextNexts[i] = undefined;
    }
    if (isLanguageWord(w)) addEvidence(evidence, entry?.language);
  }
  most += opened; // the last word's pairs (probabilityOf looks up '' after it)
  return { looks, pass, evidence, backstopMost: most };
}

const LEXICONS: Readonly<Record<string, ConceptLexicon>> = {
  en: ENGLISH_CONCEPTS,
  es: SPANISH_CONCEPTS,
  fr: FRENCH_CONCEPTS,
  de: GERMAN_CONCEPTS,
  pt: PORTUGUESE_CONCEPTS,
};

/** Below this a text is not read as a complaint (the card's "complaint" threshold). */
const COMPLAINT_MIN = 0.35;
/** Words that announce an action to come. */
const ANNOUNCES = /\b(?:going to|gonna|will|shall|i['’]?ll|we['’]?ll|i['’]?m taking|taking this|about to)\b/i;
/** A theme this strong is concrete problem evidence ("never arrived", "charged twice"). */
const PROBLEM_THEME_MIN = 0.45;

/** The concepts of text-wide cues that can decide a rule (an older customer's age, not money). */
function decisiveCues(cues: readonly { concept: string }[]): string[] {
  const out: string[] = [];
  for (const c of cues) if (!CONTEXT_CONCEPTS.has(c.concept)) out.push(c.concept);
  return out;
}

/** The strongest complaint-theme evidence in the text, 0..1. */
function problemStrength(t: TextAnalysis): number {
  let max = 0;
  const evidence = t.signals.themeEvidence;
  for (const theme in evidence) if (evidence[theme]! > max) max = evidence[theme]!;
  return max;
}

function hasProblem(t: TextAnalysis): boolean {
  for (const theme of t.themes) if ((ownValue(t.signals.themeEvidence, theme) ?? 0) >= PROBLEM_THEME_MIN) return true;
  return t.themes.length > 0 && t.severity >= COMPLAINT_MIN;
}

function unscored(tok: ReturnType<typeof tokenize>): TextAnalysis {
  return {
    severity: 0,
    sentiment: 0,
    themes: [],
    signals: {
      compound: 0,
      valence: { positive: 0, negative: 0 },
      learned: { negative: NEUTRAL_PRIOR.negative, positive: NEUTRAL_PRIOR.positive, serious: 0, irony: 0 },
      themeEvidence: {},
      riskSeverity: 0,
      everyday: 0,
      sarcasm: false,
      negations: 0,
      ...surfaceSignals(tok),
    },
  };
}

/**
 * Mock praise and a contrast of amounts are complaints told without a negative word: mock praise
 * turns the praise's sign, a contrast is a reported problem; both reach the complaint threshold.
 */
function toldComplaint(t: TextAnalysis, text: string): TextAnalysis {
  const mock = !t.signals.sarcasm && t.sentiment > -COMPLAINT_MIN && isMockPraise(text);
  const contrast = !mock && t.severity < COMPLAINT_MIN && isAmountContrast(text);
  if (!mock && !contrast) return t;
  return {
    ...t,
    severity: Math.max(t.severity, COMPLAINT_MIN),
    sentiment: mock ? Math.min(-COMPLAINT_MIN, -Math.abs(t.sentiment)) : Math.min(t.sentiment, 0),
    signals: { ...t.signals, sarcasm: t.signals.sarcasm || mock },
  };
}

/** Reads a text; `extra` adds the customer's own severity phrases (English). */
export function readText(text: string, extra?: PhraseMatcher): TextReading {
  const tok = tokenize(text);
  const first = firstPass(tok.words);
  const language = decideLanguage(text, first.evidence);
  const lexicon = LEXICONS[language.code];
  if (!lexicon || !SCORED_LANGUAGES.has(language.code)) {
    return { ...unscored(tok), language, scored: false, harm: [], possibleHarm: false, intent: 'other', joke: false, waitedWeeks: false };
  }
  const cues = textCues(text, tok.words);
  // Text-wide cues (an older customer's age) are decisive too: read the concepts around them.
  const concepts = readConcepts(tok.words, lexicon, contextNeeds, decisiveCues(cues), language.code === 'en' ? first.pass : undefined);
  const read = language.code === 'en' ? analyzeEnglish(tok, extra, first.looks) : analyzeForeign(tok, concepts);
  const t = toldComplaint(read, text);
  const negativity = Math.max(0, -t.sentiment);
  const problem = hasProblem(t);
  const complaint = problem || t.severity >= COMPLAINT_MIN || negativity >= 0.3;
  const v = t.signals.valence;
  // Plain praise names no problem and announces nothing: "going to take this to the paper, they
  // love stories like this" is warm in tone and still a threat.
  const praise =
    !problem &&
    !t.signals.sarcasm &&
    negativity < 0.3 &&
    (t.sentiment >= 0.4 || (t.signals.compound >= 0.5 && v.positive >= 2 * v.negative)) &&
    !ANNOUNCES.test(text);
  const harm = detectHarm(tok.words, concepts, { complaint, praise }, cues);
  // A customer's own severity phrase may name a harm category ("speak to my MP" → legal): it
  // then counts as that harm, floor and all.
  let customHarm = false;
  for (const theme of t.themes) {
    if (!isHarmId(theme)) continue;
    customHarm = true;
    let known = false;
    for (const h of harm) if (h.id === theme) known = true;
    if (!known) harm.push({ id: theme, cue: null, evidence: ownValue(t.signals.themeEvidence, theme) ?? 0.6 });
  }

  // Harm is not folded into the text's severity: it has floors and bonuses of its own, and
  // severity stays what the text model ranks (how serious a complaint the words make).
  const intent = classifyIntent({
    text,
    words: tok.words,
    concern: Math.max(t.severity, negativity),
    sentiment: t.sentiment,
    harm: harm.length > 0,
    problem,
    problemStrength: problemStrength(t),
    sarcasm: t.signals.sarcasm,
    questions: tok.questions,
    compound: t.signals.compound,
    valence: t.signals.valence,
    quotes: tok.quotes,
    shouting: tok.letterWords >= 3 && tok.capsWords * 2 > tok.letterWords,
  });
  const joke = intent === 'other' && isJoke(text);
  // The backstop reads what the rules did not name, in English, in a message that is not praise,
  // spam, small talk or a joke (those are capped at P4 whatever their words).
  const possibleHarm =
    harm.length === 0 &&
    language.code === 'en' &&
    !joke &&
    intent !== 'praise' &&
    intent !== 'spam' &&
    intent !== 'irrelevant' &&
    !(concepts.byConcept.get('RESOLVED')?.some((h) => !h.negated) ?? false) &&
    BACKSTOP.mayReach(first.backstopMost) &&
    BACKSTOP.probabilityOf(first.pass.lemmas, backstopRows) >= BACKSTOP.threshold;
  let themes = t.themes;
  if (harm.length > 0) {
    themes = [];
    for (const h of harm) themes.push(h.id);
    for (const th of t.themes) if (!customHarm || !isHarmId(th)) themes.push(th);
  }
  return {
    severity: t.severity,
    sentiment: t.sentiment,
    themes,
    signals: t.signals,
    language,
    scored: true,
    harm,
    possibleHarm,
    intent,
    joke,
    waitedWeeks: concepts.byConcept.get('WAITED_WEEKS')?.some((h) => !h.negated) ?? false,
  };
}

/** Text-only reading with the built-in lexicons (no customer phrases). */
export function analyzeText(text: string): TextReading {
  return readText(text);
}
