import type { ReplySource } from '../ports.js';

/**
 * How long a public reply may be on a source, counted the way that source counts. The Reply form
 * shows the count live, and the reply verb refuses what the source would refuse, before anything
 * is queued: a reply the network turns away is a customer left without an answer.
 */
export interface ReplyBudget {
  limit: number;
  /** What is counted, for the person reading the count. */
  unit: string;
  measure(text: string): number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** User-perceived characters (an emoji with its modifiers, a letter with its accents count once). */
export function graphemeCount(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n += 1;
  return n;
}

/** Unicode code points: what most networks mean by "characters". */
export function codePointCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

const codePoints = (limit: number): ReplyBudget => ({ limit, unit: 'characters', measure: codePointCount });

/**
 * Documented limits of sources whose rule is a plain count. X's weighted count (links 23, emoji
 * and CJK 2) needs X's own library and is supplied by its adapter; sources not listed here (e-mail,
 * web chat, a review site's own form) take what the customer's channel takes, with no count shown.
 */
export const PLAIN_REPLY_BUDGETS: Readonly<Record<string, ReplyBudget>> = {
  bluesky: { limit: 300, unit: 'characters', measure: graphemeCount },
  mastodon: codePoints(500),
  instagram: codePoints(2200),
  facebook: codePoints(8000),
  tiktok: codePoints(150),
  youtube: codePoints(10_000),
  reddit: codePoints(10_000),
};

/** The refusal for a public reply over its source's budget, in words for the agent; null when it fits. */
export function budgetProblem(source: string, text: string, budget: ReplyBudget): string | null {
  const used = budget.measure(text);
  if (used <= budget.limit) return null;
  return (
    `This reply is ${used} ${budget.unit} and ${source} takes at most ${budget.limit}: shorten it by ${used - budget.limit}, ` +
    `or send it as a private message.`
  );
}

/**
 * A reply source that measures and refuses by its source's budget; everything else it does is the
 * wrapped source's. A source that knows its own rule (the X adapter does) keeps it; private
 * messages are not limited here.
 */
export function withReplyBudget(source: ReplySource, budget: ReplyBudget | null): ReplySource {
  if (!budget || source.measure) return source;
  const findDelivered = source.findDelivered?.bind(source);
  return {
    source: source.source,
    replyPublic: (input) => source.replyPublic(input),
    sendPrivate: (input) => source.sendPrivate(input),
    ...(findDelivered ? { findDelivered } : {}),
    measure: (text) => ({ used: budget.measure(text), limit: budget.limit }),
    validate: (text, mode) =>
      (mode === 'public' ? budgetProblem(source.source, text, budget) : null) ?? source.validate?.(text, mode) ?? null,
  };
}
