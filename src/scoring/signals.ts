/**
 * The additive part of the score: each signal adds points (out of 100) and leaves its reason and
 * a name for `score --explain`. Text severity and tone, reach, verified, VIP, escalation themes,
 * repeats, storm volume, questions, emphasis, a complaint's own weight, and the source.
 */
import { ownValue } from '../own.js';
import type { ScoringConfig } from './config.js';
import { formatFollowers } from './followers.js';
import { isHarmId } from './harm/categories.js';
import { RISK_THEMES } from './lexicon/phrase-types.js';
import type { TextReading } from './read.js';
import { THEME_LABELS, ordinal, themeReason, type Signal } from './reasons.js';
import type { ScoreInput } from './score.js';

/** Below this a text is not treated as a complaint (or as negative) in the reasons. */
const COMPLAINT_MIN = 0.35;
/** From here on a complaint is "serious" and a tone "very negative". */
const SERIOUS_MIN = 0.6;
const NEGATIVITY_DEADZONE = 0.2;
/** Reach and source effects are named in the reasons only from these sizes on. */
const NOTABLE_FOLLOWERS = 1000;
/** The default source bonuses (a few points for public channels) stay out of the reasons. */
const NOTABLE_SOURCE_POINTS = 5;
/** Share of the rule-based everyday-complaint evidence the score's severity keeps whatever the model says. */
const EVERYDAY_FLOOR = 0.25;
/** Share of a harm finding's evidence that counts as complaint severity. */
const HARM_SEVERITY = 0.6;
/** Theme evidence at which its bonus is paid in full (a negated mention gets part of it). */
const FULL_THEME_EVIDENCE = 0.7;

/** Log-scale reach 0..1 between config.reach.minFollowers and fullFollowers. */
function reachFactor(followers: number, reach: ScoringConfig['reach']): number {
  if (!(followers > reach.minFollowers)) return 0;
  const span = Math.log10(reach.fullFollowers) - Math.log10(Math.max(reach.minFollowers, 1));
  if (span <= 0) return 1;
  return Math.min(1, (Math.log10(followers) - Math.log10(Math.max(reach.minFollowers, 1))) / span);
}

function severityReason(t: TextReading, severity: number): string {
  if (severity < COMPLAINT_MIN) return '';
  const head = severity >= SERIOUS_MIN ? 'serious complaint' : 'complaint';
  let labels = '';
  let count = 0;
  for (const th of t.themes) {
    const label = RISK_THEMES.has(th) ? undefined : ownValue(THEME_LABELS, th);
    if (!label || count === 2) continue;
    labels += count++ === 0 ? label : `, ${label}`;
  }
  return count > 0 ? `${head} (${labels})` : head;
}

function isCustomTheme(config: ScoringConfig, theme: string): boolean {
  for (const p of config.severityPhrases) if (p.theme === theme) return true;
  return false;
}

export interface TextSignalsResult {
  signals: Signal[];
  points: number;
  /** The reason to show when no signal moved the score. */
  fallback: string;
  /** The text's severity with harm counted in, 0..1. */
  severity: number;
}

