import { mentionSchema, type MentionInput } from '../../src/ingest/schema.js';
import type { AttachmentInfo, ParsedEmail } from './parsed.js';
import { htmlToText } from './text/html-to-text.js';
import { normalizeNewlines, stripQuotedText } from './text/strip-quotes.js';

/**
 * A received e-mail as a mention: private by nature, one case per thread (conversationId is the
 * thread's first message), the customer's own words only, attachments listed and never kept.
 * Mail that must not be answered starts with a line saying so; the card shows it and the
 * adapter's capabilities read it back.
 */

/** The ingest format's limit on a mention's text. */
const MAX_TEXT = 10_000;
const MAX_LISTED_ATTACHMENTS = 20;
const MAX_NAME = 80;

/** First line of a mention that must not be answered: `⛔ Replies off: <why>`. */
export const NO_REPLY_PREFIX = '⛔ Replies off: ';

/** Control characters and bidi overrides in a file name can disguise `invoice‮fdp.exe` as `invoiceexe.pdf`. */
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function safeAttachmentName(name: string): string {
  const clean = name.replace(UNSAFE_NAME_CHARS, '').replace(/\s+/g, ' ').trim() || 'unnamed attachment';
  if (clean.length <= MAX_NAME) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return `${clean.slice(0, MAX_NAME - ext.length - 1)}…${ext}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

export function attachmentLine(attachments: readonly AttachmentInfo[]): string | null {
  if (attachments.length === 0) return null;
  const listed = attachments.slice(0, MAX_LISTED_ATTACHMENTS).map((a) => `${safeAttachmentName(a.name)} (${formatSize(a.size)})`);
  const more = attachments.length > MAX_LISTED_ATTACHMENTS ? ` · and ${attachments.length - MAX_LISTED_ATTACHMENTS} more` : '';
  return `📎 ${attachments.length === 1 ? 'Attachment' : `${attachments.length} attachments`} (not stored): ${listed.join(' · ')}${more}`;
}

/** The customer's own words: plain text when the mail has it, else its HTML as text; quotes and signature stripped. */
export function bodyText(parsed: Pick<ParsedEmail, 'text' | 'html'>): string {
  const plain = parsed.text?.trim() ? normalizeNewlines(parsed.text) : null;
  const source = plain ?? (parsed.html ? htmlToText(parsed.html) : '');
  return stripQuotedText(source);
}

function cleanLine(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The mention's text: the no-reply line, the subject (first message of a thread), the words, the attachments. */
export function mentionText(parsed: ParsedEmail, isReply: boolean): string {
  const head: string[] = [];
  if (parsed.noReply) head.push(`${NO_REPLY_PREFIX}${parsed.noReply}`);
  // Shown where the agent reads before answering: the reply does not go where Reply-To asked.
  if (parsed.replyToNote && !parsed.noReply) head.push(parsed.replyToNote);
  const subject = parsed.subject ? cleanLine(parsed.subject).slice(0, 300) : '';
  if (subject && !isReply) head.push(`Subject: ${subject}`);
  let body = bodyText(parsed);
  // Only Klaxon writes the no-reply line: a customer's own text that starts like it is set apart.
  if (!parsed.noReply && head.length === 0 && body.startsWith(NO_REPLY_PREFIX.trim())) body = `“${body}`;
  const tail = attachmentLine(parsed.attachments);
  const fixed = [head.join('\n'), tail ?? ''].join('').length + 8;
  const room = MAX_TEXT - fixed;
  if (body.length > room) {
    const cut = Math.max(0, room - 60);
    body = `${body.slice(0, cut).trimEnd()}\n\n[… message shortened: ${body.length - cut} more characters]`;
  }
  const parts = [head.join('\n'), body || (tail ? '' : '(no text)'), tail ?? ''].filter((p) => p !== '');
  return parts.join('\n\n');
}

/** The Date header when believable, else when it was received (the SLA clock starts here). */
export function createdAtOf(parsed: Pick<ParsedEmail, 'date' | 'receivedAt'>): Date {
  const date = parsed.date;
  const received = parsed.receivedAt.getTime();
  if (!date || Number.isNaN(date.getTime())) return parsed.receivedAt;
  const t = date.getTime();
  // A clock far ahead, or a date long before delivery (a draft sent days later), is not when the customer wrote.
  if (t > received + 5 * 60_000 || t < received - 7 * 24 * 3_600_000) return parsed.receivedAt;
  return date;
}

function authorOf(parsed: ParsedEmail): MentionInput['author'] {
  const address = parsed.from.address?.trim().toLowerCase() || null;
  const displayName = parsed.from.name ? cleanLine(parsed.from.name) : '';
  const name = displayName && address ? `${displayName} <${address}>` : displayName || address || 'unknown sender';
  return { ...(address ? { id: address.slice(0, 256) } : {}), name: name.slice(0, 200) };
}

export interface MentionOptions {
  /** The thread's root id (ThreadStore.rootOf). */
  conversationId: string;
  /** Our own address: mail from it is the brand answering outside Klaxon. */
  brandAddress: string | null;
}

/** The mention for a parsed e-mail, validated against the ingest format, or the reason it cannot be one. */
export function toMention(
  parsed: ParsedEmail,
  options: MentionOptions,
): { ok: true; mention: MentionInput } | { ok: false; reason: string } {
  const parent = parsed.inReplyTo[0] ?? parsed.references.at(-1);
  const outbound = Boolean(
    options.brandAddress && parsed.from.address && parsed.from.address.toLowerCase() === options.brandAddress.toLowerCase(),
  );
  const candidate = {
    id: parsed.messageId,
    source: 'email',
    direction: outbound ? 'outbound' : 'inbound',
    author: authorOf(parsed),
    text: mentionText(parsed, parent !== undefined),
    createdAt: createdAtOf(parsed).toISOString(),
    ...(parent && parent !== parsed.messageId ? { inReplyTo: parent } : {}),
    conversationId: options.conversationId,
    private: true,
  };
  const result = mentionSchema.safeParse(candidate);
  if (!result.success) return { ok: false, reason: result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') };
  return { ok: true, mention: result.data };
}
