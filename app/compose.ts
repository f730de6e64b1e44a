import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { openDatabase, type DbHandle } from '../db/client.js';
import { createOpenAiTriageModel } from '../adapters/llm/openai-triage.js';
import { chatTargetsFor, escalationPolicy, ingestDepsFor, replyBudgetFor } from './settings.js';
import { createIngestRoute } from '../adapters/webhook/ingest-route.js';
import { WebhookReplySource } from '../adapters/webhook/reply-source.js';
import type { CaseContext } from '../src/cases/context.js';
import { VipDirectory } from '../src/cases/vip-directory.js';
import { pruneDeliveries } from '../src/cases/deliveries.js';
import { systemClock, type Clock } from '../src/clock.js';
import type { Timers } from '../src/timers.js';
import { ConfigError, type Config } from '../src/config/load.js';
import { healthRoutes } from '../src/http/health.js';
import { createHttpServer, type HttpRoute } from '../src/http/server.js';
import { ingestMentions, type IngestDeps } from '../src/ingest/ingest.js';
import { recordReposts } from '../src/ingest/amplify.js';
import { editMentions } from '../src/ingest/edit.js';
import { startJobs } from '../src/jobs.js';
import { createDigestHandler } from '../src/outbox/digest-handler.js';
import { requestDigestNow, runDigestTick } from '../src/reports/digest-schedule.js';
import { runSpikeTick } from '../src/reports/spikes.js';
import { checkSlaTimers } from '../src/sla/ticker.js';
import type { Logger } from '../src/log.js';
import { Metrics } from '../src/telemetry.js';
import { createCardHandlers } from '../src/outbox/card-handlers.js';
import { OutboxWorker, type Pacing } from '../src/outbox/worker.js';
import type { AdapterSettings, ChatPlatform, ChatTargets, PlatformId, ReplySource } from '../src/ports.js';
import type {
  AdapterDeps,
  ChatListeners,
  CoreSink,
  WiredChatAdapter as ChatAdapter,
  WiredSourceAdapter as SourceAdapter,
} from '../src/adapter-modules.js';
import { CHAT_PLATFORM_IDS, NATIVE_SOURCE_IDS, type ChatPlatformId, type NativeSourceId } from '../src/domain/adapter-ids.js';
import { chatModule, sourceModule, type ChatAdapterOf, type SourceDetailOf } from './modules.js';
import { createReplyHandlers } from '../src/outbox/reply-handlers.js';
import { withReplyBudget } from '../src/replies/budget.js';
import { collectGauges } from '../src/http/gauges.js';
import { UnverifiedBodyBudget, type BodyShareLimits } from '../src/http/body.js';
import { compileAllowList } from '../src/replies/privacy.js';
import { rootRoute } from '../src/http/root.js';
import { createSignedLinks, linkKey } from '../src/http/signed-links.js';
import { casesCsvRoute, exportLink } from '../src/export/download.js';
import type { Window } from '../src/reports/metrics.js';
import { AiTriage } from '../src/triage/ai-triage.js';

export interface KlaxonOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** More routes on the same server (the local sandbox). */
  extraRoutes?: HttpRoute[];
  /** Timers for background retries (Slack's auth.test) and slow request bodies; tests drive them with the injected clock. */
  timers?: Timers;
  /**
   * Overrides for tests: Slack pacing per channel, outbox polling, how long a reply webhook may
   * take, the cap on unverified request bodies and how long a sender may take to send one.
   */
  tuning?: {
    slackChannelIntervalMs?: number;
    outboxPollMs?: number;
    jobs?: boolean;
    replyTimeoutMs?: number;
    unverifiedBodyBytes?: number;
    unverifiedBodyShare?: BodyShareLimits;
    bodyTimeoutMs?: number;
    bodyIdleMs?: number;
  };
}

