import { asc, eq } from 'drizzle-orm';
import { mentions, type MentionRow } from '../../db/schema/index.js';
import {
  createGoogleReviewsAdapter,
  googleReviewsSettings,
  type GoogleReviewsAdapter,
  type GoogleReviewsSettings,
} from '../../adapters/google-reviews/index.js';
import { kvCursorStore } from '../../adapters/source-kit/kv-cursors.js';
import type { SourceSink } from '../../adapters/source-kit/types.js';
import { recordReposts } from '../../src/ingest/amplify.js';
import { editMentions } from '../../src/ingest/edit.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { createLogger } from '../../src/log.js';
import { Metrics } from '../../src/telemetry.js';
import { makeCore, type Core } from '../helpers/core.js';
import { ManualTimers } from '../twitter/manual-timers.js';
import { FakeGoogle } from './fake-gbp.js';

export const CLIENT_ID = '123456789-abcdef.apps.googleusercontent.com';
export const CLIENT_SECRET = 'GOCSPX-SECRETclientSECRET42';
export const REFRESH_TOKEN = '1//0gSECRET-refresh-TOKEN_abc/def+ghi';
export const LOCATION = 'accounts/111111111/locations/222222222';
export const OTHER_LOCATION = 'accounts/111111111/locations/333333333';

export interface ReviewWorld {
  core: Core;
  google: FakeGoogle;
  timers: ManualTimers;
  metrics: Metrics;
  rawLogs: string[];
  logs: { level: string; msg: string }[];
  settings: GoogleReviewsSettings;
  sink: SourceSink;
  adapter(): GoogleReviewsAdapter;
  /** Runs the polls that are due now (and the clock forward by `ms` first). */
  poll(adapter: GoogleReviewsAdapter, ms?: number): Promise<void>;
  mentions(): MentionRow[];
  close(): Promise<void>;
}

export async function startReviewWorld(options: { locations?: string[] } = {}): Promise<ReviewWorld> {
  const core = makeCore();
  const locations = options.locations ?? [LOCATION];
  const google = new FakeGoogle({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    refreshToken: REFRESH_TOKEN,
    now: () => core.clock.now(),
    locations,
  });
  const url = await google.listen();
  const timers = new ManualTimers(core.clock);
  const metrics = new Metrics();
  const rawLogs: string[] = [];
  const logs: { level: string; msg: string }[] = [];
  const logger = createLogger({
    level: 'debug',
    write: (line) => {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as { level: string; msg: string });
    },
  });
  const parsed = googleReviewsSettings({
    GOOGLE_BUSINESS_CLIENT_ID: CLIENT_ID,
    GOOGLE_BUSINESS_CLIENT_SECRET: CLIENT_SECRET,
    GOOGLE_BUSINESS_REFRESH_TOKEN: REFRESH_TOKEN,
    GOOGLE_BUSINESS_LOCATIONS: locations.join(','),
    GOOGLE_BUSINESS_API_URL: url,
    GOOGLE_OAUTH_TOKEN_URL: `${url}/token`,
  });
  if (!parsed.enabled) throw new Error(parsed.reason);
  const settings = parsed.settings;
  const sink: SourceSink = {
    ingest: (batch) => ingestMentions(core.ingest, batch),
    amplify: (batch) => recordReposts({ db: core.handle.db, clock: core.clock }, batch),
    edit: (batch) => editMentions(core.ingest, batch),
  };
  const adapters: GoogleReviewsAdapter[] = [];
  return {
    core,
    google,
    timers,
    metrics,
    rawLogs,
    logs,
    settings,
    sink,
    adapter() {
      const a = createGoogleReviewsAdapter({
        settings,
        clock: core.clock,
        logger,
        metrics,
        cursors: kvCursorStore(core.handle.db, 'google_reviews', core.clock),
        timers,
        random: () => 0.5,
      });
      adapters.push(a);
      return a;
    },
    async poll(adapter, ms = 0) {
      timers.advance(ms);
      for (let i = 0; i < 20; i += 1) {
        await adapter.settled();
        if (!timers.pending().some((p) => p.inMs <= 0)) break;
        timers.advance(0);
      }
      await adapter.settled();
    },
    mentions() {
      return core.handle.db.select().from(mentions).where(eq(mentions.source, 'google_reviews')).orderBy(asc(mentions.id)).all();
    },
    async close() {
      for (const a of adapters) await a.stop();
      await google.close();
      core.handle.close();
    },
  };
}
