/**
 * scoreMention: the 0..100 score, the priority and the reasons for one mention.
 *
 * 1. The text is read (read.ts): language, severity, sentiment, complaint themes, harm
 *    categories and intent.
 * 2. Every signal adds points and leaves its reason (signals.ts): the text, who said it (reach,
 *    verified, VIP), how often (repeat, volume), where (source) and the escalation themes.
 *    Weights and thresholds come from `scoring` in the config.
 * 3. Floors and caps (floors.ts): a harm category lifts the priority to its floor (`harm.<id>`)
 *    whatever the reach; an unreadable language is never left at P4 for that alone; praise,
 *    irrelevant messages and spam are P4, the last two marked "no action".
 */
import type { Priority } from '../domain/priority.js';
import type { ScoringConfig } from './config.js';
import { customMatcher } from './custom-phrases.js';
import { applyFloorsAndCaps } from './floors.js';
import { DEFAULT_HARM_CONFIG, type HarmConfig } from './harm/config.js';
import { HARM_LABELS, harmReason, type HarmId } from './harm/categories.js';
import { NO_ACTION_INTENTS, type Intent } from './intent/classify.js';
import { priorityFor } from './priority-thresholds.js';
import { applyRating } from './rating.js';
import { readText, type TextReading } from './read.js';
import { topReasons, type Signal } from './reasons.js';
import { textSignals } from './signals.js';

export interface ScoreInput {
  text: string;
  /** 'twitter' | 'facebook' | 'email' | 'review' | ... (matched case-insensitively to config.sources). */
  source: string;
  author: { handle?: string; name?: string; followers?: number; verified?: boolean };
  isVip: boolean;
  /** Earlier messages from this author on this case still unanswered (1 → "2nd message unanswered"). */
  unansweredBefore?: number;
  /** Mentions in the same storm/incident (1 = alone). */
  volume?: number;
  /** A review's star rating, 1–5 (review sources): 1–2 stars is a complaint (rating.ts). */
  rating?: number;
}

export interface HarmResult {
  id: HarmId;
  /** Plain words for the card ("possible fraud"). */
  label: string;
  /** What triggered it ("gas"), or null. */
  cue: string | null;
  /** The floor the config gives it. */
  floor: Priority;
}

export interface ScoreResult {
  /** Integer 0..100. */
  score: number;
  priority: Priority;
  /** 0..1, how serious the complaint is (the text's reading, harm included). */
  severity: number;
  /** -1..1, negative..positive (text only; a plain question is 0). */
  sentiment: number;
  /** At most 5, plain words; a harm category first; never empty. */
  reasons: string[];
  /** Harm category ids and complaint theme keys found (vocabulary in lexicon/phrase-types.ts). */
  themes: string[];
  /** Harm categories found, the one with the most urgent floor first. */
  harm: HarmResult[];
  language: { code: string; name: string; scored: boolean };
  intent: Intent;
  /** Irrelevant or spam: stored and counted, not actionable in the metrics (docs/CONTRACT.md §7). */
  noAction: boolean;
  /** Guidance for the agent from the harm config (never sent to the customer), or null. */
  guidance: string | null;
  /** A harm whose policy escalates at once was found. */
  escalate: boolean;
  /** Every signal considered, with its contribution in score points (`score --explain`). */
  signals: Signal[];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * A review's stars (rating.ts) move the text's severity and sentiment; they also say what the
 * reviewer wants: 1–2 stars is a complaint whatever the words ("Ok", "Visited on Saturday."), and
 * 4–5 stars over words that make no complaint and no question is praise.
 */
function withRating(reading: TextReading, rating: number | undefined): { reading: TextReading; reason: string | null } {
  const rated = applyRating(reading, rating);
  if (rated.analysis === reading) return { reading, reason: null };
  let intent = reading.intent;
  if (rating !== undefined && rating <= 2 && intent !== 'spam') intent = 'complaint';
  else if (rating !== undefined && rating >= 4 && (intent === 'other' || intent === 'irrelevant')) intent = 'praise';
  return { reading: { ...reading, severity: rated.analysis.severity, sentiment: rated.analysis.sentiment, intent }, reason: rated.reason };
}

/**
 * How much of its (mild) negativity a plain question keeps in the reported sentiment: "why"
 * and "how long" read a little negative to any lexicon, but a question with no complaint in it is
 * neutral in the card and the reports. Scaled rather than zeroed, so questions keep their order.
 */
const PLAIN_QUESTION_TONE = 0.1;

export function scoreMention(input: ScoreInput, config: ScoringConfig, harmConfig: HarmConfig = DEFAULT_HARM_CONFIG): ScoreResult {
  const rated = withRating(readText(input.text, customMatcher(config.severityPhrases)), input.rating);
  const t = rated.reading;
  const { signals, points, fallback, severity } = textSignals(input, t, config, rated.reason);
  const raw = Math.max(0, Math.min(100, Math.round(points)));

  const harm: HarmResult[] = t.harm.map((h) => ({ id: h.id, label: HARM_LABELS[h.id], cue: h.cue, floor: harmConfig[h.id].floor }));
  harm.sort((a, b) => a.floor.localeCompare(b.floor));
  const noAction = harm.length === 0 && NO_ACTION_INTENTS.has(t.intent);
  const outcome = applyFloorsAndCaps(
    { score: raw, priority: priorityFor(raw, config.thresholds) },
    { harm, scored: t.scored, language: t.language.name, intent: t.intent, noAction, joke: t.joke, possibleHarm: t.possibleHarm },
    config,
  );
  signals.push(...outcome.signals);

  const lead: string[] = harm.map((h) => harmReason(h.id, h.cue));
  if (harm.length === 0 && t.possibleHarm) lead.push('possible serious harm');
  if (!t.scored) lead.push(`not scored on text (${t.language.name})`);
  if (noAction) lead.push(`no action: ${t.intent}`);
  if (harm.length === 0 && t.intent === 'praise') lead.push('positive feedback');
  if (harm.length === 0 && t.joke) lead.push('joke, not a report');
  if (harm.length === 0 && t.intent === 'question' && severity < 0.35) lead.push('neutral question');
  const guidance = harm.map((h) => harmConfig[h.id].guidance).filter((g): g is string => Boolean(g));
  return {
    score: outcome.score,
    priority: outcome.priority,
    severity: round3(severity),
    sentiment: round3(t.intent === 'question' && t.sentiment < 0 ? t.sentiment * PLAIN_QUESTION_TONE : t.sentiment),
    reasons: topReasons(signals, fallback, lead),
    themes: t.themes,
    harm,
    language: { code: t.language.code, name: t.language.name, scored: t.scored },
    intent: t.intent,
    noAction,
    guidance: guidance.length > 0 ? [...new Set(guidance)].join('\n') : null,
    escalate: harm.some((h) => harmConfig[h.id].escalate),
    signals,
  };
}
