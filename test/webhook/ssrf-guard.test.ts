import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../adapters/webhook/ip-ranges.js';
import { assertPublicTarget, type LookupAll } from '../../adapters/webhook/ssrf.js';
import { isKlaxonError } from '../../src/errors.js';

/** A resolver that knows only these names (the real network is never asked). */
function fakeDns(table: Record<string, string[]>): LookupAll & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(lookup, { asked });
}

const dns = fakeDns({
  'hooks.example.com': ['93.184.216.34'],
  'v6.example.com': ['2606:2800:220:1:248:1893:25c8:1946'],
  'internal.example.com': ['10.1.2.3'],
  'split.example.com': ['93.184.216.34', '127.0.0.1'],
  'mapped.example.com': ['::ffff:192.168.0.10'],
  'empty.example.com': [],
  'weird.example.com': ['not-an-ip'],
  localhost: ['127.0.0.1'],
  'api.localhost': ['127.0.0.1'],
});

async function verdict(url: string, allowPrivate: boolean, extra: { allowedHosts?: string[] } = {}): Promise<'allowed' | string> {
  try {
    await assertPublicTarget(url, { allowPrivate, lookup: dns, ...extra });
    return 'allowed';
  } catch (error) {
    expect(isKlaxonError(error, 'invalid_input'), String(error)).toBe(true);
    return (error as Error).message;
  }
}

describe('assertPublicTarget', () => {
  const PRIVATE = [
    'http://127.0.0.1/',
    'http://127.255.255.254:8080/x',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://169.254.1.1/',
    'http://100.64.0.1/',
    'http://100.127.255.255/',
    'http://[::1]/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:a9fe:101]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::10.0.0.1]/',
    'http://[2002:c0a8:101::1]/',
    // Spellings the URL parser turns into 127.0.0.1.
    'http://2130706433/',
    'http://0x7f.1/',
    'http://127.1/',
    'http://0177.0.0.1/',
    'http://localhost:3000/',
    'http://api.localhost/',
    'http://internal.example.com/',
    'http://split.example.com/',
    'http://mapped.example.com/',
  ];
  const ALWAYS_REFUSED = [
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:169.254.169.254]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[fd00:ec2::254]/',
    'http://100.100.100.200/',
    'http://169.254.170.2/v2/credentials',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://metadata/',
    'http://0.0.0.0:8080/',
    'http://[::]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://[ff02::1]/',
    'ftp://hooks.example.com/',
    'file:///etc/passwd',
    'gopher://hooks.example.com/',
    'javascript:alert(1)',
    'data:text/plain,hi',
    'http://user:pass@hooks.example.com/',
    'https://token@hooks.example.com/',
    'not a url',
    'http://nowhere.example.com/',
    'http://empty.example.com/',
    'http://weird.example.com/',
  ];
  const PUBLIC = [
    'https://hooks.example.com/replies',
    'http://93.184.216.34/',
    'https://[2606:2800:220:1::1]/x',
    'https://v6.example.com:8443/x?y=1',
    'http://8.8.8.8/',
    'https://HOOKS.EXAMPLE.COM./replies',
  ];

  it.each(PRIVATE)('refuses %s unless private targets are allowed', async (url) => {
    expect(await verdict(url, false)).toMatch(/refused/);
    expect(await verdict(url, true)).toBe('allowed');
  });

  it.each(ALWAYS_REFUSED)('refuses %s even when private targets are allowed', async (url) => {
    expect(await verdict(url, false)).toMatch(/refused/);
    expect(await verdict(url, true)).toMatch(/refused/);
  });

  it.each(PUBLIC)('allows %s', async (url) => {
    expect(await verdict(url, false)).toBe('allowed');
  });

  it('lets a host named in the allow-list be private, and only that host', async () => {
    expect(await verdict('http://internal.example.com/hook', false, { allowedHosts: ['internal.example.com'] })).toBe('allowed');
    expect(await verdict('http://10.1.2.3/hook', false, { allowedHosts: ['internal.example.com'] })).toMatch(/private network/);
    expect(await verdict('http://169.254.169.254/', false, { allowedHosts: ['169.254.169.254'] })).toMatch(/metadata/);
  });

  it('says why, and never repeats credentials or the query string', async () => {
    expect(await verdict('http://10.0.0.1/x', false)).toContain('private network (10.0.0.0/8)');
    expect(await verdict('http://[::ffff:127.0.0.1]/', false)).toContain('loopback (127.0.0.0/8) inside an IPv4-mapped IPv6 address');
    expect(await verdict('http://169.254.169.254/', true)).toContain('cloud metadata endpoint');
    const message = await verdict('http://alice:hunter2@hooks.example.com/p?token=s3cret', false);
    expect(message).toContain('credentials');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('s3cret');
  });

  it('does not resolve IP literals, and resolves a name once', async () => {
    dns.asked.length = 0;
    await verdict('http://93.184.216.34/', false);
    await verdict('https://hooks.example.com/', false);
    expect(dns.asked).toEqual(['hooks.example.com']);
  });
});

describe('address classification (properties)', () => {
  const octets = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
  const v4 = ([a, b, c, d]: [number, number, number, number]) => `${a}.${b}.${c}.${d}`;
  const hex = ([a, b, c, d]: [number, number, number, number]) => `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;

  it('an IPv4 address and every IPv6 form that carries it are judged alike', () => {
    fc.assert(
      fc.property(octets, (o) => {
        const plain = classifyAddress(v4(o))!.kind;
        for (const wrapped of [
          `::ffff:${v4(o)}`,
          `::ffff:${hex(o)}`,
          `0:0:0:0:0:ffff:${hex(o)}`,
          `64:ff9b::${v4(o)}`,
          `2002:${hex(o)}::1`,
        ]) {
          expect(classifyAddress(wrapped)?.kind, wrapped).toBe(plain);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every address inside a private range is refused', () => {
    const ranges: [number, number, number][] = [
      [10 << 24, 8, 0],
      [(172 << 24) | (16 << 16), 12, 0],
      [(192 << 24) | (168 << 16), 16, 0],
      [127 << 24, 8, 0],
      [(169 << 24) | (254 << 16), 16, 0],
      [(100 << 24) | (64 << 16), 10, 0],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...ranges), fc.nat(), ([base, bits], offset) => {
        const n = (base >>> 0) + (offset % 2 ** (32 - bits));
        const address = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
        expect(classifyAddress(address)?.kind, address).not.toBe('public');
      }),
      { numRuns: 500 },
    );
  });

  it('every unique-local and link-local IPv6 address is refused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0xfc00, 0xfd00, 0xfe80, 0xfebf),
        fc.array(fc.nat(0xffff), { minLength: 7, maxLength: 7 }),
        (head, rest) => {
          const first = head === 0xfe80 || head === 0xfebf ? head : head | (rest[0]! & 0xff);
          const address = [first, ...rest].map((g) => g.toString(16)).join(':');
          expect(classifyAddress(address)?.kind, address).not.toBe('public');
        },
      ),
      { numRuns: 300 },
    );
  });
});
