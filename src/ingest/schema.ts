import { z } from 'zod';
import type { PublicReply } from '../ports.js';

/** At most this many mentions per `/ingest` request (docs/CONTRACT.md §4). */
export const MAX_BATCH = 1000;

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))$/;
/** No message Klaxon handles was written before this: an earlier date is a broken clock or field. */
export const EARLIEST_DATE = Date.UTC(1970, 0, 1);

/**
 * What is wrong with an ISO-8601 date-time's calendar, or null. `Date` would quietly roll
 * 2026-02-30 over to 2 March and 24:00 to the next day; a message date must exist as written.
 */
function calendarProblem(value: string): string | null {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T10:00:00Z';
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12) return `is not a real date: there is no month ${m[2]}`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `is not a real date: ${m[1]}-${m[2]} has ${daysInMonth} days`;
  if (hour > 23 || minute > 59 || second > 59) return 'is not a real date: the time of day must be 00:00:00–23:59:59';
  if (m[9] !== undefined && (Number(m[9]) > 14 || Number(m[10]) > 59)) return `is not a real date: no time zone is ${m[8]} from UTC`;
  return null;
}

const isoDate = z
  .string({ message: 'must be an ISO-8601 date-time string' })
  .transform((value, ctx) => {
    const problem = calendarProblem(value);
    const date = new Date(value);
    if (problem || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: problem ?? 'is not a real date' });
      return z.NEVER;
    }
    if (date.getTime() < EARLIEST_DATE) {
      ctx.addIssue({ code: 'custom', message: 'is before 1970: not a date a message was written' });
      return z.NEVER;
    }
    return date;
  });

/** How far ahead of Klaxon's clock a message may be dated (clock skew, time-zone slips). */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * Why a valid mention cannot be taken at `now`, or null: one dated more than a day ahead would
 * never breach its SLA (the clock starts at `createdAt`), so it is refused.
 */
export function timingProblem(mention: Pick<MentionInput, 'createdAt'>, now: Date): IngestFieldError | null {
  if (mention.createdAt.getTime() - now.getTime() <= MAX_FUTURE_MS) return null;
  return { index: 0, path: 'createdAt', message: `createdAt ${mention.createdAt.toISOString()} is more than a day ahead of now (${now.toISOString()}): check the sender's clock and time zone` };
}

/**
 * Identifiers are compared, stored and echoed back to their source: one with a lone surrogate
 * (invalid Unicode, e.g. from a sender that cut an emoji in half) cannot be stored faithfully,
 * so it is refused rather than silently altered. Display text is repaired instead (cleanText).
 */
const WELL_FORMED = 'must be valid Unicode (it contains a lone surrogate)';
const wellFormed = (value: string) => value.isWellFormed();

const optionalId = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters').refine(wellFormed, WELL_FORMED).optional();

/** Long posts (X's note tweets, e-mails) run past 10,000 characters; docs/CONTRACT.md §4 allows 50,000. */
export const MAX_TEXT = 50_000;

/**
 * A link to the message where it was posted. Only http(s): anything else (`javascript:`,
 * `data:`, `file:`) is refused here with a clear error. Stored in its normalised form, with
 * spaces, `<`, `>` and `|` percent-encoded, so no chat platform can read part of it as markup
 * (`https://x/1>x <!here>` must never end a link early or start a command).
 */
const webUrl = z
  .url({ protocol: /^https?$/, message: 'must be an absolute http:// or https:// URL' })
  .max(2048, 'must be at most 2,048 characters')
  .refine(wellFormed, WELL_FORMED)
  .transform((value) => new URL(value).href.replace(/\|/g, '%7C'));

