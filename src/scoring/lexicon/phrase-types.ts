/**
 * Theme phrases: complaint events and escalation risks found in the text.
 *
 * Pattern syntax (matched on tokeniser output, so write "cant", not "can't"):
 *   "#"  any count: digits or a number word ("three", "an", "several", "3rd")
 *   "*"  exactly one word
 *   ".." a gap of 0-4 words inside the same clause ("never .. again")
 * The longest pattern starting at a word wins that word's valence; overlapping phrases of other
 * themes still count as evidence ("on hold for # hours" is both channel_failure and delay).
 */

/**
 * Theme vocabulary (stable machine keys, shown to code, not people):
 *   churn            wants to cancel / leave / switch to a competitor
 *   channel_failure  other support channels failed (on hold, no reply, called 3 times)
 *   broken_promise   a factual report that what was promised did not happen
 *   refund           asks for money back or compensation
 *   billing          charges, fees, bills, overcharging
 *   account          account or card frozen, locked, suspended, declined, inaccessible
 *   outage           something is down / not working / crashing
 *   delay            late, waiting, hours, postponed
 *   cancellation     the business cancelled the customer's order/booking/service
 *   lost_item        lost, missing, never arrived
 *   damaged          broken, damaged, defective on arrival
 *   booking          reservations, orders, appointments, rebooking, changes
 *   service          staff and customer-service complaints (rude, unhelpful, ignored)
 *   sarcasm          (internal) praise used sarcastically; never reported as a theme
 * The harm categories (safety, fraud, legal, press ...: harm/categories.ts) are found by the harm
 * detector, not by these phrases, and are reported among the themes too.
 */
export const THEMES = [
  'churn',
  'channel_failure',
  'broken_promise',
  'refund',
  'billing',
  'account',
  'outage',
  'delay',
  'cancellation',
  'lost_item',
  'damaged',
  'booking',
  'service',
] as const;
export type Theme = (typeof THEMES)[number];

/**
 * Escalation risks found by phrases. They are rare in any labelled set, so the learned part never
 * sees them: their severity comes from the rules alone (text/analyze.ts).
 */
export const RISK_THEMES: ReadonlySet<string> = new Set(['churn']);

/** Everyday complaint themes (and channel_failure, which is both): inputs of the learned part. */
export const LEARNED_THEMES: readonly Theme[] = THEMES.filter((t) => !RISK_THEMES.has(t));

export interface PhraseEntry {
  pattern: string;
  /** A Theme, 'sarcasm', or a customer-defined theme from the config. */
  theme: string;
  /** Evidence of a serious complaint, 0..1. */
  weight: number;
  /** VADER-scale valence the phrase contributes to sentiment (replaces its words' own valence). */
  valence: number;
}

/** Builds entries from "a | b | c" lists sharing one theme, weight and valence. */
export function phrases(theme: string, weight: number, valence: number, list: string): PhraseEntry[] {
  return list
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((pattern) => ({ pattern, theme, weight, valence }));
}