export interface Klaxon {
  readonly db: DbHandle;
  readonly server: Server;
  readonly worker: OutboxWorker;
  readonly ingest: IngestDeps;
  readonly cases: CaseContext;
  readonly metrics: Metrics;
  /** The chat platforms that are on, by id, as the registry built them. */
  readonly chat: ReadonlyMap<ChatPlatformId, ChatAdapter>;
  /** The sources with an adapter of their own that are on, by id, in the registry's order. */
  readonly sources: ReadonlyMap<NativeSourceId, SourceAdapter>;
  readonly slack: ChatAdapterOf<'slack'> | null;
  readonly teams: ChatAdapterOf<'teams'> | null;
  readonly twitter: SourceDetailOf<'twitter'> | null;
  readonly email: SourceDetailOf<'email'> | null;
  readonly facebook: SourceDetailOf<'facebook'> | null;
  readonly instagram: SourceDetailOf<'instagram'> | null;
  readonly googleReviews: SourceDetailOf<'google_reviews'> | null;
  readonly bluesky: SourceDetailOf<'bluesky'> | null;
  readonly mastodon: SourceDetailOf<'mastodon'> | null;
  /** Optional AI triage of new cases (config `llm`); null when off. */
  readonly aiTriage: AiTriage | null;
  /**
   * What the server answers (`POST /ingest`, `GET /healthz`…), the core's and each adapter's that
   * is on, as their routes declare them (the routes passed in as extraRoutes are not listed).
   */
  readonly endpoints: readonly string[];
  /** Runs the periodic jobs once, now (SLA timers, digest schedule, spikes): tests and the CLI. */
  tick(): void;
  /** Listens on `port` (0 = any free port) and starts background work; returns the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops taking input, drains the outbox up to the deadline, closes the database. */
  close(deadlineMs?: number): Promise<void>;
}

