import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signing scheme shared by `/ingest` and outgoing reply webhooks (docs/CONTRACT.md §4):
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

/**
 * What can be checked before the body is read: both headers present, well-formed, and a timestamp
 * within 5 minutes of now. A request failing this is refused without reading its body.
 */
export function checkSignatureHeaders(headers: Record<string, string | string[] | undefined>, now: Date): VerifyResult {
  const ts = headers[TIMESTAMP_HEADER];
  const sig = headers[SIGNATURE_HEADER];
  if (typeof ts !== 'string' || typeof sig !== 'string')
    return { ok: false, reason: 'missing X-Klaxon-Timestamp or X-Klaxon-Signature header' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'X-Klaxon-Timestamp must be unix seconds' };
  if (!/^v1=[0-9a-f]{64}$/.test(sig)) return { ok: false, reason: 'X-Klaxon-Signature must be v1=<64 hex digits>' };
  if (Math.abs(now.getTime() / 1000 - Number(ts)) > MAX_SKEW_SECONDS)
    return { ok: false, reason: 'X-Klaxon-Timestamp is more than 5 minutes from now' };
  return { ok: true };
}

export function verifySignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  now: Date,
): VerifyResult {
  const early = checkSignatureHeaders(headers, now);
  if (!early.ok) return early;
  const timestamp = Number(headers[TIMESTAMP_HEADER]);
  const sig = headers[SIGNATURE_HEADER] as string;
  const expected = Buffer.from(sign(secret, timestamp, rawBody));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}
