import { createTwitterAdapter, type TwitterAdapter, type TwitterAdapterConfig } from '../../adapters/twitter/index.js';
import { recordReposts } from '../../src/ingest/amplify.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { createLogger } from '../../src/log.js';
import { Metrics } from '../../src/telemetry.js';
import { makeCore, type Core } from '../helpers/core.js';
import { FakeX, type FakeUser } from './fake-x.js';
import { ManualTimers } from './manual-timers.js';

export const BEARER = 'test-bearer-token-AAAA';
export const USER_CONTEXT = {
  appKey: 'app-key-1234',
  appSecret: 'app-secret-5678',
  accessToken: 'access-token-9012',
  accessSecret: 'access-secret-3456',
};

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface XWorld {
  fake: FakeX;
  apiUrl: string;
  brand: FakeUser;
  jane: FakeUser;
  core: Core;
  timers: ManualTimers;
  metrics: Metrics;
  logs: LogLine[];
  /** Builds an adapter on the shared database (a "restart" is a second adapter). */
  adapter(overrides?: Partial<TwitterAdapterConfig>): TwitterAdapter;
  /** The value of klaxon_source_api_calls_total for an op. */
  calls(op: string): Promise<number>;
  close(): Promise<void>;
}

/** A fake X with a brand account and a customer, a real core on SQLite, and hand-driven timers. */
export async function startXWorld(): Promise<XWorld> {
  const fake = new FakeX();
  const apiUrl = await fake.listen();
  const brand = fake.addUser({ id: '900', username: 'AcmeCare', name: 'Acme Care', followers: 250_000, verified: true });
  const jane = fake.addUser({ id: '42', username: 'jane', name: 'Jane Doe', followers: 48_000, verified: true });
  fake.me = brand;
  const core = makeCore();
  const timers = new ManualTimers(core.clock);
  const metrics = new Metrics();
  const logs: LogLine[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [BEARER, ...Object.values(USER_CONTEXT)],
    write: (line) => logs.push(JSON.parse(line) as LogLine),
  });
  const adapters: TwitterAdapter[] = [];
  return {
    fake,
    apiUrl,
    brand,
    jane,
    core,
    timers,
    metrics,
    logs,
    adapter(overrides = {}) {
      const adapter = createTwitterAdapter({
        bearerToken: BEARER,
        userContext: USER_CONTEXT,
        apiUrl,
        mode: 'poll',
        account: 'acmecare',
        brandHandles: ['acmecare'],
        keywords: [],
        competitors: [],
        pollIntervalSeconds: 60,
        db: core.handle.db,
        clock: core.clock,
        logger,
        metrics,
        ingest: (batch) => ingestMentions(core.ingest, batch),
        amplify: (batch) => recordReposts({ db: core.handle.db, clock: core.clock }, batch),
        timers,
        random: () => 0.5,
        ...overrides,
      });
      adapters.push(adapter);
      return adapter;
    },
    async calls(op) {
      const metric = await metrics.sourceCalls.get();
      return metric.values.filter((v) => v.labels.op === op && v.labels.source === 'twitter').reduce((sum, v) => sum + v.value, 0);
    },
    async close() {
      for (const a of adapters) await a.stop();
      await fake.close();
      core.handle.close();
    },
  };
}
