import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reconnectDelay, RECONNECT_POLICIES } from '../../adapters/twitter/stream.js';
import type { TwitterAdapter } from '../../adapters/twitter/index.js';
import { startXWorld, type XWorld } from './setup.js';

const STREAM = /\/2\/tweets\/search\/stream$/;
const CONFIG = { mode: 'stream' as const, account: 'acmecare', brandHandles: ['acmecare'], keywords: [], competitors: [] };

describe("X's filtered-stream reconnect guidance, as numbers", () => {
  it('network errors and stalls: linear, 250 ms more each time, at most 16 s', () => {
    expect([1, 2, 3, 4, 10, 63, 64, 65, 500].map((n) => reconnectDelay(n, RECONNECT_POLICIES.network))).toEqual([
      250, 500, 750, 1000, 2500, 15_750, 16_000, 16_000, 16_000,
    ]);
  });
  it('HTTP errors: exponential from 5 s, at most 320 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 30].map((n) => reconnectDelay(n, RECONNECT_POLICIES.http))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000, 320_000,
    ]);
  });
  it('429: exponential from one minute', () => {
    expect([1, 2, 3, 4].map((n) => reconnectDelay(n, RECONNECT_POLICIES.rateLimited))).toEqual([60_000, 120_000, 240_000, 480_000]);
  });
});

describe('the stream reconnects with those waits, through the real client against the fake X, on the injected clock', () => {
  let x: XWorld;
  let adapter: TwitterAdapter;
  beforeEach(async () => {
    x = await startXWorld();
  });
  afterEach(async () => {
    await x.close();
  });

  /** The wait scheduled after the attempt now in flight fails (the watchdog's own timer aside). */
  async function nextWait(): Promise<number> {
    await vi.waitFor(() => expect(x.timers.pending().filter((p) => p.ms !== 20_000)).toHaveLength(1));
    await adapter.stream!.idle();
    return x.timers.pending().find((p) => p.ms !== 20_000)!.ms;
  }

  it('network errors back off linearly, HTTP errors exponentially from 5 s, 429 from a minute; a stall of 20 s reconnects', async () => {
    // Three connection attempts cut before X answers (network errors) …
    x.fake.cutStreamRequests = 3;
    // … then two server errors, then two 429s without a reset time.
    adapter = x.adapter(CONFIG);
    await adapter.start();
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      waits.push(await nextWait());
      if (i === 2) {
        x.fake.inject(
          'GET',
          STREAM,
          { status: 503, body: { title: 'Service Unavailable', detail: 'busy', type: 'about:blank', status: 503 } },
          2,
        );
      }
      x.timers.runNext();
    }
    for (let i = 0; i < 2; i++) {
      waits.push(await nextWait());
      if (i === 1)
        x.fake.inject(
          'GET',
          STREAM,
          { status: 429, body: { title: 'Too Many Requests', detail: 'Too many connections', type: 'about:blank', status: 429 } },
          2,
        );
      x.timers.runNext();
    }
    for (let i = 0; i < 2; i++) {
      waits.push(await nextWait());
      x.timers.runNext();
    }
    expect(waits).toEqual([250, 500, 750, 5_000, 10_000, 60_000, 120_000]);
    await vi.waitFor(() => expect(x.fake.streamConnections).toBe(1));
    await adapter.stream!.idle();
    expect(adapter.stream!.connected).toBe(true);

    // Connected: a keep-alive starts the count over; 20 s without anything is a stall.
    x.fake.keepAlive();
    await vi.waitFor(() => expect(x.timers.pending().map((p) => p.inMs)).toEqual([20_000]));
    x.timers.advance(20_000);
    await vi.waitFor(() => expect(x.fake.streamsClosedByClient).toBe(1));
    expect(x.timers.pending().map((p) => p.ms)).toEqual([250]);
  });
});
