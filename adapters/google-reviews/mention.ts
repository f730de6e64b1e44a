import { createHash } from 'node:crypto';
import { mentionSchema, type MentionInput } from '../../src/ingest/schema.js';
import { starsOf, type Review } from './api.js';
import { GOOGLE_REVIEWS_SOURCE } from './settings.js';

const MAX_TEXT = 10_000;

/** "★★☆☆☆ 2/5": the rating as the card shows it, first line of the mention. */
export function starLine(stars: number | null): string {
  if (stars === null) return '☆☆☆☆☆ (no star rating)';
  return `${'★'.repeat(stars)}${'☆'.repeat(5 - stars)} ${stars}/5`;
}

/** The review as a mention's text: the stars, then the reviewer's words (many reviews have none). */
export function reviewText(review: Review): string {
  const words = (review.comment ?? '').replace(/\u0000/g, '').trim();
  const body = words || '(a rating with no written review)';
  const text = `${starLine(starsOf(review))}\n\n${body}`;
  return text.length > MAX_TEXT
    ? `${text.slice(0, MAX_TEXT - 40).trimEnd()}\n\n[… shortened: ${text.length - (MAX_TEXT - 40)} more characters]`
    : text;
}

/** What changes between versions of a review, as one comparable value. */
export function reviewFingerprint(review: Review): string {
  return createHash('sha256')
    .update(`${starsOf(review) ?? 0}\n${review.comment ?? ''}`)
    .digest('hex')
    .slice(0, 32);
}

export function replyFingerprint(comment: string): string {
  return createHash('sha256').update(comment.trim()).digest('hex').slice(0, 32);
}

function date(value: string, fallback: Date): Date {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? fallback : d;
}

function build(candidate: Record<string, unknown>): { ok: true; mention: MentionInput } | { ok: false; reason: string } {
  const result = mentionSchema.safeParse(candidate);
  if (!result.success) return { ok: false, reason: result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') };
  return { ok: true, mention: result.data };
}

/** A new review as an inbound mention: one case per review, the rating a scoring signal. */
export function reviewMention(review: Review, now: Date) {
  const stars = starsOf(review);
  const anonymous = review.reviewer?.isAnonymous === true || !review.reviewer?.displayName;
  return build({
    id: review.reviewId,
    source: GOOGLE_REVIEWS_SOURCE,
    author: anonymous
      ? { name: 'A Google user' }
      : {
          name: review.reviewer?.displayName
            ?.replace(/[\u0000-\u001f\u007f]/g, ' ')
            .trim()
            .slice(0, 200),
        },
    text: reviewText(review),
    createdAt: date(review.createTime, now).toISOString(),
    conversationId: `review:${review.reviewId}`,
    ...(stars === null ? {} : { rating: stars }),
  });
}

/** The owner's reply written outside Klaxon (in Business Profile): the case is answered. */
export function ownerReplyMention(review: Review, now: Date) {
  const reply = review.reviewReply;
  if (!reply) return null;
  return build({
    id: `${review.reviewId}/reply`,
    source: GOOGLE_REVIEWS_SOURCE,
    direction: 'outbound',
    author: { name: 'Business owner' },
    text: reply.comment.trim().slice(0, MAX_TEXT) || '(empty reply)',
    createdAt: date(reply.updateTime ?? review.updateTime, now).toISOString(),
    inReplyTo: review.reviewId,
    conversationId: `review:${review.reviewId}`,
  });
}