/** All bodies not yet verified, across every connection, together (a 503 beyond it). */
export const MAX_UNVERIFIED_BODY_BYTES = 16 * 1024 * 1024;
/** A request body (at most 1 MiB) must arrive within this; a slower sender is cut off (408). */
export const BODY_TIMEOUT_MS = 10_000;
/** A body that stops arriving for this long is cut off (408) before the whole-body limit. */
export const BODY_IDLE_MS = 5_000;
/** The composition root: config → database → adapters → core → one HTTP server. */
export function createKlaxon(options: KlaxonOptions): Klaxon {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  // Checked before anything is opened: a bad setting of any adapter stops the start, every
  // problem of every adapter listed together (once, when two sources share the settings).
  const problems = new Set<string>();
  let broken = false;
  const settingsOf = (read: () => AdapterSettings<unknown>): AdapterSettings<unknown> | null => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const problem of error.problems) problems.add(problem);
      broken = true;
      return null;
    }
  };
  const chatSettings = new Map(CHAT_PLATFORM_IDS.map((id) => [id, settingsOf(() => chatModule(id).settings(config.env, config))]));
  const sourceSettings = new Map(NATIVE_SOURCE_IDS.map((id) => [id, settingsOf(() => sourceModule(id).settings(config.env, config))]));
  if (broken) throw new ConfigError([...problems]);
  const enabled = (settings: AdapterSettings<unknown> | null | undefined) => (settings?.enabled ? settings : null);
  // Keys the config file still uses under their old names: one line each, naming the new place.
  for (const line of config.deprecations) logger.warn(line);
  const db = openDatabase(config.env.DATABASE_URL);
  const metrics = new Metrics({ defaultMetrics: true });
  // Every route that reads a body before checking who sent it shares one budget, charged as bytes
  // arrive, so together unauthenticated senders can pin at most this much memory and one address
  // at most its share; each must send within the timeout and never stall past the idle time.
  const budget = new UnverifiedBodyBudget(
    options.tuning?.unverifiedBodyBytes ?? MAX_UNVERIFIED_BODY_BYTES,
    options.tuning?.unverifiedBodyShare,
  );
  const bodies = {
    budget,
    timeoutMs: options.tuning?.bodyTimeoutMs ?? BODY_TIMEOUT_MS,
    idleMs: options.tuning?.bodyIdleMs ?? BODY_IDLE_MS,
    timers: options.timers,
  };
  metrics.onScrape(() => metrics.unverifiedBodyBytes.set(budget.held));
  let worker: OutboxWorker | null = null;
  const wake = () => worker?.kick();

  const targetsFor = (kind: keyof ChatTargets) => chatTargetsFor(config, kind);

  const replySources = new Map<string, ReplySource>();
  for (const [source, settings] of Object.entries(config.file.sources)) {
    const webhook = settings.replyWebhook;
    const secret = webhook?.secret ?? config.env.INGEST_SECRET;
    if (webhook && secret) {
      const delivery = new WebhookReplySource({
        source,
        url: webhook.url,
        secret,
        allowPrivateTargets: config.file.outbound.allowPrivateTargets,
        clock,
        timeoutMs: options.tuning?.replyTimeoutMs,
      });
      replySources.set(source, withReplyBudget(delivery, replyBudgetFor(source)));
    }
  }
  const cases: CaseContext = {
    db: db.db,
    clock,
    permissions: config.file.permissions,
    sla: config.file.sla,
    replySources,
    privatePatterns: config.file.replies.privatePatterns,
    replyAllow: compileAllowList(config.file.replies.allow),
    escalation: {
      ...escalationPolicy(config),
    },
    onCommitted: wake,
  };
  const vips = new VipDirectory(db.db, config.file.vips);
  const links = createSignedLinks({ key: linkKey(db.db, clock.now()), clock, publicUrl: config.env.PUBLIC_URL });
  const platforms = new Map<PlatformId, ChatPlatform>();
  const pacing = new Map<string, Pacing>();
  const routes: HttpRoute[] = [];

  const shared = new Map<string, unknown>();
  const adapterDeps = <S>(settings: S, logger: Logger): AdapterDeps<S> => ({
    settings,
    db: db.db,
    clock,
    logger,
    metrics,
    bodies,
    timers: options.timers,
    tuning: { slackChannelIntervalMs: options.tuning?.slackChannelIntervalMs },
    shared: <T>(key: string, make: () => T): T => {
      if (!shared.has(key)) shared.set(key, make());
      return shared.get(key) as T;
    },
  });
  const addRoutes = (more: readonly HttpRoute[]) => {
    // Sources of one app (Facebook and Instagram) share their webhook's route: served once.
    for (const route of more) if (!routes.includes(route)) routes.push(route);
  };

  // What every chat platform's listeners share: the same verbs, VIPs, saved replies and digest.
  const chatListeners: ChatListeners = {
    cases,
    vips,
    savedReplies: config.file.replies.saved,
    signReplies: config.file.replies.signature,
    requestDigest: CHAT_PLATFORM_IDS.some((id) => chatModule(id).targets(config).digest) ? () => requestDigest() : null,
    exports: { link: (window: Window, asOf: Date, by: string) => exportLink(links, window, asOf, by) },
  };
  const chat = new Map<ChatPlatformId, ChatAdapter>();
  for (const id of CHAT_PLATFORM_IDS) {
    const on = enabled(chatSettings.get(id));
    if (!on) continue;
    const adapter = chatModule(id).create({ ...adapterDeps(on.settings as never, logger), listeners: chatListeners });
    chat.set(id, adapter);
    platforms.set(id, adapter.platform);
    pacing.set(id, adapter.pacing);
    addRoutes(adapter.routes);
  }

  // Optional AI triage: a second opinion on each new case, after it exists with its local score.
  const aiTriage = config.llm
    ? new AiTriage({
        db: db.db,
        clock,
        model: createOpenAiTriageModel(config.llm),
        perMinute: config.llm.perMinute,
        // The floors the local scorer applies (`harm.<id>`), so the model's move never undercuts them.
        harm: config.file.harm,
        metrics,
        logger: logger.child({ component: 'ai-triage' }),
        onCommitted: wake,
      })
    : null;
  // The host only: a base URL may carry credentials.
  if (config.llm)
    logger.info('AI triage is on', {
      model: config.llm.model,
      host: new URL(config.llm.baseUrl).host,
      perMinute: config.llm.perMinute,
      timeoutMs: config.llm.timeoutMs,
    });

  const ingest = ingestDepsFor(config, db.db, clock, {
    vips,
    platforms: [...platforms.keys()],
    onCommitted: wake,
    ...(aiTriage ? { onOpened: (caseIds: readonly number[]) => aiTriage.schedule(caseIds) } : {}),
  });
  const sourceSink: CoreSink = {
    ingest: (batch) => ingestMentions(ingest, batch),
    amplify: (batch) => recordReposts({ db: db.db, clock, onCommitted: wake }, batch),
    edit: (batch) => editMentions(ingest, batch),
  };
  // Sources with an adapter of their own answer their cases themselves, and may say on the card
  // what a reply can do now.
  const sources = new Map<NativeSourceId, SourceAdapter>();
  for (const id of NATIVE_SOURCE_IDS) {
    const on = enabled(sourceSettings.get(id));
    if (!on) continue;
    const adapter = sourceModule(id).create({ ...adapterDeps(on.settings as never, logger), sink: sourceSink });
    sources.set(id, adapter);
    if (adapter.reply) {
      if (Object.hasOwn(config.file.sources, id) && config.file.sources[id]?.replyWebhook) {
        logger.warn(`sources.${id}.replyWebhook is not used: the ${id} source answers its cases itself`);
      }
      replySources.set(id, adapter.reply);
    }
    addRoutes(adapter.routes);
  }
  const noted = new Map([...sources].filter(([, source]) => source.note));

  const escalationTargets = { channels: targetsFor('escalation'), onCall: config.file.escalation.onCall ?? null };
  const digestDeps = { db: db.db, schedule: config.file.digest, channels: targetsFor('digest'), onCommitted: wake };
  const requestDigest = async (): Promise<string> => {
    const queued = await requestDigestNow(digestDeps, clock.now());
    // Each platform writes its own channel reference (Slack links `<#C…>`).
    const label = (platform: string, target: string) => chat.get(platform as ChatPlatformId)?.channelLabel(target) ?? target;
    return queued.length ? queued.map((q) => label(q.platform, q.target)).join(', ') : 'nowhere (no digest channel is configured)';
  };
  const jobs = [
    {
      name: 'sla-timers',
      everyMs: 30_000,
      run: async (now: Date) =>
        void (await checkSlaTimers({ db: db.db, sla: config.file.sla, escalation: escalationTargets, metrics, onCommitted: wake }, now)),
    },
    { name: 'digest', everyMs: 60_000, run: async (now: Date) => void (await runDigestTick(digestDeps, now)) },
    {
      name: 'spikes',
      everyMs: 60_000,
      run: async (now: Date) =>
        void (await runSpikeTick({ db: db.db, config: config.file.spikes, escalation: escalationTargets, onCommitted: wake }, now)),
    },
    // Delivery keys (Slack and Teams retries, double clicks) are needed for a day; without this
    // the table grows for ever.
    { name: 'prune-deliveries', everyMs: 60 * 60_000, run: (now: Date) => void pruneDeliveries(db.db, now) },
  ];
  let runningJobs: { stop(): void } | null = null;

  routes.push(
    createIngestRoute({
      secret: config.env.INGEST_SECRET,
      allowUnsigned: config.file.ingest.allowUnsigned,
      clock,
      ingest,
      metrics,
      logger,
      bodies,
    }),
  );
  const health = {
    ping: db.ping,
    database: () => {
      const level = db.migrationLevel();
      return { engine: 'sqlite' as const, migration: level.level, pending: level.pending.length, newerThanThisVersion: level.ahead };
    },
  };
  routes.push(...healthRoutes(health, metrics));
  routes.push(casesCsvRoute(links, { db: db.db, sla: config.file.sla, logger }));
  const endpoints = endpointsOf(routes);
  routes.push(...(options.extraRoutes ?? []));
  routes.push(rootRoute(routes));
  // Replies to customers wait in the outbox as platform 'source'.
  collectGauges(metrics, db.db, [...platforms.keys(), 'source'], { sla: config.file.sla, now: () => clock.now() });

  worker = new OutboxWorker({
    db: db.db,
    clock,
    logger: logger.child({ component: 'outbox' }),
    metrics,
    handlers: {
      ...createCardHandlers({
        db: db.db,
        clock,
        sla: config.file.sla,
        platforms,
        fallbackTargets: ingest.routing.defaults,
        metrics,
        logger: logger.child({ component: 'outbox' }),
        onCommitted: wake,
        sourceNotes: {
          has: (source) => noted.has(source as NativeSourceId),
          note: (target) => noted.get(target.source as NativeSourceId)?.note?.(target) ?? null,
        },
      }),
      ...createReplyHandlers({ db: db.db, clock, sources: replySources }),
      'digest.post': createDigestHandler({
        db: db.db,
        platforms,
        digest: {
          sla: config.file.sla,
          timeZone: config.file.digest.timeZone,
          competitors: config.file.competitors,
          vips: (handle) => vips.has(handle),
        },
      }),
    },
    // Replies to one source are sent one at a time; chat platforms are paced per channel.
    pacing: (platform) => pacing.get(platform) ?? { intervalMs: 0, cap: 1 },
    pollIntervalMs: options.tuning?.outboxPollMs ?? 1000,
  });
  const server = createHttpServer(routes, logger);
  const theWorker = worker;

  return {
    db,
    server,
    worker: theWorker,
    ingest,
    cases,
    metrics,
    chat,
    sources,
    slack: (chat.get('slack') as ChatAdapterOf<'slack'> | undefined) ?? null,
    teams: (chat.get('teams') as ChatAdapterOf<'teams'> | undefined) ?? null,
    twitter: detailOf<'twitter'>(sources, 'twitter'),
    email: detailOf<'email'>(sources, 'email'),
    facebook: detailOf<'facebook'>(sources, 'facebook'),
    instagram: detailOf<'instagram'>(sources, 'instagram'),
    googleReviews: detailOf<'google_reviews'>(sources, 'google_reviews'),
    bluesky: detailOf<'bluesky'>(sources, 'bluesky'),
    mastodon: detailOf<'mastodon'>(sources, 'mastodon'),
    aiTriage,
    endpoints,
    tick() {
      const now = clock.now();
      for (const job of jobs) job.run(now);
    },
    async listen(port = config.env.PORT, host = config.env.HOST) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      for (const adapter of chat.values()) await adapter.start();
      await theWorker.start();
      // Idempotent starts: a later change runs these under a leader lease (one replica listens).
      for (const source of sources.values()) await source.listen.start();
      if (options.tuning?.jobs !== false) runningJobs = startJobs(jobs, clock, logger.child({ component: 'jobs' }));
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      return `http://${shownHost}:${address.port}`;
    },
    async close(deadlineMs = 5000) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      runningJobs?.stop();
      for (const source of sources.values()) await source.listen.stop();
      // Cases waiting for the model keep their local score; nothing is lost.
      await aiTriage?.stop();
      await theWorker.stop(deadlineMs);
      // After the outbox: a reply being sent (by SMTP, to the Graph API…) finishes first.
      for (const source of sources.values()) await source.close();
      for (const adapter of chat.values()) await adapter.stop();
      db.close();
    },
  };
}

/** `METHOD /path` for each route, once per path (a route for any method takes GET and POST). */
function endpointsOf(routes: readonly HttpRoute[]): string[] {
  const lines = routes.map((r) => `${r.method === '*' ? 'GET/POST' : r.method} ${r.path}`);
  return [...new Set(lines)];
}

/** The adapter's own object behind a source's port, typed by the registry. */
function detailOf<K extends NativeSourceId>(sources: ReadonlyMap<NativeSourceId, SourceAdapter>, id: K): SourceDetailOf<K> | null {
  return (sources.get(id)?.detail as SourceDetailOf<K> | undefined) ?? null;
}
