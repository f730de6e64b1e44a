/**
 * The text-only part of the score: how serious the complaint is (severity 0..1), how negative or
 * positive it is (sentiment -1..1), which complaint themes it mentions, and the signals behind
 * them. Rules first (text/rules.ts), then the learned weights on top (text/learned.ts); escalation
 * risks (legal, safety, ...) come from the rules alone and can only raise severity.
 */
import { RISK_THEMES } from '../lexicon/phrase-types.js';
import { complaintEvidence, themeEvidence } from './evidence.js';
import { DENSE_FEATURES, denseFeatures } from './features.js';
import { readLearned, type LearnedReading } from './learned.js';
import type { PhraseMatcher } from './phrases.js';
import { readRules } from './rules.js';
import { tokenize } from './tokenize.js';

/** A theme is reported when its evidence reaches this (topic words alone stay below it). */
const THEME_REPORT_MIN = 0.45;

export interface TextSignals {
  /** Rule-based VADER-style compound, -1..1. */
  compound: number;
  learned: LearnedReading;
  /** Evidence per theme found, 0..1 (includes weak topic mentions below the report threshold). */
  themeEvidence: Record<string, number>;
  /** Severity contributed by escalation risks and customer-defined phrases alone, 0..1. */
  riskSeverity: number;
  sarcasm: boolean;
  negations: number;
  isQuestion: boolean;
  /** Several words in ALL CAPS (shouting). */
  shouting: boolean;
  /** "!!!", "???", "?!?!". */
  repeatedPunctuation: boolean;
  exclamations: number;
  questions: number;
}

export interface TextAnalysis {
  severity: number;
  sentiment: number;
  themes: string[];
  signals: TextSignals;
}

const dense = new Float64Array(DENSE_FEATURES.length);

/** Risk themes plus any theme not known to the learned part (customer-defined phrases). */
function riskThemesOf(byTheme: ReadonlyMap<string, number>, learnedThemes: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const t of byTheme.keys()) if (RISK_THEMES.has(t) || !learnedThemes.has(t)) out.add(t);
  return out;
}

const LEARNED_THEME_NAMES: ReadonlySet<string> = new Set(
  DENSE_FEATURES.filter((f) => f.startsWith('theme:')).map((f) => f.slice('theme:'.length)),
);

export function analyzeWith(text: string, extra?: PhraseMatcher): TextAnalysis {
  const tok = tokenize(text);
  const rules = readRules(tok, extra);
  const byTheme = themeEvidence(rules.hits);
  denseFeatures(tok, rules, byTheme, dense);
  const learned = readLearned(tok, rules, dense);

  const riskSeverity = complaintEvidence(byTheme, riskThemesOf(byTheme, LEARNED_THEME_NAMES));
  const severity = 1 - (1 - learned.serious) * (1 - riskSeverity);
  const sentiment = learned.positive - learned.negative;

  const themes = [...byTheme.entries()]
    .filter(([, w]) => w >= THEME_REPORT_MIN)
    .sort((a, b) => b[1] - a[1])
    .map(([t]) => t);

  return {
    severity,
    sentiment,
    themes,
    signals: {
      compound: rules.compound,
      learned,
      themeEvidence: Object.fromEntries(byTheme),
      riskSeverity,
      sarcasm: rules.sarcasm,
      negations: rules.negations,
      isQuestion: tok.questions > 0,
      shouting: tok.capsWords >= 2 && tok.capsWords * 3 >= tok.letterWords,
      repeatedPunctuation: tok.longestPunctRun >= 3,
      exclamations: tok.exclamations,
      questions: tok.questions,
    },
  };
}

/** Text-only analysis with the built-in lexicons (no customer phrases). */
export function analyzeText(text: string): TextAnalysis {
  return analyzeWith(text);
}
