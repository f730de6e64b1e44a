import type { Counter } from 'prom-client';
import type { Clock } from '../../src/clock.js';
import type { MentionEdit } from '../../src/ingest/edit.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import { readJson } from '../source-kit/cursor-json.js';
import type { CursorStore, SourceSink } from '../source-kit/types.js';
import { starsOf, type GoogleReviewsApi, type Review } from './api.js';
import { ownerReplyMention, replyFingerprint, reviewFingerprint, reviewMention, reviewText } from './mention.js';
import { GOOGLE_REVIEWS_SOURCE, type GoogleReviewsSettings } from './settings.js';
import { requireStored } from '../source-kit/stored.js';

/** What Klaxon keeps about a review it ingested. */
export interface ReviewRecord {
  /** The review's resource name (`accounts/…/locations/…/reviews/…`): where the reply goes. */
  name: string;
  /** Stars and words as last ingested: a change is an edit. */
  fingerprint: string;
  /** The owner's reply as last seen (Klaxon's or not). */
  reply: string | null;
}

/**
 * How far a location has been read: the newest update time ingested, and the versions of the
 * reviews at that instant (a review changed again within the same instant is a new version).
 */
interface Cursor {
  time: string;
  ids: string[];
}

/** One version of a review: its id, stars, words and owner's reply. */
const versionOf = (r: Review): string =>
  `${r.reviewId}:${reviewFingerprint(r)}:${r.reviewReply ? replyFingerprint(r.reviewReply.comment) : '-'}`;

export type ReviewOutcome = 'ingested' | 'duplicate' | 'edited' | 'answered_outside' | 'own_reply' | 'invalid';

export class ReviewStore {
  readonly #c: CursorStore;

  constructor(cursors: CursorStore) {
    this.#c = cursors;
  }

