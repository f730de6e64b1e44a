import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { mentions, outbox } from '../../db/schema/index.js';
import { spikeConfigSchema } from '../../src/reports/spike-config.js';
import { spikeThreshold, foldBucket } from '../../src/reports/spike-baseline.js';
import { runSpikeTick, type SpikeDeps } from '../../src/reports/spikes.js';
import type { SpikeAlert } from '../../src/domain/spike.js';

const MIN = 60_000;
const BUCKET = 15 * MIN;
const T0 = Date.parse('2026-11-23T00:00:00Z');
const config = spikeConfigSchema.parse({});

/** Deterministic pseudo-random numbers (a small LCG), so "steady" traffic wobbles the same way every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('spike alerts (EWMA baseline, real database, injected time)', () => {
  let handle: DbHandle;
  let deps: SpikeDeps;
  let seq = 0;
  afterEach(() => handle.close());

  function setup(overrides: Partial<SpikeDeps> = {}): void {
    handle = openDatabase(':memory:');
    deps = { db: handle.db, config, escalation: { channel: 'CESCALATE', onCall: 'S0LEADS' }, ...overrides };
  }

  function add(at: number, o: { source?: string; sentiment?: number; themes?: string[]; text?: string; score?: number } = {}): void {
    seq += 1;
    handle.db
      .insert(mentions)
      .values({
        source: o.source ?? 'twitter',
        externalId: `m${seq}`,
        direction: 'inbound',
        authorHandle: `user${seq}`,
        authorFollowers: 100 + seq,
        text: o.text ?? `complaint number ${seq}`,
        createdAt: new Date(at),
        receivedAt: new Date(at),
        sentiment: o.sentiment ?? -0.5,
        themes: o.themes ?? [],
        score: o.score ?? 30,
      })
      .run();
  }

  /** `perBucket()` mentions in every 15-minute bucket of [from, to), spread over the bucket. */
  function steady(from: number, to: number, perBucket: () => number, o: Parameters<typeof add>[1] = {}): void {
    for (let b = from; b < to; b += BUCKET) {
      const n = perBucket();
      for (let i = 0; i < n; i++) add(b + Math.floor(((i + 0.5) / n) * BUCKET), o);
    }
  }

  /** Ticks every `stepMs` over [from, to]; returns the alerts raised. */
  async function tick(from: number, to: number, stepMs = 5 * MIN): Promise<SpikeAlert[]> {
    const alerts: SpikeAlert[] = [];
    for (let t = from; t <= to; t += stepMs) {
      const r = await runSpikeTick(deps, new Date(t));
      if (r.alert) alerts.push(r.alert);
    }
    return alerts;
  }

  const spikeNotices = () => handle.db.select().from(outbox).where(eq(outbox.kind, 'notice')).all();

  it('stays silent on two days of steady, wobbling traffic', async () => {
    setup();
    const rand = lcg(7);
    // 4–12 negative mentions per 15 minutes, plus neutral chatter and a common theme at its usual rate.
    steady(T0, T0 + 2 * 24 * 60 * MIN, () => 4 + Math.floor(rand() * 9));
    steady(T0, T0 + 2 * 24 * 60 * MIN, () => 2 + Math.floor(rand() * 3), { sentiment: 0.2, themes: ['delay'] });
    expect(await tick(T0 + 6 * 60 * MIN, T0 + 2 * 24 * 60 * MIN)).toEqual([]);
    expect(spikeNotices()).toHaveLength(0);
  });

  it('alerts once on a synthetic burst, with the numbers and three samples, and stays quiet until it ends', async () => {
    setup();
    const rand = lcg(11);
    const burstAt = T0 + 24 * 60 * MIN;
    steady(T0, T0 + 2 * 24 * 60 * MIN, () => 4 + Math.floor(rand() * 9));
    await tick(T0 + 60 * MIN, burstAt);
    // 60 angry mentions in 10 minutes, for 40 minutes.
    for (let i = 0; i < 240; i++)
      add(burstAt + 1 * MIN + Math.floor((i / 240) * 40 * MIN), {
        text: `app down ${i}`,
        score: i === 7 ? 99 : i === 8 ? 98 : i === 9 ? 97 : 40,
      });

    const during = await tick(burstAt + 5 * MIN, burstAt + 45 * MIN, MIN);
    expect(during).toHaveLength(1);
    const alert = during[0]!;
    const overall = alert.triggers.find((t) => t.scope === 'all')!;
    expect(overall.kind).toBe('negative');
    expect(overall.count).toBeGreaterThanOrEqual(overall.threshold);
    expect(overall.baseline).toBeGreaterThan(4);
    expect(overall.baseline).toBeLessThan(12);
    expect(overall.windowMinutes).toBe(15);
    // twitter is the only source: its trigger would only repeat the overall numbers.
    expect(alert.triggers.filter((t) => t.kind === 'negative')).toHaveLength(1);
    expect(alert.samples.map((s) => s.text)).toEqual(['app down 7', 'app down 8', 'app down 9']);

    const notices = spikeNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.target).toBe('CESCALATE');
    expect(notices[0]!.payload).toMatchObject({ notice: { kind: 'spike', mention: 'S0LEADS' } });

    // After the burst, back to normal: the spike ends quietly...
    const after = await runSpikeTick(deps, new Date(burstAt + 70 * MIN));
    expect(after.alert).toBeNull();
    expect(await tick(burstAt + 70 * MIN, burstAt + 4 * 60 * MIN)).toEqual([]);
    expect((await runSpikeTick(deps, new Date(burstAt + 4 * 60 * MIN))).active).toEqual([]);
    // ...and a new burst later is a new spike.
    const second = burstAt + 5 * 60 * MIN;
    for (let i = 0; i < 60; i++) add(second + Math.floor((i / 60) * 8 * MIN));
    expect(await tick(second + 10 * MIN, second + 14 * MIN, MIN)).toHaveLength(1);
  });

  it('a restart neither re-alerts nor forgets: the state lives in the database', async () => {
    setup();
    steady(T0, T0 + 12 * 60 * MIN, () => 6);
    const burstAt = T0 + 12 * 60 * MIN;
    for (let i = 0; i < 50; i++) add(burstAt + i * 10_000);
    expect((await runSpikeTick(deps, new Date(burstAt + 10 * MIN))).alert).not.toBeNull();
    // A fresh process: new deps object, same database.
    const restarted: SpikeDeps = { ...deps, escalation: { ...deps.escalation } };
    const again = await runSpikeTick(restarted, new Date(burstAt + 11 * MIN));
    expect(again.alert).toBeNull();
    expect(again.active).toContain('neg:all');
    expect(spikeNotices()).toHaveLength(1);
  });

  it('alerts on one source surging while the overall volume hides it', async () => {
    setup();
    steady(T0, T0 + 13 * 60 * MIN, () => 40, { source: 'twitter' });
    steady(T0, T0 + 13 * 60 * MIN, () => 1, { source: 'review' });
    await tick(T0 + 60 * MIN, T0 + 12 * 60 * MIN, 15 * MIN);
    const at = T0 + 12 * 60 * MIN;
    for (let i = 0; i < 14; i++) add(at + 2 * MIN + i * 20_000, { source: 'review', text: `one star ${i}` });
    const r = await runSpikeTick(deps, new Date(at + 10 * MIN));
    expect(r.alert?.triggers.map((t) => [t.kind, t.scope])).toEqual([['negative', 'review']]);
    expect(r.alert?.samples.every((s) => s.source === 'review')).toBe(true);
  });

  it('alerts when many mentions share one theme in the window', async () => {
    setup();
    const at = T0 + 6 * 60 * MIN;
    // Neutral in tone (no negative surge), but 20 people on the same outage within 30 minutes.
    for (let i = 0; i < 20; i++) add(at + i * 90_000, { sentiment: 0, themes: ['outage'] });
    const r = await runSpikeTick(deps, new Date(at + 31 * MIN));
    expect(r.alert?.triggers).toEqual([
      { kind: 'theme', scope: 'outage', label: 'outage', count: 20, windowMinutes: 60, baseline: 0, threshold: 15 },
    ]);
    expect((await runSpikeTick(deps, new Date(at + 32 * MIN))).alert).toBeNull();
  });

  it('posts nothing when no escalation channel is configured, but still keeps its state', async () => {
    setup({ escalation: {} });
    for (let i = 0; i < 30; i++) add(T0 + i * 10_000);
    const r = await runSpikeTick(deps, new Date(T0 + 6 * MIN));
    expect(r.alert).not.toBeNull();
    expect(r.notified).toBe(0);
    expect(spikeNotices()).toHaveLength(0);
  });
});

