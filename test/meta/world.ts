import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq } from 'drizzle-orm';
import { mentions, type MentionRow } from '../../db/schema/index.js';
import {
  createFacebookAdapter,
  createInstagramAdapter,
  createMetaConnection,
  metaSettings,
  type MetaConnection,
  type MetaSettings,
  type MetaSourceAdapter,
} from '../../adapters/meta/index.js';
import { metaSignature } from '../../adapters/meta/signature.js';
import { sqliteInbox } from '../../adapters/source-kit/inbox.js';
import { kvCursorStore } from '../../adapters/source-kit/kv-cursors.js';
import type { SourceSink } from '../../adapters/source-kit/types.js';
import { createHttpServer } from '../../src/http/server.js';
import { recordReposts } from '../../src/ingest/amplify.js';
import { editMentions } from '../../src/ingest/edit.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { createLogger } from '../../src/log.js';
import { Metrics } from '../../src/telemetry.js';
import { makeCore, type Core } from '../helpers/core.js';
import { ManualTimers } from '../twitter/manual-timers.js';
import { FakeGraph } from './fake-graph/server.js';
import { metaJson, type Payload } from './payloads.js';

/** Secrets shaped like Meta's, each recognisable in a log line. */
export const APP_SECRET = 'a1b2c3d4e5f60718SECRET293a4b5c6d';
export const VERIFY_TOKEN = 'verify-SECRET-token.0123';
export const PAGE_TOKEN = 'EAAGm0PX4ZCpsBASECRETpageTOKEN0123456789abcdef';

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface MetaWorld {
  core: Core;
  graph: FakeGraph;
  timers: ManualTimers;
  metrics: Metrics;
  logs: LogLine[];
  rawLogs: string[];
  settings: MetaSettings;
  connection: MetaConnection;
  sink: SourceSink;
  /** The base URL of the server carrying /webhooks/meta. */
  url: string;
  /** A new adapter on the same database (a second one is a restart). */
  facebook(): MetaSourceAdapter;
  instagram(): MetaSourceAdapter;
  /** POSTs a delivery as Meta does: escaped JSON (or raw UTF-8), signed over the exact bytes. */
  deliver(payload: Payload | string, options?: { escape?: boolean; signature?: string | null }): Promise<Response>;
  /** Runs every processing round that is due now, until nothing is left to do. */
  settle(adapter: MetaSourceAdapter): Promise<void>;
  mentions(source?: string): MentionRow[];
  close(): Promise<void>;
}

export async function startMetaWorld(options: { env?: Record<string, string>; config?: unknown } = {}): Promise<MetaWorld> {
  const core = makeCore();
  const graph = new FakeGraph({ token: PAGE_TOKEN, appSecret: APP_SECRET, now: () => core.clock.now() });
  const graphUrl = await graph.listen();
  const timers = new ManualTimers(core.clock);
  const metrics = new Metrics();
  const logs: LogLine[] = [];
  const rawLogs: string[] = [];
  // The app's logger redacts secrets; the adapters must not rely on it, so this one redacts nothing.
  const logger = createLogger({
    level: 'debug',
    write: (line) => {
      rawLogs.push(line);
      logs.push(JSON.parse(line) as LogLine);
    },
  });
  const parsed = metaSettings(
    {
      META_APP_SECRET: APP_SECRET,
      META_VERIFY_TOKEN: VERIFY_TOKEN,
      META_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
      META_GRAPH_URL: graphUrl,
      ...options.env,
    },
    options.config,
  );
  if (!parsed.enabled) throw new Error(parsed.reason);
  const settings = parsed.settings;
  const inbox = sqliteInbox(core.handle.db, 'meta', core.clock);
  const connection = createMetaConnection({ settings, clock: core.clock, logger, metrics, inbox, timers });
  const server: Server = createHttpServer(connection.routes, logger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sink: SourceSink = {
    ingest: (batch) => ingestMentions(core.ingest, batch),
    amplify: (batch) => recordReposts({ db: core.handle.db, clock: core.clock }, batch),
    edit: (batch) => editMentions(core.ingest, batch),
  };
  const adapters: MetaSourceAdapter[] = [];
  const deps = (source: string) => ({
    settings,
    clock: core.clock,
    logger: logger.child({ source }),
    metrics,
    cursors: kvCursorStore(core.handle.db, source, core.clock),
    timers,
    random: () => 0.5,
    connection,
  });
  const world: MetaWorld = {
    core,
    graph,
    timers,
    metrics,
    logs,
    rawLogs,
    settings,
    connection,
    sink,
    url,
    facebook() {
      const a = createFacebookAdapter(deps('facebook'));
      adapters.push(a);
      return a;
    },
    instagram() {
      const a = createInstagramAdapter(deps('instagram'));
      adapters.push(a);
      return a;
    },
    async deliver(payload, o = {}) {
      const body = typeof payload === 'string' ? payload : o.escape === false ? JSON.stringify(payload) : metaJson(payload);
      const signature = o.signature === undefined ? metaSignature(APP_SECRET, Buffer.from(body, 'utf8')) : o.signature;
      return fetch(`${url}/webhooks/meta`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
        body,
      });
    },
    async settle(adapter) {
      for (let i = 0; i < 50; i += 1) {
        await adapter.settled();
        const due = timers.pending().some((p) => p.inMs <= 0);
        if (!due) return;
        timers.advance(0);
        await new Promise((r) => setImmediate(r));
      }
      await adapter.settled();
    },
    mentions(source) {
      const all = core.handle.db.select().from(mentions);
      return (source ? all.where(eq(mentions.source, source)) : all.where(and())).orderBy(asc(mentions.id)).all();
    },
    async close() {
      for (const a of adapters) await a.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await graph.close();
      core.handle.close();
    },
  };
  return world;
}
