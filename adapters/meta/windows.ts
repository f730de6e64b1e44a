/**
 * Meta's messaging rules, as the platform enforces them:
 * - the standard messaging window: a Page (or Instagram account) may message a person within 24
 *   hours of that person's last message, and not after (until they write again);
 * - private replies: one message to the author of a comment or visitor post, within 7 days of it.
 * Klaxon checks both before sending, on the injected clock, and shows them on the card.
 */
export const MESSAGING_WINDOW_MS = 24 * 3_600_000;
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 3_600_000;

/** A span as people read it on a card: "3h", "45m", "5d" (rounded down: never promises time that is not there). */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${Math.max(1, minutes)}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

export interface Window {
  open: boolean;
  closesAt: Date;
  /** Time left while open; time since it closed (negative) after. */
  leftMs: number;
}

export function windowFrom(start: Date, lengthMs: number, now: Date): Window {
  const closesAt = new Date(start.getTime() + lengthMs);
  const leftMs = closesAt.getTime() - now.getTime();
  return { open: leftMs > 0, closesAt, leftMs };
}

/** Why a direct message cannot go now, in words for the agent; null while the window is open. */
export function messagingRefusal(channel: string, lastCustomerAt: Date, now: Date): string | null {
  const w = windowFrom(lastCustomerAt, MESSAGING_WINDOW_MS, now);
  if (w.open) return null;
  return (
    `Not sent: ${channel}'s 24-hour messaging window closed ${formatSpan(-w.leftMs)} ago (the customer last wrote at ` +
    `${lastCustomerAt.toISOString()}). Meta allows no standard message until the customer writes again.`
  );
}

/** Why a private reply to a comment cannot go, or null when it can. */
export function privateReplyRefusal(channel: string, commentAt: Date, alreadySent: boolean, now: Date): string | null {
  if (alreadySent)
    return (
      `Not sent: ${channel} allows only one private reply to a comment, and Klaxon already sent it. Answer in public, ` +
      `or wait for the customer to write back in their inbox.`
    );
  const w = windowFrom(commentAt, PRIVATE_REPLY_WINDOW_MS, now);
  if (w.open) return null;
  return (
    `Not sent: ${channel} allows a private reply only within 7 days of the comment, ` +
    `and it was written ${formatSpan(now.getTime() - commentAt.getTime())} ago. Answer in public instead.`
  );
}