describe('spike threshold and baseline arithmetic', () => {
  const rule = { k: 4, factor: 3, minCount: 10 };

  it('is at least minCount, above mean + kσ, and at least factor × mean', () => {
    expect(spikeThreshold({ mean: 0, variance: 0 }, rule)).toBe(10);
    // mean 8, σ floor √8 ≈ 2.83: mean + 4σ ≈ 19.3 → 20; 3 × 8 = 24 wins.
    expect(spikeThreshold({ mean: 8, variance: 1 }, rule)).toBe(24);
    // A wide spread: 20 + 4 × 10 = 60 → 61 beats 3 × 20.
    expect(spikeThreshold({ mean: 20, variance: 100 }, rule)).toBe(61);
    // Scaled to a window of 4 buckets: mean 8, variance 4 × 100.
    expect(spikeThreshold({ mean: 2, variance: 100 }, rule, 4)).toBe(Math.floor(8 + 4 * 20) + 1);
  });

  it('learns a level, and a single burst barely moves it', () => {
    let b = { mean: 0, variance: 0 };
    for (let i = 0; i < 200; i++) b = foldBucket(b, 20, 0.1, rule);
    expect(b.mean).toBeCloseTo(20, 3);
    const burst = foldBucket(b, 500, 0.1, rule);
    // Capped at the threshold (60): the mean moves by 0.1 × 40, not by 0.1 × 480.
    expect(burst.mean).toBeCloseTo(24, 1);
  });
});
