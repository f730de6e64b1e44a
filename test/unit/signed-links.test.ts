import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { ManualClock } from '../../src/clock.js';
import { createSignedLinks, linkKey } from '../../src/http/signed-links.js';

const req = (url: string) => ({ url: url.replace(/^https?:\/\/[^/]+/, '') }) as IncomingMessage;

describe('signed, expiring links', () => {
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const links = createSignedLinks({ key: Buffer.alloc(32, 7), clock, publicUrl: 'https://klaxon.example.com/' });

  it('round-trip their parameters until they expire, then say so', () => {
    const url = links.url('/exports/cases.csv', { from: '1', to: '2', by: 'teams:aad-alice' }, 30 * 60_000)!;
    expect(url).toMatch(/^https:\/\/klaxon\.example\.com\/exports\/cases\.csv\?from=1&to=2&by=teams%3Aaad-alice&exp=\d+&sig=[0-9a-f]{64}$/);
    expect(links.verify(req(url), '/exports/cases.csv')).toEqual({
      ok: true,
      params: { from: '1', to: '2', by: 'teams:aad-alice' },
      expiresAt: new Date('2026-11-23T10:30:00Z'),
    });
    clock.advance(30 * 60_000);
    expect(links.verify(req(url), '/exports/cases.csv')).toMatchObject({ ok: false, status: 410 });
    clock.set('2026-11-23T10:00:00Z');
  });

  it('refuse any change to the path, a parameter, the expiry or the signature', () => {
    const url = new URL(links.url('/exports/cases.csv', { from: '1', to: '2' }, 60_000)!);
    fc.assert(
      fc.property(
        fc.constantFrom('from', 'to', 'exp', 'sig', 'extra', 'path', 'duplicate'),
        fc.string({ minLength: 1, maxLength: 12 }),
        (what, value) => {
          const t = new URL(url);
          if (what === 'path') t.pathname = '/exports/other.csv';
          else if (what === 'extra') t.searchParams.set('extra', value);
          else if (what === 'duplicate') t.searchParams.append('from', value);
          else {
            const before = t.searchParams.get(what)!;
            if (value === before) return;
            t.searchParams.set(
              what,
              what === 'exp'
                ? String(Number(before) + 1 + value.length)
                : what === 'sig'
                  ? before.replace(/^./, before[0] === 'a' ? 'b' : 'a')
                  : value,
            );
          }
          const verdict = links.verify(req(t.toString()), '/exports/cases.csv');
          expect(verdict.ok).toBe(false);
        },
      ),
    );
    // A link for one path never opens another.
    expect(links.verify(req(url.toString()), '/exports/other.csv').ok).toBe(false);
  });

  it('have no URL without PUBLIC_URL, cap their lifetime at a day, and reserve exp and sig', () => {
    expect(createSignedLinks({ key: Buffer.alloc(32), clock, publicUrl: undefined }).url('/x', {}, 1000)).toBeNull();
    const long = new URL(links.url('/x', {}, 365 * 86_400_000)!);
    expect(Number(long.searchParams.get('exp')) * 1000 - clock.now().getTime()).toBe(86_400_000);
    expect(() => links.url('/x', { sig: 'a' }, 1000)).toThrow(/reserved/);
  });

  it('keep one key per database, made on first use and shared by every process on it', () => {
    const db = openDatabase(':memory:');
    const a = linkKey(db.db, clock.now());
    const b = linkKey(db.db, clock.now());
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(true);
    const other = openDatabase(':memory:');
    expect(linkKey(other.db, clock.now()).equals(a)).toBe(false);
    db.close();
    other.close();
  });
});
