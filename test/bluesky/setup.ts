import { createBlueskyAdapter, type BlueskyAdapter } from '../../adapters/bluesky/index.js';
import type { BlueskySettings } from '../../adapters/bluesky/settings.js';
import { kvCursorStore } from '../../adapters/source-kit/kv-cursors.js';
import type { SourceSink } from '../../adapters/source-kit/types.js';
import { recordReposts } from '../../src/ingest/amplify.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { Metrics } from '../../src/telemetry.js';
import { makeCore, type Core } from '../helpers/core.js';
import { captureLogs, type CapturedLogs } from '../sources/logs.js';
import { ManualTimers } from '../twitter/manual-timers.js';
import { FakeBluesky } from './fake/server.js';
import type { FakeAccount } from './fake/store.js';

export const BRAND_HANDLE = 'acme.bsky.social';
export const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';

export interface BlueskyWorld {
  fake: FakeBluesky;
  brand: FakeAccount;
  jane: FakeAccount;
  omar: FakeAccount;
  core: Core;
  timers: ManualTimers;
  metrics: Metrics;
  logs: CapturedLogs;
  sink: SourceSink;
  /** A new adapter on the same database and cursors (a second one is a "restart"). */
  adapter(overrides?: Partial<BlueskySettings>): BlueskyAdapter;
  /** Runs every timer due now and waits until the adapter has finished what they started. */
  settle(adapter: BlueskyAdapter, ms?: number): Promise<void>;
  calls(op: string): Promise<number>;
  close(): Promise<void>;
}

/** A fake Bluesky with the brand and two customers, the real core on SQLite, hand-driven timers. */
export async function startBlueskyWorld(options: { dm?: boolean } = {}): Promise<BlueskyWorld> {
  const core = makeCore();
  const fake = new FakeBluesky(core.clock);
  await fake.listen();
  const brand = fake.account({
    handle: BRAND_HANDLE,
    displayName: 'Acme Care',
    followers: 250_000,
    verified: true,
    appPassword: APP_PASSWORD,
    dm: options.dm ?? true,
  });
  const jane = fake.account({ handle: 'jane.bsky.social', displayName: 'Jane Doe', followers: 48_000 });
  const omar = fake.account({ handle: 'omar.example.com', displayName: 'عمر', followers: 120 });
  const timers = new ManualTimers(core.clock);
  const metrics = new Metrics();
  const logs = captureLogs();
  const cursors = kvCursorStore(core.handle.db, 'bluesky', core.clock);
  const sink: SourceSink = {
    ingest: (batch) => ingestMentions(core.ingest, batch),
    amplify: (batch) => recordReposts({ db: core.handle.db, clock: core.clock }, batch),
  };
  const adapters: BlueskyAdapter[] = [];
  const world: BlueskyWorld = {
    fake,
    brand,
    jane,
    omar,
    core,
    timers,
    metrics,
    logs,
    sink,
    adapter(overrides = {}) {
      const adapter = createBlueskyAdapter({
        settings: {
          handle: BRAND_HANDLE,
          appPassword: APP_PASSWORD,
          serviceUrl: fake.url,
          jetstreamUrl: null,
          pollIntervalSeconds: 30,
          warnings: [],
          ...overrides,
        },
        clock: core.clock,
        logger: logs.logger,
        metrics,
        cursors,
        timers,
        random: () => 0.5,
      });
      adapters.push(adapter);
      return adapter;
    },
    async settle(adapter, ms = 0) {
      timers.advance(ms);
      for (let i = 0; i < 5; i += 1) {
        await adapter.listener.idle();
        await new Promise((r) => setImmediate(r));
      }
    },
    async calls(op) {
      const metric = await metrics.sourceCalls.get();
      return metric.values.filter((v) => v.labels.source === 'bluesky' && v.labels.op === op).reduce((sum, v) => sum + v.value, 0);
    },
    async close() {
      for (const a of adapters) await a.stop();
      await fake.close();
      core.handle.close();
    },
  };
  return world;
}