/** One mention in the ingest format (docs/CONTRACT.md §4). Unknown fields are ignored. */
export const mentionSchema = z.object({
  id: z.string({ message: 'is required (a string unique within its source)' }).min(1, 'must not be empty').max(256, 'must be at most 256 characters').refine(wellFormed, WELL_FORMED),
  source: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must match [a-z0-9_-]{1,32}, e.g. twitter, email, review').default('web'),
  direction: z.enum(['inbound', 'outbound'], { message: 'must be "inbound" or "outbound"' }).default('inbound'),
  author: z
    .object({
      id: optionalId,
      handle: z.string().max(100, 'must be at most 100 characters').refine(wellFormed, WELL_FORMED).optional(),
      name: z.string().max(200, 'must be at most 200 characters').optional(),
      followers: z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(10_000_000_000).optional(),
      verified: z.boolean({ message: 'must be true or false' }).optional(),
    }, { message: 'must be an object' })
    .default({}),
  text: z.string({ message: 'is required (the message text)' }).min(1, 'must not be empty').max(MAX_TEXT, 'must be at most 50,000 characters'),
  url: webUrl.optional(),
  createdAt: isoDate,
  inReplyTo: optionalId,
  conversationId: optionalId,
  private: z.boolean({ message: 'must be true or false' }).default(false),
  /** Review sources: the star rating, 1–5. 1–2 stars is a complaint (src/scoring/rating.ts). */
  rating: z.number({ message: 'must be a number of stars, 1 to 5' }).int('must be a whole number of stars').min(1, 'must be 1 to 5 stars').max(5, 'must be 1 to 5 stars').optional(),
});

/**
 * A validated mention. A source adapter may add what only it can know: whether the source will
 * take a public reply to it (`publicReply`). `/ingest` cannot set that: the schema drops it.
 */
export type MentionInput = z.output<typeof mentionSchema> & { publicReply?: PublicReply };

export interface IngestFieldError {
  index: number;
  path: string;
  message: string;
}

export interface ParsedBatch {
  mentions: { index: number; mention: MentionInput }[];
  errors: IngestFieldError[];
}

/** Thrown for a body whose shape is wrong as a whole (not an object, too many mentions). */
export class BatchShapeError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
  }
}

function cleanText(mention: MentionInput): MentionInput {
  // Lone surrogates cannot be stored faithfully or sent back to any platform; replace them.
  const name = mention.author.name;
  if (mention.text.isWellFormed() && (name === undefined || name.isWellFormed())) return mention;
  return { ...mention, text: mention.text.toWellFormed(), author: { ...mention.author, ...(name === undefined ? {} : { name: name.toWellFormed() }) } };
}

/**
 * Accepts one mention object or `{"mentions": [...]}`. Bad items are reported with their index
 * and field path; good items in the same batch are still accepted. `now` is the injected clock's
 * time, against which a date too far ahead is refused.
 */
export function parseIngestBody(body: unknown, now: Date = new Date()): ParsedBatch {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BatchShapeError('body must be a mention object or {"mentions": [...]}', 400);
  }
  const items: unknown[] = 'mentions' in body ? (body as { mentions: unknown }).mentions as unknown[] : [body];
  if (!Array.isArray(items)) throw new BatchShapeError('"mentions" must be an array', 400);
  if (items.length > MAX_BATCH) throw new BatchShapeError(`at most ${MAX_BATCH} mentions per request (got ${items.length})`, 413);
  const batch: ParsedBatch = { mentions: [], errors: [] };
  items.forEach((item, index) => {
    const result = mentionSchema.safeParse(item);
    if (result.success) {
      const late = timingProblem(result.data, now);
      if (late) batch.errors.push({ ...late, index });
      else batch.mentions.push({ index, mention: cleanText(result.data) });
    } else {
      for (const issue of result.error.issues) {
        const path = issue.path.map(String).join('.') || '(mention)';
        const message = issue.code === 'invalid_type' && issue.input === undefined && issue.path.length > 0 ? `${path} is required` : `${path} ${issue.message}`;
        batch.errors.push({ index, path, message });
      }
    }
  });
  return batch;
}
