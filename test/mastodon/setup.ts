import { createMastodonAdapter, type MastodonAdapter } from '../../adapters/mastodon/index.js';
import type { MastodonSettings } from '../../adapters/mastodon/settings.js';
import { kvCursorStore } from '../../adapters/source-kit/kv-cursors.js';
import type { SourceSink } from '../../adapters/source-kit/types.js';
import { recordReposts } from '../../src/ingest/amplify.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { Metrics } from '../../src/telemetry.js';
import { makeCore, type Core } from '../helpers/core.js';
import { captureLogs, type CapturedLogs } from '../sources/logs.js';
import { ManualTimers } from '../twitter/manual-timers.js';
import { FakeMastodon, type FakeAccount } from './fake/server.js';

export const TOKEN = 'brand-token-Qw3rTy_9-zX';

export interface MastodonWorld {
  fake: FakeMastodon;
  brand: FakeAccount;
  jane: FakeAccount;
  omar: FakeAccount;
  core: Core;
  timers: ManualTimers;
  metrics: Metrics;
  logs: CapturedLogs;
  sink: SourceSink;
  adapter(overrides?: Partial<MastodonSettings>): MastodonAdapter;
  /** Runs the timers due within `ms` and waits for the work they started. */
  settle(adapter: MastodonAdapter, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startMastodonWorld(): Promise<MastodonWorld> {
  const core = makeCore();
  const fake = new FakeMastodon(core.clock);
  await fake.listen();
  const brand = fake.account('acme', { displayName: 'Acme Care', followers: 90_000, token: TOKEN });
  const jane = fake.account('jane', { displayName: 'Jane Doe', followers: 3_400 });
  const omar = fake.account('omar', { domain: 'other.example', displayName: 'عمر', followers: 75 });
  const timers = new ManualTimers(core.clock);
  const metrics = new Metrics();
  const logs = captureLogs();
  const cursors = kvCursorStore(core.handle.db, 'mastodon', core.clock);
  const sink: SourceSink = {
    ingest: (batch) => ingestMentions(core.ingest, batch),
    amplify: (batch) => recordReposts({ db: core.handle.db, clock: core.clock }, batch),
  };
  const adapters: MastodonAdapter[] = [];
  return {
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
      const adapter = createMastodonAdapter({
        settings: { url: fake.url, accessToken: TOKEN, pollIntervalSeconds: 60, ...overrides },
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
    async close() {
      for (const a of adapters) await a.stop();
      await fake.close();
      core.handle.close();
    },
  };
}
