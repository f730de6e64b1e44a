import type { AdaptiveCard } from './elements.js';

/**
 * Teams refuses a bot message over about 100 KB, counted as UTF-16 with base64-encoded images
 * left out (learn.microsoft.com, "Format your bot messages"; an older page said 40 KB, and posts
 * through Graph stop near 28 KB). Klaxon keeps every message under 80 KB: a margin for the
 * activity around the card and for how Teams counts.
 */
export const MESSAGE_BUDGET_BYTES = 80 * 1024;
/** What the activity adds around a card: ids, service URL, summary, the attachment wrapper. */
const ENVELOPE_BYTES = 4 * 1024;

const BASE64_IMAGE = /data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/gi;

/** The bytes Teams counts for a value sent as JSON: two per UTF-16 code unit, images not counted. */
export function countedBytes(value: unknown): number {
  return JSON.stringify(value).replace(BASE64_IMAGE, '').length * 2;
}

export function fitsMessage(card: AdaptiveCard): boolean {
  return countedBytes(card) + ENVELOPE_BYTES <= MESSAGE_BUDGET_BYTES;
}

/** Shares of the normal lengths a card is tried at, until it fits. */
const SCALES = [1, 0.5, 0.25, 0.1, 0.04] as const;

/**
 * Builds a card whose outside text is cut to `scale` of its usual lengths, trying smaller shares
 * until the message fits Teams' limit. What is cut stays reachable (Show full text, the history).
 */
export function fitCard(build: (scale: number) => AdaptiveCard): AdaptiveCard {
  let card = build(1);
  for (const scale of SCALES.slice(1)) {
    if (fitsMessage(card)) return card;
    card = build(scale);
  }
  return card;
}

/** A length scaled for `fitCard`, never below a readable minimum. */
export function scaled(length: number, scale: number, minimum = 40): number {
  return Math.max(Math.min(length, minimum), Math.floor(length * scale));
}

/**
 * A plain-text message cut to fit Teams' limit (a 50,000-character note posted in a card's
 * thread would be refused whole). The cut says where the rest is.
 */
export function fitPlainText(text: string, budgetBytes = MESSAGE_BUDGET_BYTES - ENVELOPE_BYTES): string {
  if (countedBytes(text) <= budgetBytes) return text;
  const suffix = ' … (cut to fit a Teams message; the full text is in the case history)';
  let length = text.length;
  let cut = text;
  while (length > 0) {
    length = Math.floor(length * Math.min(0.95, budgetBytes / countedBytes(cut + suffix)));
    cut = text.slice(0, length);
    // Never half a character.
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    if (countedBytes(cut + suffix) <= budgetBytes) return cut + suffix;
  }
  return suffix.trim();
}