/** `ratingReason`: a review's stars, named instead of the text's complaint ("1-star review"). */
export function textSignals(
  input: ScoreInput,
  t: TextReading,
  config: ScoringConfig,
  ratingReason: string | null = null,
): TextSignalsResult {
  const w = config.weights;
  const signals: Signal[] = [];
  let points = 0;
  const add = (signal: string, p: number, reason: string): void => {
    points += p;
    signals.push({ signal, points: p, reason });
  };

  // The score's severity is the text model's, with two rule readings under it: a share of the
  // everyday-complaint evidence, so a domain the model never saw ("account frozen", "meter
  // readings") still reads as a complaint, and the harm found, which makes any complaint serious.
  let severity = 1 - (1 - t.severity) * (1 - EVERYDAY_FLOOR * t.signals.everyday);
  // Harm has a floor and a bonus of its own: here it only counts for part of its evidence.
  for (const h of t.harm) severity = 1 - (1 - severity) * (1 - HARM_SEVERITY * h.evidence);
  const negativity = Math.max(0, -t.sentiment);
  // Mild negativity is noise (a neutral question can read -0.2); only the rest earns points.
  const negativePoints = w.sentiment * Math.max(0, (negativity - NEGATIVITY_DEADZONE) / (1 - NEGATIVITY_DEADZONE));
  const positivity = Math.max(0, t.sentiment);
  // How much of a complaint this is; reach, verified and emphasis amplify complaints, not praise.
  const concern = Math.max(severity, negativity);
  const amplify = 0.2 + 0.8 * concern;

  // Praise, a plain question or a joke is not "a complaint" whatever topic words it shares with one.
  const quiet = t.intent === 'praise' || t.joke || (t.intent === 'question' && severity < COMPLAINT_MIN);
  add('severity', w.severity * severity, ratingReason ?? (quiet ? '' : severityReason(t, severity)));
  const tone = t.signals.sarcasm ? ' (sarcastic)' : '';
  add(
    'negativity',
    negativePoints,
    negativity >= SERIOUS_MIN ? `very negative${tone}` : negativity >= COMPLAINT_MIN ? `negative${tone}` : '',
  );
  add('positivity', -w.positive * positivity, positivity >= 0.3 ? 'positive feedback' : '');

  const followers = input.author.followers;
  if (followers !== undefined) {
    const f = reachFactor(followers, config.reach);
    // Small audiences move the score a little but are not worth a reason on the card.
    add('reach', w.reach * f * amplify, followers >= NOTABLE_FOLLOWERS && f > 0 ? `${formatFollowers(followers)} followers` : '');
  }
  if (input.author.verified) add('verified', w.verified * amplify, 'verified');
  if (input.isVip) add('vip', w.vip, 'VIP');

  let bonusLeft = w.themeBonusMax;
  for (const theme of t.themes) {
    const full = ownValue(config.themeBonus, theme) ?? (isCustomTheme(config, theme) ? w.customTheme : 0);
    if (full <= 0 || bonusLeft <= 0) continue;
    const harm = isHarmId(theme);
    const evidence = harm ? 1 : (ownValue(t.signals.themeEvidence, theme) ?? 0);
    const bonus = Math.min(bonusLeft, full * Math.min(1, evidence / FULL_THEME_EVIDENCE));
    bonusLeft -= bonus;
    // A harm category leads the reasons with its own words (score.ts); its bonus only ranks it.
    add(`${harm ? 'harm' : 'theme'}:${theme}`, bonus, harm ? '' : themeReason(theme));
  }

  // A problem that has lasted weeks is more urgent than a fresh one, whatever the words.
  if (t.waitedWeeks && concern >= COMPLAINT_MIN) add('waited', w.waited, 'waiting for weeks');
  const unanswered = Math.max(0, Math.floor(input.unansweredBefore ?? 0));
  if (unanswered > 0) add('repeat', w.repeat * Math.min(unanswered, w.repeatMax), `${ordinal(unanswered + 1)} message unanswered`);
  const volume = Math.floor(input.volume ?? 1);
  if (volume >= 2) {
    const storm = Math.min(1, Math.log(volume) / Math.log(config.volume.fullAt));
    add('volume', w.volume * storm, `storm: ${volume} mentions`);
  }

  // A complaint put as a question is waiting for an answer; a neutral question is routine.
  if (t.signals.isQuestion) add('question', w.question * amplify, concern < COMPLAINT_MIN ? 'neutral question' : 'asks a question');
  if (t.signals.shouting || t.signals.repeatedPunctuation) {
    add('emphasis', w.emphasis * concern, t.signals.shouting ? 'shouting (ALL CAPS)' : 'repeated punctuation');
  }

  const source = input.source.toLowerCase();
  // A source is any [a-z0-9_-] name, `constructor` and `__proto__` included: own entries only.
  const adjust = ownValue(config.sources, source);
  if (adjust) {
    const delta = points * (adjust.multiplier - 1) + adjust.bonus;
    add('source', delta, Math.abs(delta) >= NOTABLE_SOURCE_POINTS ? `via ${source}` : '');
  }

  const fallback =
    t.intent === 'praise' || positivity >= 0.3
      ? 'positive feedback'
      : t.intent === 'question'
        ? 'neutral question'
        : followers === undefined || followers < NOTABLE_FOLLOWERS
          ? 'low reach'
          : 'no complaint signals';
  return { signals, points, fallback, severity };
}
