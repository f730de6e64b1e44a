import { isIPv4, isIPv6 } from 'node:net';

/**
 * Where an IP address points, for the outbound-target (SSRF) guard:
 * - `public`: an ordinary Internet address;
 * - `private`: this machine or an internal network (loopback, RFC 1918, link-local, CGNAT,
 *   unique-local, documentation …) — refused unless the config allows private targets;
 * - `forbidden`: never a legitimate webhook (cloud metadata, unspecified, multicast,
 *   broadcast) — refused whatever the config says.
 */
export type AddressKind = 'public' | 'private' | 'forbidden';

export interface AddressVerdict {
  kind: AddressKind;
  /** Plain words for the error message, e.g. "loopback (127.0.0.0/8)". */
  reason: string;
}

interface V4Range {
  base: number;
  bits: number;
  kind: Exclude<AddressKind, 'public'>;
  reason: string;
}

function v4(cidr: string, kind: V4Range['kind'], reason: string): V4Range {
  const [address = '', bits = '32'] = cidr.split('/');
  return { base: parseIPv4(address) ?? 0, bits: Number(bits), kind, reason: `${reason} (${cidr})` };
}

// Most specific first: the metadata endpoints sit inside ranges that are merely private.
const V4_RANGES: V4Range[] = [
  v4('169.254.169.254/32', 'forbidden', 'cloud metadata endpoint'),
  v4('169.254.170.2/32', 'forbidden', 'container metadata endpoint'),
  v4('100.100.100.200/32', 'forbidden', 'cloud metadata endpoint'),
  v4('0.0.0.0/8', 'forbidden', 'unspecified address'),
  v4('224.0.0.0/4', 'forbidden', 'multicast'),
  v4('255.255.255.255/32', 'forbidden', 'broadcast'),
  v4('240.0.0.0/4', 'forbidden', 'reserved'),
  v4('127.0.0.0/8', 'private', 'loopback'),
  v4('10.0.0.0/8', 'private', 'private network'),
  v4('172.16.0.0/12', 'private', 'private network'),
  v4('192.168.0.0/16', 'private', 'private network'),
  v4('169.254.0.0/16', 'private', 'link-local'),
  v4('100.64.0.0/10', 'private', 'carrier-grade NAT'),
  v4('192.0.0.0/24', 'private', 'IETF protocol assignments'),
  v4('192.0.2.0/24', 'private', 'documentation'),
  v4('198.51.100.0/24', 'private', 'documentation'),
  v4('203.0.113.0/24', 'private', 'documentation'),
  v4('198.18.0.0/15', 'private', 'benchmarking'),
];

/** Dotted quad → unsigned 32-bit number; null when not a plain IPv4 address. */
export function parseIPv4(address: string): number | null {
  if (!isIPv4(address)) return null;
  return address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** IPv6 text (with `::`, an embedded dotted quad or a `%zone`) → eight 16-bit groups. */
export function parseIPv6(address: string): number[] | null {
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare)) return null;
  let text = bare;
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad?.[1]) {
    const n = parseIPv4(quad[1]);
    if (n === null) return null;
    text = `${text.slice(0, -quad[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function classifyV4(n: number): AddressVerdict {
  for (const range of V4_RANGES) {
    const size = 2 ** (32 - range.bits);
    if (n >= range.base && n < range.base + size) return { kind: range.kind, reason: range.reason };
  }
  return { kind: 'public', reason: 'public address' };
}

function embeddedV4(hi: number, lo: number): number {
  return hi * 65536 + lo;
}

/** Wraps the verdict on an IPv4 address carried inside an IPv6 one, naming the wrapper. */
function viaV4(n: number, wrapper: string): AddressVerdict {
  const inner = classifyV4(n);
  return inner.kind === 'public' ? inner : { kind: inner.kind, reason: `${inner.reason} inside an ${wrapper}` };
}

function classifyV6(g: number[]): AddressVerdict {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, i = 0] = g;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return { kind: 'forbidden', reason: 'unspecified address (::)' };
  if (zeroTo(7) && i === 1) return { kind: 'private', reason: 'loopback (::1)' };
  if (zeroTo(5) && f === 0xffff) return viaV4(embeddedV4(h, i), 'IPv4-mapped IPv6 address');
  if (zeroTo(6)) return viaV4(embeddedV4(h, i), 'IPv4-compatible IPv6 address');
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return viaV4(embeddedV4(h, i), 'NAT64 address');
  if (a === 0x64 && b === 0xff9b && c === 1) return { kind: 'private', reason: 'local-use NAT64 (64:ff9b:1::/48)' };
  if (a === 0x2002) return viaV4(embeddedV4(b, c), '6to4 address');
  if (a === 0xfd00 && b === 0x0ec2 && c === 0 && d === 0 && e === 0 && f === 0 && h === 0 && i === 0x254) {
    return { kind: 'forbidden', reason: 'cloud metadata endpoint (fd00:ec2::254)' };
  }
  if ((a & 0xff00) === 0xff00) return { kind: 'forbidden', reason: 'multicast (ff00::/8)' };
  if ((a & 0xfe00) === 0xfc00) return { kind: 'private', reason: 'unique local address (fc00::/7)' };
  if ((a & 0xffc0) === 0xfe80) return { kind: 'private', reason: 'link-local (fe80::/10)' };
  if ((a & 0xffc0) === 0xfec0) return { kind: 'private', reason: 'site-local (fec0::/10)' };
  if (a === 0x2001 && b === 0x0db8) return { kind: 'private', reason: 'documentation (2001:db8::/32)' };
  if (a === 0x2001 && b === 0) return { kind: 'private', reason: 'Teredo tunnel (2001::/32)' };
  if (a === 0x0100 && b === 0 && c === 0 && d === 0) return { kind: 'private', reason: 'discard-only (100::/64)' };
  return { kind: 'public', reason: 'public address' };
}

/** Classifies an IP address (v4 or v6, any textual form Node accepts); null when it is not one. */
export function classifyAddress(address: string): AddressVerdict | null {
  const n = parseIPv4(address);
  if (n !== null) return classifyV4(n);
  const groups = parseIPv6(address);
  return groups ? classifyV6(groups) : null;
}
