import { parseAddressHeader } from 'mailparser';
import { noReplyReason, returnPathOf } from './auto-reply.js';

/**
 * One received e-mail, whichever way it came (IMAP, Postmark, SendGrid), before it becomes a
 * mention. Attachments are described, never kept.
 */
export interface ParsedEmail {
  /** Normalised Message-ID (or a stable stand-in when the message has none). */
  messageId: string;
  inReplyTo: string[];
  references: string[];
  subject: string | null;
  from: { address: string | null; name: string | null };
  /** Where a reply goes: From, or Reply-To when it is safe to trust (see reply-address.ts). */
  replyTo: string | null;
  /** The card's line when Reply-To and From disagree, or null. */
  replyToNote: string | null;
  date: Date | null;
  text: string | null;
  html: string | null;
  attachments: AttachmentInfo[];
  /** Why a reply must not be sent (automatic reply, bounce, list), or null. */
  noReply: string | null;
  /** When Klaxon (or the mail server) received it. */
  receivedAt: Date;
}

export interface AttachmentInfo {
  name: string;
  /** Decoded size in bytes (counted while discarding, or estimated from the encoded size). */
  size: number;
  type: string | null;
}

/** Header values by lower-case name, every occurrence in order, folding undone. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/** Parses a raw header block ("Name: value" lines, folded continuation lines) into a HeaderMap. */
export function parseHeaderBlock(block: string): HeaderMap {
  const map = new Map<string, string[]>();
  let current: { name: string; value: string } | null = null;
  const flush = () => {
    if (!current) return;
    const list = map.get(current.name) ?? [];
    list.push(current.value.trim());
    map.set(current.name, list);
    current = null;
  };
  for (const line of block.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^[ \t]/.test(line) && current) {
      current.value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // A header name is printable ASCII without spaces or colons (RFC 5322 §2.2).
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    current = { name, value: line.slice(colon + 1) };
  }
  flush();
  return map;
}

export function headerMapFromPairs(pairs: readonly { name: string; value: string }[]): HeaderMap {
  const map = new Map<string, string[]>();
  for (const { name, value } of pairs) {
    const key = name.trim().toLowerCase();
    if (!key) continue;
    map.set(key, [...(map.get(key) ?? []), value.replace(/\r?\n[ \t]*/g, ' ').trim()]);
  }
  return map;
}

export function firstHeader(headers: HeaderMap, name: string): string | null {
  return headers.get(name)?.[0] ?? null;
}

/** Why this message must not be answered, from its headers and sender. */
export function noReplyFromHeaders(
  headers: HeaderMap,
  fromAddress: string | null,
  contentType?: string | null,
  returnPath?: string | null,
): string | null {
  return noReplyReason({
    header: (name) => headers.get(name) ?? [],
    contentType: contentType ?? firstHeader(headers, 'content-type'),
    fromAddress,
    returnPath: returnPath !== undefined ? returnPath : returnPathOf(headers.get('return-path') ?? []),
  });
}

/** The first mailbox in an address header value (`"Jane" <jane@x>, other@y`), encoded words decoded. */
export function firstAddressIn(value: string | null | undefined): { address: string | null; name: string | null } {
  if (!value) return { address: null, name: null };
  const parsed = parseAddressHeader(value, { flatten: true, decodePunycode: false });
  const first = parsed.value.find((a) => a.address);
  return { address: first?.address?.trim() || null, name: first?.name?.trim() || null };
}
