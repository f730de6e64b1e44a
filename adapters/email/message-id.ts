import { createHash } from 'node:crypto';

/**
 * Message-IDs as mention ids. The angle brackets go, case and spelling stay (the id is compared
 * byte for byte with the In-Reply-To and References of later messages). Ids longer than the
 * ingest format allows, or containing characters no real id has, are replaced by a stable hash.
 */
const MAX_ID = 200;

export function normalizeMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const match = /<([^<>\s]+)>/.exec(raw);
  const bare = (match ? match[1] : raw.trim().split(/\s+/)[0]) ?? '';
  // A Message-ID is printable ASCII without spaces or angle brackets (RFC 5322 msg-id); anything
  // else is hostile, and must never reach the References of a reply as written.
  if (!bare || !/^[\x21-\x3b\x3d\x3f-\x7e]+$/.test(bare)) return bare ? hashedId('invalid', bare) : null;
  return bare.length > MAX_ID ? hashedId('long', bare) : bare;
}

function hashedId(kind: string, value: string): string {
  return `${kind}-${createHash('sha256').update(value).digest('hex').slice(0, 40)}@klaxon.invalid`;
}

/** All ids in a References (or In-Reply-To) header, oldest first, without duplicates. */
export function parseIdList(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const ids: string[] = [];
  for (const match of raw.matchAll(/<([^<>]*)>/g)) {
    const id = normalizeMessageId(`<${match[1] ?? ''}>`);
    if (id && !ids.includes(id)) ids.push(id);
  }
  // Some clients write bare ids without brackets.
  if (ids.length === 0) {
    for (const token of raw.split(/[\s,]+/)) {
      const id = token.includes('@') ? normalizeMessageId(token) : null;
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/**
 * A stable id for a message that has no Message-ID (some scripts and old gateways send none):
 * the same message, fetched again or delivered again by a provider, hashes the same.
 */
export function fallbackMessageId(parts: {
  date: Date | null;
  from: string | null;
  subject: string | null;
  extra?: string | null;
}): string {
  const key = [parts.date ? parts.date.toISOString() : '', (parts.from ?? '').toLowerCase(), parts.subject ?? '', parts.extra ?? ''].join(
    '\u0000',
  );
  return `no-id-${createHash('sha256').update(key).digest('hex').slice(0, 40)}@klaxon.invalid`;
}

/**
 * At most this many References are carried on (RFC 5322 §3.6.4 allows trimming; the first, the
 * thread's root, is always kept so every client still threads the reply).
 */
export const MAX_REFERENCES = 20;

export function trimReferences(ids: readonly string[]): string[] {
  if (ids.length <= MAX_REFERENCES) return [...ids];
  return [ids[0] as string, ...ids.slice(ids.length - (MAX_REFERENCES - 1))];
}

/**
 * Our own Message-ID for a reply: stable per idempotency key, so a resend after an uncertain send carries the same id (recipients' servers
 * drop the copy).
 */
export function replyMessageId(idempotencyKey: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'klaxon.invalid';
  return `klaxon.${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}`;
}
