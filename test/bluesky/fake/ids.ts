import { createHash } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/**
 * A real CIDv1 (dag-cbor, sha-256) for some content, in base32 — the form Bluesky uses. The
 * client validates every `cid` it receives, so a fake must hand out valid ones.
 */
export function cidFor(content: string): string {
  const digest = createHash('sha256').update(content).digest();
  return `b${base32(Uint8Array.from([0x01, 0x71, 0x12, 0x20, ...digest]))}`;
}

/** A did:plc-shaped identifier (24 base32 characters) derived from a name. */
export function didFor(name: string): string {
  return `did:plc:${base32(createHash('sha256').update(name).digest()).slice(0, 24)}`;
}

const TID_CHARS = '234567abcdefghijklmnopqrstuvwxyz';

/** A record key in the TID form (13 characters: microseconds then a clock id), as PDSes mint them. */
export function tidFor(micros: bigint, clockId: number): string {
  let n = (micros << 10n) | BigInt(clockId & 1023);
  let out = '';
  for (let i = 0; i < 13; i += 1) {
    out = TID_CHARS[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}
