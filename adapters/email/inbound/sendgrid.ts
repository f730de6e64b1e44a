import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy, type BusboyFileStream } from '@fastify/busboy';
import { fallbackMessageId, normalizeMessageId, parseIdList } from '../message-id.js';
import { parseMime, parsedFromMime, type MimeMessage } from '../mime.js';
import { firstAddressIn, firstHeader, noReplyFromHeaders, parseHeaderBlock, type AttachmentInfo, type ParsedEmail } from '../parsed.js';
import { InboundFormatError, readLimited } from './limits.js';
import { replyFields } from '../reply-address.js';

/**
 * SendGrid Inbound Parse (multipart/form-data):
 * https://www.twilio.com/docs/sendgrid/for-developers/parsing-email/setting-up-the-inbound-parse-webhook. Either parsed fields (`from`,
 * `subject`, `text`, `html`, `headers`, `charsets`, `envelope`,
 * `attachment-info`, files `attachment1..n`) or, with "POST the raw, full MIME message", one
 * `email` field holding the whole message. Every part is read as a stream: attachments are
 * counted and discarded, the raw message goes straight into the MIME parser, and text fields are
 * kept up to a cap, so a 30 MB delivery never sits in memory.
 */

/** Bytes kept of the body fields; the rest of an enormous text is dropped. */
const BODY_FIELD_CAP = 4 * 1024 * 1024;
const OTHER_FIELD_CAP = 256 * 1024;
const BODY_FIELDS = new Set(['text', 'html']);

interface FieldValue {
  chunks: Buffer[];
  size: number;
}

function decode(bytes: Buffer | undefined, charset: string | undefined): string | null {
  if (!bytes) return null;
  try {
    return new TextDecoder(charset?.trim() || 'utf-8').decode(bytes);
  } catch {
    // An unknown charset label: UTF-8, with replacement characters where it does not fit.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function jsonField(bytes: Buffer | undefined): Record<string, unknown> {
  if (!bytes) return {};
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function readSendGrid(
  body: Readable,
  httpHeaders: IncomingHttpHeaders,
  limit: number,
  receivedAt: Date,
): Promise<ParsedEmail> {
  let busboy: ReturnType<typeof Busboy>;
  try {
    busboy = Busboy({
      headers: httpHeaders as IncomingHttpHeaders & { 'content-type': string },
      // Every part as a stream, text fields included: a raw `email` field can be 30 MB.
      isPartAFile: () => true,
      limits: { files: 1000, parts: 1000, fieldNameSize: 200, headerPairs: 200 },
    });
  } catch (error) {
    throw new InboundFormatError(400, `multipart/form-data body cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fields = new Map<string, FieldValue>();
  const files: (AttachmentInfo & { field: string })[] = [];
  const pending: Promise<unknown>[] = [];
  const track = (promise: Promise<unknown>) => {
    promise.catch(() => undefined);
    pending.push(promise);
  };
  let raw: Promise<MimeMessage> | null = null;

  busboy.on('file', (field: string, stream: BusboyFileStream, filename: string | undefined, _encoding: string, mimeType: string) => {
    if (field === 'email' && !filename && !raw) {
      raw = parseMime(stream);
      track(raw);
      return;
    }
    if (filename !== undefined || /^attachment\d+$/.test(field)) {
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      track(
        new Promise<void>((resolve, reject) => {
          stream.on('end', () => {
            files.push({ field, name: filename ?? field, size, type: mimeType || null });
            resolve();
          });
          stream.on('error', reject);
        }),
      );
      return;
    }
    const cap = BODY_FIELDS.has(field) ? BODY_FIELD_CAP : OTHER_FIELD_CAP;
    const value: FieldValue = fields.get(field) ?? { chunks: [], size: 0 };
    fields.set(field, value);
    stream.on('data', (chunk: Buffer) => {
      const room = cap - value.size;
      if (room <= 0) return;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      value.chunks.push(part);
      value.size += part.length;
    });
  });

  try {
    const finished = new Promise<void>((resolve, reject) => {
      busboy.once('finish', () => resolve());
      busboy.once('error', reject);
    });
    // Settled or not, nothing below may leave a rejection unhandled when the upload is refused early.
    finished.catch(() => undefined);
    await readLimited(body, limit, (chunk) => {
      // Backpressure: a slow consumer (the MIME parser of a raw message) pauses the upload.
      if (!busboy.write(chunk)) {
        body.pause();
        busboy.once('drain', () => body.resume());
      }
    });
    busboy.end();
    await finished;
    await Promise.all(pending);
  } catch (error) {
    if (error instanceof InboundFormatError) throw error;
    throw new InboundFormatError(400, `multipart/form-data body cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }

  const bytes = (name: string) => {
    const value = fields.get(name);
    return value ? Buffer.concat(value.chunks, value.size) : undefined;
  };
  const envelope = jsonField(bytes('envelope'));
  const envelopeFrom = typeof envelope.from === 'string' ? envelope.from.trim() : null;

  const rawMessage = await (raw as Promise<MimeMessage> | null);
  if (rawMessage) {
    const parsed = parsedFromMime(rawMessage, receivedAt);
    return { ...parsed, noReply: noReplyFromHeaders(rawMessage.headers, parsed.from.address, undefined, envelopeFrom ?? undefined) };
  }

  if (!fields.has('from') && !fields.has('headers')) {
    throw new InboundFormatError(
      400,
      'not a SendGrid Inbound Parse delivery: expected the fields "from" and "headers" (or "email", in raw mode)',
    );
  }
  const charsets = jsonField(bytes('charsets'));
  const field = (name: string) => decode(bytes(name), typeof charsets[name] === 'string' ? (charsets[name] as string) : undefined);
  const headers = parseHeaderBlock(field('headers') ?? '');
  const from = firstAddressIn(field('from') ?? firstHeader(headers, 'from'));
  const dateHeader = firstHeader(headers, 'date');
  const date = dateHeader ? new Date(dateHeader) : null;
  const validDate = date && !Number.isNaN(date.getTime()) ? date : null;
  const subject = (field('subject') ?? firstHeader(headers, 'subject'))?.trim() || null;
  const info = jsonField(bytes('attachment-info'));
  const attachments = files
    .sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true }))
    .map((f) => {
      const described = info[f.field] as { filename?: unknown; name?: unknown; type?: unknown } | undefined;
      const name =
        typeof described?.filename === 'string' ? described.filename : typeof described?.name === 'string' ? described.name : f.name;
      return { name, size: f.size, type: typeof described?.type === 'string' ? described.type : f.type };
    });
  return {
    messageId:
      normalizeMessageId(firstHeader(headers, 'message-id')) ??
      fallbackMessageId({ date: validDate, from: from.address, subject, extra: field('text') ?? field('html') }),
    inReplyTo: parseIdList(firstHeader(headers, 'in-reply-to')),
    references: parseIdList((headers.get('references') ?? []).join(' ')),
    subject,
    from,
    ...replyFields(from.address, firstAddressIn(firstHeader(headers, 'reply-to')).address),
    date: validDate,
    text: field('text'),
    html: field('html'),
    attachments,
    noReply: noReplyFromHeaders(headers, from.address, undefined, envelopeFrom ?? undefined),
    receivedAt,
  };
}
