import { z } from 'zod';

/** At most this many mentions per `/ingest` request (CONTRACT §4). */
export const MAX_BATCH = 1000;

const isoDate = z
  .string({ message: 'must be an ISO-8601 date-time string' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/, 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T10:00:00Z')
  .transform((value, ctx) => {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date' });
      return z.NEVER;
    }
    return date;
  });

/**
 * Identifiers are compared, stored and echoed back to their source: one with a lone surrogate
 * (invalid Unicode, e.g. from a sender that cut an emoji in half) cannot be stored faithfully,
 * so it is refused rather than silently altered. Display text is repaired instead (cleanText).
 */
const WELL_FORMED = 'must be valid Unicode (it contains a lone surrogate)';
const wellFormed = (value: string) => value.isWellFormed();

const optionalId = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters').refine(wellFormed, WELL_FORMED).optional();

/** One mention in the ingest format (CONTRACT §4). Unknown fields are ignored. */
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
  text: z.string({ message: 'is required (the message text)' }).min(1, 'must not be empty').max(10_000, 'must be at most 10,000 characters'),
  url: z.url({ message: 'must be an absolute URL' }).max(2048).refine(wellFormed, WELL_FORMED).optional(),
  createdAt: isoDate,
  inReplyTo: optionalId,
  conversationId: optionalId,
  private: z.boolean({ message: 'must be true or false' }).default(false),
});

export type MentionInput = z.output<typeof mentionSchema>;

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
 * and field path; good items in the same batch are still accepted.
 */
export function parseIngestBody(body: unknown): ParsedBatch {
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
      batch.mentions.push({ index, mention: cleanText(result.data) });
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
