/**
 * The text-only part of the score: how serious the complaint is (severity 0..1), how negative or
 * positive it is (sentiment -1..1), which complaint themes it mentions, and the signals behind
 * them. Rules first (text/rules.ts), then the learned weights on top (text/learned.ts); escalation
 * risks (legal, safety, ...) come from the rules alone and can only raise severity.
 */
import { complaintEvidence, themeEvidence } from './evidence.js';
import { DENSE_FEATURES, denseFeatures, isLearnedTheme } from './features.js';
import { readLearned, sentimentOf, type LearnedReading } from './learned.js';
import type { PhraseMatcher } from './phrases.js';
import { readRules } from './rules.js';
import type { Tokens } from './tokenize.js';
import type { WordLook } from './prelook.js';

/** A theme is reported when its evidence reaches this (topic words alone stay below it). */
const THEME_REPORT_MIN = 0.45;

export interface TextSignals {
  /** Rule-based VADER-style compound, -1..1. */
  compound: number;
  /** Sums of positive and (absolute) negative valence the rules read, after modifiers. */
  valence: { positive: number; negative: number };
  learned: LearnedReading;
  /** Evidence per theme found, 0..1 (includes weak topic mentions below the report threshold). */
  themeEvidence: Record<string, number>;
  /** Severity contributed by escalation risks and customer-defined phrases alone, 0..1. */
  riskSeverity: number;
  /** Rule evidence, 0..1, that the text reports an everyday complaint (delay, billing, outage ...). */
  everyday: number;
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

/** Escalation risks and customer-defined themes: severity from the rules, never from the model. */
const isRuleOnlyTheme = (theme: string): boolean => !isLearnedTheme(theme);

/** Sorts themes strongest first (insertion sort: a handful of items, no comparator closure). */
function sortByEvidence(themes: string[], evidence: Record<string, number>): void {
  for (let i = 1; i < themes.length; i++) {
    const t = themes[i]!;
    const w = evidence[t] ?? 0;
    let j = i - 1;
    while (j >= 0 && (evidence[themes[j]!] ?? 0) < w) {
      themes[j + 1] = themes[j]!;
      j--;
    }
    themes[j + 1] = t;
  }
}

/** The English reading of a tokenised text (lexicons, rules and the learned weights). */
export function analyzeEnglish(tok: Tokens, extra?: PhraseMatcher, looks?: readonly (WordLook | undefined)[]): TextAnalysis {
  const rules = readRules(tok, extra, looks);
  const byTheme = themeEvidence(rules.hits);
  denseFeatures(tok, rules, byTheme, dense);
  const learned = readLearned(tok, rules, dense, looks);

  const riskSeverity = complaintEvidence(byTheme, isRuleOnlyTheme);
  // The learned part ranks everyday complaints and the phrase risks (churn) add on top. The rule
  // evidence for everyday complaints is kept apart (signals.everyday): the score puts a floor of
  // it under severity, so a domain the model never saw still reads as a complaint (signals.ts).
  const severity = 1 - (1 - learned.serious) * (1 - riskSeverity);
  const sentiment = sentimentOf(learned);

  const themes: string[] = [];
  // No prototype: a customer theme may be called `__proto__` or `constructor`.
  const evidence = Object.create(null) as Record<string, number>;
  for (const [theme, w] of byTheme) {
    evidence[theme] = w;
    if (w >= THEME_REPORT_MIN) themes.push(theme);
  }
  if (themes.length > 1) sortByEvidence(themes, evidence);

  return {
    severity,
    sentiment,
    themes,
    signals: {
      compound: rules.compound,
      valence: { positive: rules.positive, negative: rules.negative },
      learned,
      themeEvidence: evidence,
      riskSeverity,
      everyday: dense[3]!,
      sarcasm: rules.sarcasm,
      negations: rules.negations,
      ...surfaceSignals(tok),
    },
  };
}

/** Signals read from the surface of any language: questions, shouting, repeated punctuation. */
export function surfaceSignals(
  tok: Tokens,
): Pick<TextSignals, 'isQuestion' | 'shouting' | 'repeatedPunctuation' | 'exclamations' | 'questions'> {
  return {
    isQuestion: tok.questions > 0,
    shouting: tok.capsWords >= 2 && tok.capsWords * 3 >= tok.letterWords,
    repeatedPunctuation: tok.longestPunctRun >= 3,
    exclamations: tok.exclamations,
    questions: tok.questions,
  };
}
