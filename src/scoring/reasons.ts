/**
 * Plain-words explanations. Every signal that moved the score leaves a Contribution (its points
 * and its words); the reasons are the five that moved it most, biggest first, so the card reads
 * "VIP · threatens legal action · 48k followers · very negative".
 */
import { ownValue } from '../own.js';

export interface Contribution {
  /** Score points this signal added (negative when it lowered the score). */
  points: number;
  reason: string;
}

export const MAX_REASONS = 5;
/** Contributions smaller than this are noise, not reasons. */
const MIN_POINTS = 1;

/** Words for each theme when it adds a bonus (escalation risks). */
export const THEME_REASONS: Readonly<Record<string, string>> = {
  legal: 'threatens legal action',
  safety: 'safety issue',
  fraud: 'possible fraud',
  discrimination: 'alleges discrimination',
  press: 'press/media',
  privacy: 'privacy concern',
  churn: 'wants to cancel',
  channel_failure: 'says other channels failed',
};

/** Words for everyday complaint themes, used inside the severity reason. */
export const THEME_LABELS: Readonly<Record<string, string>> = {
  delay: 'delay',
  cancellation: 'cancellation',
  lost_item: 'lost item',
  damaged: 'damaged item',
  booking: 'booking problem',
  billing: 'billing',
  account: 'account access',
  refund: 'refund',
  outage: 'outage',
  service: 'poor service',
};

export function themeReason(theme: string): string {
  return ownValue(THEME_REASONS, theme) ?? `mentions ${theme.replace(/_/g, ' ')}`;
}

export function ordinal(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const byEffect = (a: Contribution, b: Contribution): number => Math.abs(b.points) - Math.abs(a.points);

/** The top reasons, biggest effect first; `fallback` when nothing moved the score. */
export function topReasons(contributions: Contribution[], fallback: string): string[] {
  const out: string[] = [];
  contributions.sort(byEffect);
  for (const c of contributions) {
    if (out.length === MAX_REASONS) break;
    if (Math.abs(c.points) < MIN_POINTS || out.includes(c.reason)) continue;
    out.push(c.reason);
  }
  if (out.length === 0) out.push(fallback);
  return out;
}
