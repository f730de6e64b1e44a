import { z } from 'zod';
import { closestKey, schemaAt, strictDeep } from '../config/strict.js';
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
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return `is not a real date: there is no month ${m[2]}`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `is not a real date: ${m[1]}-${m[2]} has ${daysInMonth} days`;
  if (hour > 23 || minute > 59 || second > 59) return 'is not a real date: the time of day must be 00:00:00–23:59:59';
  if (m[9] !== undefined && (Number(m[9]) > 14 || Number(m[10]) > 59)) return `is not a real date: no time zone is ${m[8]} from UTC`;
  return null;
}

const isoDate = z.string({ message: 'must be an ISO-8601 date-time string' }).transform((value, ctx) => {
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
  return {
    index: 0,
    path: 'createdAt',
    message:
      `createdAt ${mention.createdAt.toISOString()} is more than a day ahead of now (${now.toISOString()}): ` +
      `check the sender's clock and time zone`,
  };
}

/**
 * Identifiers are compared, stored and echoed back to their source: one with a lone surrogate
 * (invalid Unicode, e.g. from a sender that cut an emoji in half) cannot be stored faithfully,
 * so it is refused rather than silently altered. Display text is repaired instead (cleanText).
 */
const WELL_FORMED = 'must be valid Unicode (it contains a lone surrogate)';
const wellFormed = (value: string) => value.isWellFormed();

const optionalId = z
  .string()
  .min(1, 'must not be empty')
  .max(256, 'must be at most 256 characters')
  .refine(wellFormed, WELL_FORMED)
  .optional();

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

/**
 * One mention in the ingest format (docs/CONTRACT.md §4), as source adapters build it. What comes from
 * outside (`/ingest`, `klaxon replay`) is checked by the strict `ingestMentionSchema` below.
 */
export const mentionSchema = z.object({
  id: z
    .string({ message: 'is required (a string unique within its source)' })
    .min(1, 'must not be empty')
    .max(256, 'must be at most 256 characters')
    .refine(wellFormed, WELL_FORMED),
  source: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/, 'must match [a-z0-9_-]{1,32}, e.g. twitter, email, review')
    .default('web'),
  direction: z.enum(['inbound', 'outbound'], { message: 'must be "inbound" or "outbound"' }).default('inbound'),
  author: z
    .object(
      {
        id: optionalId,
        handle: z.string().max(100, 'must be at most 100 characters').refine(wellFormed, WELL_FORMED).optional(),
        name: z.string().max(200, 'must be at most 200 characters').optional(),
        followers: z
          .number({ message: 'must be a number' })
          .int('must be a whole number')
          .min(0, 'must not be negative')
          .max(10_000_000_000)
          .optional(),
        verified: z.boolean({ message: 'must be true or false' }).optional(),
      },
      { message: 'must be an object' },
    )
    .default({}),
  text: z
    .string({ message: 'is required (the message text)' })
    .min(1, 'must not be empty')
    .max(MAX_TEXT, 'must be at most 50,000 characters'),
  url: webUrl.optional(),
  createdAt: isoDate,
  inReplyTo: optionalId,
  conversationId: optionalId,
  private: z.boolean({ message: 'must be true or false' }).default(false),
  /** Review sources: the star rating, 1–5. 1–2 stars is a complaint (src/scoring/rating.ts). */
  rating: z
    .number({ message: 'must be a number of stars, 1 to 5' })
    .int('must be a whole number of stars')
    .min(1, 'must be 1 to 5 stars')
    .max(5, 'must be 1 to 5 stars')
    .optional(),
});

/**
 * A validated mention. A source adapter may add what only it can know: whether the source will
 * take a public reply to it (`publicReply`). `/ingest` cannot set that: the schema drops it.
 */
export type MentionInput = z.output<typeof mentionSchema> & { publicReply?: PublicReply };

/**
 * The ingest format as senders write it: every object in it refuses keys it does not know. A
 * misspelt `"Private": true` must be an error, not a private message made public.
 */
