/**
 * Scoring engine: pure functions, no I/O. See score.ts for how a mention is scored and
 * text/analyze.ts for the text part; lexicon/phrase-types.ts documents the theme vocabulary.
 */
export { scoringConfigSchema, DEFAULT_SCORING_CONFIG, type ScoringConfig } from './config.js';
export { scoreMention, type ScoreInput, type ScoreResult } from './score.js';
export type { TextAnalysis, TextSignals } from './text/analyze.js';
export { analyzeText, readText, type TextReading } from './read.js';
export { formatFollowers } from './followers.js';
export { INTENT_LABELS, type Intent } from './intent/classify.js';
export { priorityFor } from './priority-thresholds.js';
export { THEMES, RISK_THEMES, type Theme } from './lexicon/phrase-types.js';
