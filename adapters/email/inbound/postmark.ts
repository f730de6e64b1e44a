import type { Readable } from 'node:stream';
import { z } from 'zod';
import { fallbackMessageId, normalizeMessageId, parseIdList } from '../message-id.js';
import { firstAddressIn, firstHeader, headerMapFromPairs, noReplyFromHeaders, type ParsedEmail } from '../parsed.js';
import { JsonContentFilter, KeptTooLargeError, type JsonPath } from './json-filter.js';
import { InboundFormatError, readLimited } from './limits.js';
import { replyFields } from '../reply-address.js';

/**
 * Postmark's inbound webhook (JSON): https://postmarkapp.com/developer/webhooks/inbound-webhook.
 * Attachments arrive base64-encoded inside the JSON; their content is skipped as it streams in
 * (names and sizes kept). Postmark adds fields over time, so unknown ones are ignored.
 */
const postmarkSchema = z.object({
  From: z.string().optional(),
  FromName: z.string().optional(),
  FromFull: z.object({ Email: z.string().optional(), Name: z.string().optional() }).partial().optional(),
  Subject: z.string().optional(),
  MessageID: z.string().optional(),
  ReplyTo: z.string().optional(),
  Date: z.string().optional(),
  TextBody: z.string().optional(),
  HtmlBody: z.string().optional(),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
  Attachments: z
    .array(
      z.object({
        Name: z.string().optional(),
        ContentType: z.string().optional(),
        ContentLength: z.number().int().nonnegative().optional(),
      }),
    )
    .optional(),
});

/** Base64 → bytes: 3 bytes per 4 characters, less the padding (estimated when ContentLength is absent). */
function base64Bytes(length: number): number {
  return Math.max(0, Math.floor((length * 3) / 4));
}

const dropPath = (path: JsonPath): boolean =>
  (path.length === 3 && path[0] === 'Attachments' && path[2] === 'Content') || (path.length === 1 && path[0] === 'RawEmail');

/** Text of the message kept in memory at most (bodies, headers); attachments do not count. */
export const MAX_POSTMARK_KEPT_BYTES = 8 * 1024 * 1024;

export async function readPostmark(body: Readable, limit: number, receivedAt: Date): Promise<ParsedEmail> {
  const filter = new JsonContentFilter({ drop: dropPath, maxKeptBytes: MAX_POSTMARK_KEPT_BYTES });
  try {
    await readLimited(body, limit, (chunk) => filter.write(chunk));
  } catch (error) {
    if (error instanceof KeptTooLargeError)
      throw new InboundFormatError(
        413,
        `${error.message}: its text and HTML bodies may be ${MAX_POSTMARK_KEPT_BYTES / 1024 / 1024} MB at most`,
      );
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(filter.text());
  } catch {
    throw new InboundFormatError(400, 'body is not valid JSON (expected a Postmark inbound message)');
  }
  const result = postmarkSchema.safeParse(json);
  if (!result.success) {
    throw new InboundFormatError(
      400,
      `not a Postmark inbound message: ${result.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(body)'} ${i.message}`)
        .join('; ')}`,
    );
  }
  const p = result.data;
  const fromAddress = (p.FromFull?.Email ?? p.From ?? '').trim() || null;
  if (!fromAddress || (p.TextBody === undefined && p.HtmlBody === undefined)) {
    throw new InboundFormatError(400, 'not a Postmark inbound message: expected From (or FromFull.Email) and TextBody or HtmlBody');
  }
  const headers = headerMapFromPairs((p.Headers ?? []).map((h) => ({ name: h.Name, value: h.Value })));
  const date = p.Date ? new Date(p.Date) : null;
  const subject = p.Subject?.trim() || null;
  const messageId =
    normalizeMessageId(firstHeader(headers, 'message-id')) ??
    fallbackMessageId({ date, from: fromAddress, subject, extra: p.MessageID ?? null });
  const attachments = (p.Attachments ?? []).map((a, i) => ({
    name: a.Name ?? `attachment ${i + 1}`,
    size: a.ContentLength ?? base64Bytes(filter.dropped.get(`Attachments.${i}.Content`) ?? 0),
    type: a.ContentType ?? null,
  }));
  return {
    messageId,
    inReplyTo: parseIdList(firstHeader(headers, 'in-reply-to')),
    references: parseIdList((headers.get('references') ?? []).join(' ')),
    subject,
    from: { address: fromAddress, name: (p.FromFull?.Name ?? p.FromName ?? '').trim() || null },
    ...replyFields(fromAddress, p.ReplyTo?.trim() ? firstAddressIn(p.ReplyTo).address : null),
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    text: p.TextBody ?? null,
    html: p.HtmlBody ?? null,
    attachments,
    noReply: noReplyFromHeaders(headers, fromAddress),
    receivedAt,
  };
}