export const ingestMentionSchema = strictDeep(mentionSchema);

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
  return {
    ...mention,
    text: mention.text.toWellFormed(),
    author: { ...mention.author, ...(name === undefined ? {} : { name: name.toWellFormed() }) },
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a JSON value is, in the words of a type error ("got string"). */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(item: unknown, path: readonly PropertyKey[]): unknown {
  let value = item;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** The keys the ingest format takes at `path`, or null where it takes no object. */
function knownKeysAt(path: readonly string[]): string[] | null {
  const schema = schemaAt(ingestMentionSchema, path);
  const def = schema?._zod.def as { type?: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : null;
}

/**
 * Every key the ingest format does not know, anywhere in the item (zod reports an object's
 * unknown keys only once its known fields pass, and a sender should hear of all at once), each
 * with its path and the field probably meant. `rootExtras` are keys that are not fields but are
 * worth suggesting at the top (`mentions`, for a batch written as `{"mention": [...]}`).
 */
function unknownFieldErrors(item: unknown, path: string[] = [], rootExtras: readonly string[] = []): { path: string; message: string }[] {
  const known = knownKeysAt(path);
  if (!known || !isPlainObject(item)) return [];
  const errors: { path: string; message: string }[] = [];
  for (const key of Object.keys(item)) {
    const at = [...path, key];
    if (!known.includes(key)) {
      const where = path.length === 0 ? 'a mention' : path.join('.');
      const near = closestKey(key, path.length === 0 ? [...known, ...rootExtras] : known);
      const hint = near ? `; did you mean "${near}"?` : ` (${where} takes: ${known.join(', ')})`;
      errors.push({ path: at.join('.'), message: `${at.join('.')} is not a field of ${where}${hint}` });
    } else {
      errors.push(...unknownFieldErrors(item[key], at));
    }
  }
  return errors;
}

/** One zod issue in the words a sender needs: which field, what was expected, what came. */
function describeIssue(item: unknown, issue: z.core.$ZodIssue): { path: string; message: string } {
  const path = issue.path.map(String).join('.') || '(mention)';
  if (issue.code === 'invalid_type') {
    const value = valueAt(item, issue.path);
    if (value === undefined && issue.path.length > 0) return { path, message: `${path} is required` };
    const got = jsonType(value);
    // A type mismatch names both types; a right type with a wrong form ("int") keeps its own words.
    if (['string', 'number', 'boolean', 'object', 'array'].includes(issue.expected) && got !== issue.expected) {
      return { path, message: `${path}: expected ${issue.expected}, got ${got}` };
    }
  }
  return { path, message: `${path} ${issue.message}` };
}

/**
 * Checks one item of an ingest request against the format and the clock: the mention ready to
 * store, or every problem it has (each with its field path). `rootExtras`: see unknownFieldErrors.
 */
export function validateIngestItem(
  item: unknown,
  now: Date,
  rootExtras: readonly string[] = [],
): { mention: MentionInput } | { errors: { path: string; message: string }[] } {
  const unknown = unknownFieldErrors(item, [], rootExtras);
  const result = ingestMentionSchema.safeParse(item);
  if (result.success) {
    if (unknown.length > 0) return { errors: unknown };
    const late = timingProblem(result.data, now);
    return late ? { errors: [{ path: late.path, message: late.message }] } : { mention: cleanText(result.data) };
  }
  // Unknown keys were all listed above, wherever they were.
  const issues = result.error.issues.filter((issue) => issue.code !== 'unrecognized_keys').map((issue) => describeIssue(item, issue));
  return { errors: [...unknown, ...issues] };
}

/**
 * Accepts one mention object or `{"mentions": [...]}`. Bad items are reported with their index
 * and field path; good items in the same batch are still accepted. `now` is the injected clock's
 * time, against which a date too far ahead is refused.
 */
export function parseIngestBody(body: unknown, now: Date = new Date()): ParsedBatch {
  if (!isPlainObject(body)) {
    throw new BatchShapeError('body must be a mention object or {"mentions": [...]}', 400);
  }
  const batch = Object.hasOwn(body, 'mentions');
  if (batch) {
    const beside = Object.keys(body).filter((key) => key !== 'mentions');
    if (beside.length > 0)
      throw new BatchShapeError(
        `a batch is {"mentions": [...]} alone; ${beside.map((k) => JSON.stringify(k)).join(', ')} cannot stand beside "mentions" ` +
          `(put fields in each mention)`,
        400,
      );
  }
  const items: unknown = batch ? body.mentions : [body];
  if (!Array.isArray(items)) throw new BatchShapeError('"mentions" must be an array', 400);
  if (items.length > MAX_BATCH) throw new BatchShapeError(`at most ${MAX_BATCH} mentions per request (got ${items.length})`, 413);
  return validateIngestItems(items, now, batch ? [] : ['mentions']);
}

/** Validates every item of a batch, keeping each one's index (what `/ingest` and `klaxon replay` report). */
export function validateIngestItems(items: readonly unknown[], now: Date, rootExtras: readonly string[] = []): ParsedBatch {
  const parsed: ParsedBatch = { mentions: [], errors: [] };
  items.forEach((item, index) => {
    const checked = validateIngestItem(item, now, rootExtras);
    if ('mention' in checked) parsed.mentions.push({ index, mention: checked.mention });
    else for (const error of checked.errors) parsed.errors.push({ index, ...error });
  });
  return parsed;
}
