import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256(app secret, raw body)>`, as Meta signs every webhook delivery. */
export function metaSignature(appSecret: string, raw: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/** Whether a header could be Meta's signature at all (checked before the body is read). */
export function wellFormedSignature(header: string | undefined): header is string {
  return typeof header === 'string' && HEADER.test(header.trim());
}

/**
 * Checks X-Hub-Signature-256 over the exact bytes received (never a re-serialisation: Meta signs
 * its own escaped JSON, so parsing and re-encoding would change the bytes). Constant time.
 */
export function verifyMetaSignature(appSecret: string, raw: Buffer, header: string | undefined): boolean {
  const match = HEADER.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The Graph API's `appsecret_proof`: HMAC-SHA256(app secret, access token), hex. */
export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}
