import { describe, expect, it } from 'vitest';
import { senderKey, UnverifiedBodyBudget } from '../../src/http/body.js';

describe('the unverified-body budget', () => {
  it('counts one sender per IPv4 address (mapped or not) and per IPv6 /64', () => {
    expect(senderKey('203.0.113.9')).toBe('203.0.113.9');
    expect(senderKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(senderKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(senderKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(senderKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(senderKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(senderKey('::1')).toBe('0:0:0:0::/64');
    expect(senderKey(undefined)).toBe('unknown');
  });

  it('charges bytes as taken, within the total and the address share, and gives everything back once', () => {
    const budget = new UnverifiedBodyBudget(1000, { perAddressBytes: 400, perAddressBodies: 2 });
    const a1 = budget.open('2001:db8:1:2::10')!;
    const a2 = budget.open('2001:db8:1:2::20')!;
    // Same /64: a third body from it is refused before anything is read.
    expect(budget.open('2001:db8:1:2::30')).toBeNull();
    expect(a1.take(300)).toBe(true);
    expect(a2.take(101)).toBe(false);
    expect(a2.take(100)).toBe(true);
    const b = budget.open('198.51.100.7')!;
    expect(b.take(400)).toBe(true);
    const c = budget.open('198.51.100.8')!;
    expect(c.take(201)).toBe(false);
    expect(budget.held).toBe(800);
    a1.release();
    a1.release();
    expect(budget.held).toBe(500);
    expect(budget.bodiesFrom('2001:db8:1:2::99')).toBe(1);
    expect(c.take(201)).toBe(true);
    for (const lease of [a2, b, c]) lease.release();
    expect(budget.held).toBe(0);
    expect(budget.bodiesFrom('198.51.100.7')).toBe(0);
  });
});
