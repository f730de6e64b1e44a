import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Klaxon's own signing scheme, from the contract (docs/CONTRACT.md §4), implemented here the way any
 * outside system would: `X-Klaxon-Timestamp: <unix seconds>` and
 * `X-Klaxon-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. The sandbox signs
 * what it sends to `/ingest` and checks what Klaxon's reply webhooks send it.
 */
function mac(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function klaxonSignatureHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'x-klaxon-timestamp': timestamp, 'x-klaxon-signature': mac(secret, timestamp, body) };
}

export function klaxonSignatureValid(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now: Date,
): boolean {
  const timestamp = headers['x-klaxon-timestamp'];
  const signature = headers['x-klaxon-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(mac(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
