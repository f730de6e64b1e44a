import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signing scheme shared by `/ingest` and outgoing reply webhooks (CONTRACT §4):
 * `X-Klaxon-Timestamp: <unix seconds>` and
 * `X-Klaxon-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`.
 */
export const TIMESTAMP_HEADER = 'x-klaxon-timestamp';
export const SIGNATURE_HEADER = 'x-klaxon-signature';
/** A timestamp further than this from now is rejected (limits replays). */
export const MAX_SKEW_SECONDS = 300;

export function sign(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `v1=${mac}`;
}

export function signedHeaders(secret: string, rawBody: string | Buffer, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { 'X-Klaxon-Timestamp': String(timestamp), 'X-Klaxon-Signature': sign(secret, timestamp, rawBody) };
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export function verifySignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  now: Date,
): VerifyResult {
  const ts = headers[TIMESTAMP_HEADER];
  const sig = headers[SIGNATURE_HEADER];
  if (typeof ts !== 'string' || typeof sig !== 'string') return { ok: false, reason: 'missing X-Klaxon-Timestamp or X-Klaxon-Signature header' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'X-Klaxon-Timestamp must be unix seconds' };
  const timestamp = Number(ts);
  if (Math.abs(now.getTime() / 1000 - timestamp) > MAX_SKEW_SECONDS) return { ok: false, reason: 'X-Klaxon-Timestamp is more than 5 minutes from now' };
  const expected = Buffer.from(sign(secret, timestamp, rawBody));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