  async review(id: string): Promise<ReviewRecord | null> {
    return readJson<ReviewRecord>(this.#c, `review:${id}`);
  }

  async remember(id: string, record: ReviewRecord): Promise<void> {
    await this.#c.set(`review:${id}`, JSON.stringify(record));
  }

  /** Klaxon is about to post this reply: when the next poll sees it, it is ours, not the team answering outside. */
  async markOwnReply(id: string, comment: string): Promise<void> {
    await this.#c.set(`ours:${id}`, replyFingerprint(comment));
  }

  async ownReply(id: string): Promise<string | null> {
    return (await this.#c.get(`ours:${id}`)) ?? null;
  }

  async cursor(location: string): Promise<Cursor | null> {
    return readJson<Cursor>(this.#c, `cursor:${location}`);
  }

  async setCursor(location: string, cursor: Cursor): Promise<void> {
    await this.#c.set(`cursor:${location}`, JSON.stringify(cursor));
  }
}

export interface PollDeps {
  settings: GoogleReviewsSettings;
  api: GoogleReviewsApi;
  store: ReviewStore;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  counted: Counter<'outcome'>;
}

const time = (r: Review) => new Date(r.updateTime).getTime();

/** The reviews of a location updated since the cursor, newest first, as Google lists them. */
async function newSince(deps: PollDeps, location: string, cursor: Cursor | null): Promise<Review[]> {
  const floor = cursor ? new Date(cursor.time).getTime() : deps.clock.now().getTime() - deps.settings.firstSyncDays * 24 * 3_600_000;
  const seen = new Set(cursor?.ids ?? []);
  const out: Review[] = [];
  let pageToken: string | null = null;
  for (let page = 0; page < deps.settings.maxPagesPerPoll; page += 1) {
    const answer = await deps.api.reviews(location, pageToken);
    if (answer.skipped > 0) deps.logger.warn('Google reviews in an unexpected shape were skipped', { location, skipped: answer.skipped });
    for (const review of answer.reviews) {
      const t = time(review);
      if (Number.isNaN(t) || t < floor) return out;
      if (cursor && t === floor && seen.has(versionOf(review))) continue;
      out.push(review);
    }
    pageToken = answer.nextPageToken;
    if (!pageToken) return out;
  }
  deps.logger.warn(
    `more than ${deps.settings.maxPagesPerPoll * 50} reviews changed at one location since the last read: ` +
      `the newest are read now, older changes in that span are not`,
    { location },
  );
  return out;
}

/**
 * One poll of one location: new reviews become cases (their stars a scoring signal), changed ones
 * are edits of their case, and an owner's reply written in Business Profile marks the case answered
 * outside Klaxon. The cursor moves only after the core has everything.
 */
export async function pollLocation(deps: PollDeps, location: string, sink: SourceSink): Promise<void> {
  const { store, clock, metrics } = deps;
  const cursor = await store.cursor(location);
  const changed = (await newSince(deps, location, cursor)).sort((a, b) => time(a) - time(b));
  if (changed.length === 0) return;
  const now = clock.now();
  const mentions: MentionInput[] = [];
  const outcomes: ReviewOutcome[] = [];
  const edits: MentionEdit[] = [];
  const records = new Map<string, ReviewRecord>();
  for (const review of changed) {
    const known = await store.review(review.reviewId);
    const fingerprint = reviewFingerprint(review);
    const record: ReviewRecord = { name: review.name, fingerprint, reply: known?.reply ?? null };
    if (!known) {
      const built = reviewMention(review, now);
      if (!built.ok) {
        deps.logger.error('a Google review cannot be stored as a mention', { review: review.reviewId, reason: built.reason });
        deps.counted.inc({ outcome: 'invalid' });
        continue;
      }
      mentions.push(built.mention);
      outcomes.push('ingested');
    } else if (known.fingerprint !== fingerprint) {
      const stars = starsOf(review);
      edits.push({
        source: GOOGLE_REVIEWS_SOURCE,
        id: review.reviewId,
        text: reviewText(review),
        ...(stars === null ? {} : { rating: stars }),
        editedAt: new Date(review.updateTime),
      });
    }
    const reply = review.reviewReply?.comment.trim() ? replyFingerprint(review.reviewReply.comment) : null;
    if (reply && reply !== record.reply) {
      record.reply = reply;
      if (reply === (await store.ownReply(review.reviewId))) deps.counted.inc({ outcome: 'own_reply' });
      else {
        const built = ownerReplyMention(review, now);
        if (built?.ok) {
          mentions.push(built.mention);
          outcomes.push('answered_outside');
        }
      }
    }
    records.set(review.reviewId, record);
  }
  if (mentions.length > 0) {
    const result = await sink.ingest(mentions);
    const duplicate = new Set(result.duplicateIndexes);
    const failed = new Set(result.failed.map((f) => f.index));
    mentions.forEach((m, i) => {
      if (failed.has(i)) return;
      if (duplicate.has(i)) {
        metrics.duplicates.inc({ source: GOOGLE_REVIEWS_SOURCE });
        deps.counted.inc({ outcome: 'duplicate' });
      } else {
        metrics.ingested.inc({ source: GOOGLE_REVIEWS_SOURCE, direction: m.direction });
        deps.counted.inc({ outcome: outcomes[i] ?? 'ingested' });
      }
    });
    // Nothing remembered and the cursor unmoved: the next poll reads these reviews again.
    requireStored({ metrics, source: GOOGLE_REVIEWS_SOURCE }, result, mentions.length);
  }
  if (edits.length > 0) {
    if (!sink.edit) deps.logger.warn('Google review edits not applied: this core takes no edits', { edits: edits.length });
    else {
      const result = await sink.edit(edits);
      if (result.edited > 0) deps.counted.inc({ outcome: 'edited' }, result.edited);
      for (const bad of result.invalid) deps.logger.error('a Google review edit cannot be applied', { review: bad.id, reason: bad.reason });
    }
  }
  // Remembered once the core has them: a crash before this line re-reads them, and the core dedupes.
  for (const [id, record] of records) await store.remember(id, record);
  const newest = changed[changed.length - 1] as Review;
  const atNewest = changed.filter((r) => time(r) === time(newest)).map(versionOf);
  const sameInstant = cursor && new Date(cursor.time).getTime() === time(newest) ? cursor.ids : [];
  await store.setCursor(location, {
    time: new Date(time(newest)).toISOString(),
    ids: [...new Set([...sameInstant, ...atNewest])].slice(-500),
  });
}
