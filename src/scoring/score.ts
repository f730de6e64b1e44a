/**
 * scoreMention: the 0..100 score, the priority and the reasons for one mention. The text part
 * (severity, sentiment, themes) comes from analyzeText; everything else is who said it (reach,
 * verified, VIP), how often (repeat, volume), where (source) and escalation themes. Each signal
 * adds points and leaves its reason; weights and thresholds come from the config.
 */
import type { Priority } from '../domain/priority.js';
import type { ScoringConfig } from './config.js';
import { customMatcher } from './custom-phrases.js';
import { formatFollowers } from './followers.js';
import { RISK_THEMES } from './lexicon/phrase-types.js';
import { priorityFor } from './priority.js';
import { THEME_LABELS, ordinal, themeReason, topReasons, type Contribution } from './reasons.js';
import { applyRating } from './rating.js';
import { analyzeWith, type TextAnalysis } from './text/analyze.js';
import { ownValue } from '../own.js';

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

export interface ScoreResult {
  /** Integer 0..100. */
  score: number;
  priority: Priority;
  /** 0..1, how serious the complaint is (text only). */
  severity: number;
  /** -1..1, negative..positive (text only). */
  sentiment: number;
  /** At most 5, plain words, biggest effect first; never empty. */
  reasons: string[];
  /** Complaint theme keys found (vocabulary in lexicon/phrase-types.ts, plus custom themes). */
  themes: string[];
}

/** Below this a text is not treated as a complaint (or as negative) in the reasons. */
const COMPLAINT_MIN = 0.35;
/** From here on a complaint is "serious" and a tone "very negative". */
const SERIOUS_MIN = 0.6;
const NEGATIVITY_DEADZONE = 0.2;
/** Reach and source effects are named in the reasons only from these sizes on. */
const NOTABLE_FOLLOWERS = 1000;
/** The default source bonuses (a few points for public channels) stay out of the reasons. */
const NOTABLE_SOURCE_POINTS = 5;
/** Theme evidence at which its bonus is paid in full (a negated mention gets part of it). */
const FULL_THEME_EVIDENCE = 0.7;

/** Log-scale reach 0..1 between config.reach.minFollowers and fullFollowers. */
function reachFactor(followers: number, reach: ScoringConfig['reach']): number {
  if (!(followers > reach.minFollowers)) return 0;
  const span = Math.log10(reach.fullFollowers) - Math.log10(Math.max(reach.minFollowers, 1));
  if (span <= 0) return 1;
  return Math.min(1, (Math.log10(followers) - Math.log10(Math.max(reach.minFollowers, 1))) / span);
}

function severityReason(t: TextAnalysis): string {
  if (t.severity < COMPLAINT_MIN) return '';
  const head = t.severity >= SERIOUS_MIN ? 'serious complaint' : 'complaint';
  let labels = '';
  let count = 0;
  for (const th of t.themes) {
    const label = RISK_THEMES.has(th) ? undefined : ownValue(THEME_LABELS, th);
    if (!label || count === 2) continue;
    labels += count++ === 0 ? label : `, ${label}`;
  }
  return count > 0 ? `${head} (${labels})` : head;
}

/** Points so far and the reasons behind them. */
class Accumulator {
  points = 0;
  readonly contributions: Contribution[] = [];
  add(points: number, reason: string): void {
    this.points += points;
    if (reason) this.contributions.push({ points, reason });
  }
}

