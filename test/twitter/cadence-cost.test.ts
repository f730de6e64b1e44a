import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twitterSettings } from '../../adapters/twitter/settings.js';
import { makeConfig } from '../helpers/config.js';
import { startXWorld, type XWorld } from './setup.js';

const gauge = async (x: XWorld, name: string): Promise<number | null> => {
  const { body } = await x.metrics.render();
  const line = body.split('\n').find((l) => l.startsWith(`${name}{source="twitter"}`));
  return line ? Number(line.split(' ').at(-1)) : null;
};

describe('X poll cadence per access level, from the config', () => {
  it('is validated: a known level, whole seconds of at least 5, no unknown keys', () => {
    const env = { TWITTER_BEARER_TOKEN: 'bearer' };
    expect(() => makeConfig(env, { twitter: { accessLevel: 'platinum' } })).toThrow(
      /twitter.accessLevel must be one of free, basic, pro, enterprise, pay_per_use/,
    );
    expect(() => makeConfig(env, { twitter: { pollCadence: { basic: 2 } } })).toThrow(
      /twitter.pollCadence.basic must be at least 5 seconds/,
    );
    expect(() => makeConfig(env, { twitter: { pollCadence: { gold: 60 } } })).toThrow(/twitter.pollCadence/);
    expect(() => makeConfig(env, { twitter: { costs: { postReadUSD: 1 } } })).toThrow(/twitter.costs/);
    const s = twitterSettings(
      makeConfig(env, { twitter: { accessLevel: 'basic', pollCadence: { basic: 300 }, costs: { monthlyUsd: 100 } } }),
    );
    expect(s.enabled && s.settings).toMatchObject({ accessLevel: 'basic', pollCadence: { basic: 300 }, costs: { monthlyUsd: 100 } });
  });
});

describe('the poller keeps to the cadence and the rate limit of its access level, and /metrics shows the cost per day', () => {
  let x: XWorld;
  beforeEach(async () => {
    x = await startXWorld();
  });
  afterEach(async () => {
    await x.close();
  });

  it("basic: every 120 s by default, the configured cadence when set, never faster than X's 10 requests per 15 minutes", async () => {
    expect(x.adapter({ accessLevel: 'basic', pollIntervalSeconds: undefined }).pollIntervalSeconds).toBe(120);
    expect(
      x.adapter({ accessLevel: 'basic', pollIntervalSeconds: undefined, pollCadence: { basic: 300, pro: 10 } }).pollIntervalSeconds,
    ).toBe(300);
    expect(x.adapter({ accessLevel: 'free', pollIntervalSeconds: undefined }).pollIntervalSeconds).toBe(900);
    const fast = x.adapter({ accessLevel: 'basic', pollIntervalSeconds: 30 });
    expect(fast.pollIntervalSeconds).toBe(90);
    expect(x.logs.find((l) => l.msg.includes('too fast'))).toMatchObject({ level: 'warn', configured: 30, used: 90, accessLevel: 'basic' });

    // The scheduled poll really uses it.
    const adapter = x.adapter({ accessLevel: 'basic', pollIntervalSeconds: undefined });
    await adapter.start();
    x.timers.advance(0);
    await adapter.poller!.idle();
    await new Promise((resolve) => setImmediate(resolve));
    await adapter.poller!.idle();
    expect(x.timers.pending().map((p) => p.ms)).toContain(120_000);
    expect(await gauge(x, 'klaxon_source_polls_per_day')).toBe(720);
  });

  it('pay-per-use: the last 24 hours of billed reads and writes at its prices; a fixed plan: its fee per day', async () => {
    for (let i = 0; i < 10; i++) x.fake.tweet(x.fake.addUser({ id: String(300 + i), username: `c${i}` }), `@AcmeCare problem ${i}`);
    x.fake.tweet(x.brand, 'Our own post');
    const adapter = x.adapter({ accessLevel: 'pay_per_use' });
    await adapter.poller!.pollOnce();
    // One user lookup (the brand), ten posts read, one own post read.
    x.core.clock.advance(24 * 3_600_000);
    expect(await adapter.cost.perDay()).toBeCloseTo(10 * 0.005 + 1 * 0.001 + 1 * 0.01, 6);
    expect(await gauge(x, 'klaxon_source_estimated_cost_usd_per_day')).toBeCloseTo(0.06, 2);

    // A day later with nothing read, the estimate falls to nothing: the window slides.
    x.core.clock.advance(25 * 3_600_000);
    await adapter.cost.perDay();
    x.core.clock.advance(10 * 60_000);
    expect(await adapter.cost.perDay()).toBe(0);

    const basic = x.adapter({ accessLevel: 'basic', costs: { monthlyUsd: 210 } });
    expect(await basic.cost.perDay()).toBeCloseTo(7, 6);
  });
});
