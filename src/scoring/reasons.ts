/**
 * Plain-words explanations. Every signal that moved the score leaves a Contribution (its points
 * and its words); the reasons are the five that moved it most, biggest first, so the card reads
 * "VIP · threatens legal action · 48k followers · very negative".
 */
import { ownValue } from '../own.js';

export interface Signal {
  /** Machine name for `score --explain` ("severity", "reach", "harm:fraud", "floor:safety"). */
  signal: string;
  /** Score points this signal added (negative when it lowered the score). */
  points: number;
  /** Plain words for the card; empty when the signal is not worth a reason. */
  reason: string;
}

export const MAX_REASONS = 5;
/** Contributions smaller than this are noise, not reasons. */
const MIN_POINTS = 1;

/** Words for each escalation theme when it adds a bonus (harm categories have their own: harm/categories.ts). */
export const THEME_REASONS: Readonly<Record<string, string>> = {
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
  broken_promise: 'broken promise',
};

export function themeReason(theme: string): string {
  return ownValue(THEME_REASONS, theme) ?? `mentions ${theme.replace(/_/g, ' ')}`;
}

export function ordinal(n: number): string {
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const byEffect = (a: Signal, b: Signal): number => Math.abs(b.points) - Math.abs(a.points);

/**
 * The reasons for the card: `lead` first (harm categories, an unread language, "no action"),
 * then the signals that moved the score most; `fallback` when nothing did. At most MAX_REASONS.
 */
export function topReasons(signals: readonly Signal[], fallback: string, lead: readonly string[] = []): string[] {
  const out: string[] = lead.slice(0, MAX_REASONS);
  const ranked = signals.filter((s) => s.reason && Math.abs(s.points) >= MIN_POINTS).sort(byEffect);
  for (const s of ranked) {
    if (out.length === MAX_REASONS) break;
    if (!out.includes(s.reason)) out.push(s.reason);
  }
  if (out.length === 0) out.push(fallback);
  return out;
}