function isCustomTheme(config: ScoringConfig, theme: string): boolean {
  for (const p of config.severityPhrases) if (p.theme === theme) return true;
  return false;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function scoreMention(input: ScoreInput, config: ScoringConfig): ScoreResult {
  const rated = applyRating(analyzeWith(input.text, customMatcher(config.severityPhrases)), input.rating);
  const t = rated.analysis;
  const w = config.weights;
  const negativity = Math.max(0, -t.sentiment);
  // Mild negativity is noise (a neutral question can read -0.2); only the rest earns points.
  const negativePoints = w.sentiment * Math.max(0, (negativity - NEGATIVITY_DEADZONE) / (1 - NEGATIVITY_DEADZONE));
  const positivity = Math.max(0, t.sentiment);
  // How much of a complaint this is; reach, verified and emphasis amplify complaints, not praise.
  const concern = Math.max(t.severity, negativity);
  const amplify = 0.2 + 0.8 * concern;
  const acc = new Accumulator();

  acc.add(w.severity * t.severity, rated.reason ?? severityReason(t));
  const tone = t.signals.sarcasm ? ' (sarcastic)' : '';
  const toneReason =
    negativity >= SERIOUS_MIN ? `very negative${tone}` : negativity >= COMPLAINT_MIN ? `negative${tone}` : '';
  acc.add(negativePoints, toneReason);
  if (positivity > 0) acc.add(-w.positive * positivity, positivity >= 0.3 ? 'positive feedback' : '');

  const followers = input.author.followers;
  if (followers !== undefined) {
    const f = reachFactor(followers, config.reach);
    // Small audiences move the score a little but are not worth a reason on the card.
    const reason = followers >= NOTABLE_FOLLOWERS ? `${formatFollowers(followers)} followers` : '';
    if (f > 0) acc.add(w.reach * f * amplify, reason);
  }
  if (input.author.verified) acc.add(w.verified * amplify, 'verified');
  if (input.isVip) acc.add(w.vip, 'VIP');

  let bonusLeft = w.themeBonusMax;
  for (const theme of t.themes) {
    const full = ownValue(config.themeBonus, theme) ?? (isCustomTheme(config, theme) ? w.customTheme : 0);
    if (full <= 0 || bonusLeft <= 0) continue;
    const evidence = ownValue(t.signals.themeEvidence, theme) ?? 0;
    const bonus = Math.min(bonusLeft, full * Math.min(1, evidence / FULL_THEME_EVIDENCE));
    bonusLeft -= bonus;
    acc.add(bonus, themeReason(theme));
  }

  const unanswered = Math.max(0, Math.floor(input.unansweredBefore ?? 0));
  if (unanswered > 0) {
    acc.add(w.repeat * Math.min(unanswered, w.repeatMax), `${ordinal(unanswered + 1)} message unanswered`);
  }
  const volume = Math.floor(input.volume ?? 1);
  if (volume >= 2) {
    const storm = Math.min(1, Math.log(volume) / Math.log(config.volume.fullAt));
    acc.add(w.volume * storm, `storm: ${volume} mentions`);
  }

  // A complaint put as a question is waiting for an answer; a neutral question is routine.
  if (t.signals.isQuestion) {
    acc.add(w.question * amplify, concern < COMPLAINT_MIN ? 'neutral question' : 'asks a question');
  }
  if (t.signals.shouting || t.signals.repeatedPunctuation) {
    acc.add(w.emphasis * concern, t.signals.shouting ? 'shouting (ALL CAPS)' : 'repeated punctuation');
  }

  const source = input.source.toLowerCase();
  // A source is any [a-z0-9_-] name, `constructor` and `__proto__` included: own entries only.
  const adjust = ownValue(config.sources, source);
  if (adjust) {
    const delta = acc.points * (adjust.multiplier - 1) + adjust.bonus;
    const notable = Math.abs(delta) >= NOTABLE_SOURCE_POINTS;
    acc.add(delta, notable ? `via ${source}` : '');
  }

  const score = Math.max(0, Math.min(100, Math.round(acc.points)));
  const fallback =
    positivity >= 0.3 ? 'positive feedback'
    : t.signals.isQuestion ? 'neutral question'
    : followers === undefined || followers < NOTABLE_FOLLOWERS ? 'low reach'
    : 'no complaint signals';
  return {
    score,
    priority: priorityFor(score, config.thresholds),
    severity: round3(t.severity),
    sentiment: round3(t.sentiment),
    reasons: topReasons(acc.contributions, fallback),
    themes: t.themes,
  };
}
