import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MailParser, type AddressObject } from 'mailparser';
import { fallbackMessageId, normalizeMessageId, parseIdList } from './message-id.js';
import { firstHeader, noReplyFromHeaders, parseHeaderBlock, type AttachmentInfo, type HeaderMap, type ParsedEmail } from './parsed.js';
import { replyFields } from './reply-address.js';

/**
 * A MIME message (RFC 5322 + MIME) read as a stream by mailparser: charsets and transfer
 * encodings decoded, attachments counted byte by byte and thrown away as they stream past, so a
 * 30 MB message never sits in memory.
 */
export interface MimeMessage extends Pick<ParsedEmail, 'subject' | 'from' | 'replyTo' | 'date' | 'text' | 'html' | 'attachments'> {
  headers: HeaderMap;
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const object of list) {
    for (const entry of object.value) {
      const mailbox = entry.group?.[0] ?? entry;
      if (mailbox.address || mailbox.name) return { address: mailbox.address?.trim() || null, name: mailbox.name?.trim() || null };
    }
  }
  return { address: null, name: null };
}

export async function parseMime(input: Readable | Buffer): Promise<MimeMessage> {
  const parser = new MailParser({ skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const attachments: AttachmentInfo[] = [];
  let headerLines: readonly { key: string; line: string }[] = [];
  let text: string | null = null;
  let html: string | null = null;
  parser.on('headerLines', (lines: readonly { key: string; line: string }[]) => {
    headerLines = lines;
  });
  parser.on('data', (data: { type: string; [key: string]: unknown }) => {
    if (data.type === 'attachment') {
      const part = data as unknown as { content: Readable; release: (() => void) | null; filename?: string; contentType: string };
      let size = 0;
      part.content.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      part.content.on('end', () => {
        attachments.push({ name: part.filename ?? '', size, type: part.contentType || null });
        part.release?.();
      });
    } else if (data.type === 'text') {
      text = typeof data.text === 'string' ? data.text : null;
      html = typeof data.html === 'string' ? data.html : null;
    }
  });
  await pipeline(Buffer.isBuffer(input) ? Readable.from([input]) : input, parser);
  const date = parser.date instanceof Date && !Number.isNaN(parser.date.getTime()) ? parser.date : null;
  return {
    headers: parseHeaderBlock(headerLines.map((h) => h.line).join('\n')),
    subject: parser.subject?.trim() || null,
    from: firstAddress(parser.from),
    replyTo: firstAddress(parser.replyTo).address,
    date,
    text,
    html,
    attachments,
  };
}

/** The received message in the shape every source path shares. */
export function parsedFromMime(mime: MimeMessage, receivedAt: Date, fallbackExtra: string | null = null): ParsedEmail {
  const h = mime.headers;
  const messageId =
    normalizeMessageId(firstHeader(h, 'message-id')) ??
    fallbackMessageId({ date: mime.date, from: mime.from.address, subject: mime.subject, extra: fallbackExtra });
  return {
    messageId,
    inReplyTo: parseIdList(firstHeader(h, 'in-reply-to')),
    references: parseIdList((h.get('references') ?? []).join(' ')),
    subject: mime.subject,
    from: mime.from,
    ...replyFields(mime.from.address, mime.replyTo),
    date: mime.date,
    text: mime.text,
    html: mime.html,
    attachments: mime.attachments,
    noReply: noReplyFromHeaders(h, mime.from.address),
    receivedAt,
  };
}
