import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { openDatabase, type DbHandle } from '../db/client.js';
import type { Db } from '../db/types.js';
import { createSlackAdapter, type SlackAdapter } from '../adapters/slack/index.js';
import { createTeamsAdapter, type TeamsAdapter } from '../adapters/teams/index.js';
import { createTwitterAdapter, type TwitterAdapter } from '../adapters/twitter/index.js';
import { twitterSettings } from '../adapters/twitter/settings.js';
import { createEmailAdapter, emailSettings, type EmailAdapter } from '../adapters/email/index.js';
import { kvCursorStore } from '../adapters/source-kit/kv-cursors.js';
import { textReplyPolicy } from '../adapters/twitter/reply-policy.js';
import { X_REPLY_BUDGET } from '../adapters/twitter/length.js';
import { blueskySettings, BLUESKY_NOT_CONFIGURED, createBlueskyAdapter, type BlueskyAdapter } from '../adapters/bluesky/index.js';
import { createMastodonAdapter, mastodonSettings, MASTODON_NOT_CONFIGURED, type MastodonAdapter } from '../adapters/mastodon/index.js';
import { capabilityNote } from '../adapters/source-kit/card-note.js';
import { sqliteInbox } from '../adapters/source-kit/inbox.js';
import type { SourceAdapter } from '../adapters/source-kit/types.js';
import { createFacebookAdapter, createInstagramAdapter, createMetaConnection, metaSettings, type MetaSourceAdapter } from '../adapters/meta/index.js';
import { createGoogleReviewsAdapter, googleReviewsSettings, type GoogleReviewsAdapter } from '../adapters/google-reviews/index.js';
import { createOpenAiTriageModel } from '../adapters/llm/openai-triage.js';
import { createIngestRoute } from '../adapters/webhook/ingest-route.js';
import { WebhookReplySource } from '../adapters/webhook/reply-source.js';
import type { CaseContext } from '../src/cases/context.js';
import { VipDirectory } from '../src/cases/vip-directory.js';
import { pruneDeliveries } from '../src/cases/deliveries.js';
import { systemClock, type Clock } from '../src/clock.js';
import type { Timers } from '../src/timers.js';
import { ConfigError, teamsAuthEndpoints, type Config } from '../src/config/load.js';
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
import { StormDetector } from '../src/ingest/storms/detector.js';
import type { Logger } from '../src/log.js';
import { Metrics } from '../src/telemetry.js';
import { createCardHandlers } from '../src/outbox/card-handlers.js';
import { OutboxWorker, type Pacing } from '../src/outbox/worker.js';
import type { ChatPlatform, PlatformId, ReplySource } from '../src/ports.js';
import { createReplyHandlers } from '../src/outbox/reply-handlers.js';
import { PLAIN_REPLY_BUDGETS, withReplyBudget, type ReplyBudget } from '../src/replies/budget.js';
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
  tuning?: { slackChannelIntervalMs?: number; outboxPollMs?: number; jobs?: boolean; replyTimeoutMs?: number; unverifiedBodyBytes?: number; unverifiedBodyShare?: BodyShareLimits; bodyTimeoutMs?: number; bodyIdleMs?: number };
}

export interface Klaxon {
  readonly db: DbHandle;
  readonly server: Server;
  readonly worker: OutboxWorker;
  readonly ingest: IngestDeps;
  readonly cases: CaseContext;
  readonly metrics: Metrics;
  readonly slack: SlackAdapter | null;
  readonly teams: TeamsAdapter | null;
  readonly twitter: TwitterAdapter | null;
  readonly email: EmailAdapter | null;
  readonly facebook: MetaSourceAdapter | null;
  readonly instagram: MetaSourceAdapter | null;
  readonly googleReviews: GoogleReviewsAdapter | null;
  readonly bluesky: BlueskyAdapter | null;
  readonly mastodon: MastodonAdapter | null;
  /** Optional AI triage of new cases (config `llm`); null when off. */
  readonly aiTriage: AiTriage | null;
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
/**
 * The length budget of a public reply on a source, counted as that source counts: X's weighted
 * count for X (whichever way its replies are delivered: X's API or a webhook bridge), the plain
 * documented limits for the others, none for e-mail and chat.
 */
export function replyBudgetFor(source: string): ReplyBudget | null {
  if (source === 'twitter' || source === 'x') return X_REPLY_BUDGET;
  return Object.hasOwn(PLAIN_REPLY_BUDGETS, source) ? PLAIN_REPLY_BUDGETS[source]! : null;
}

/** Where escalations go: the escalation channel on each configured platform, and who is on call. */
function escalationPolicy(config: Config): CaseContext['escalation'] {
  return {
    targets: {
      ...(config.channels.escalation ? { slack: config.channels.escalation } : {}),
      ...(config.file.teams.escalation && config.env.TEAMS_APP_ID ? { teams: config.file.teams.escalation } : {}),
    },
    onCall: config.file.escalation.onCall ?? null,
  };
}

/** The chat platforms whose credentials are set: the ones cases get cards on. */
export function configuredPlatforms(config: Config): PlatformId[] {
  const e = config.env;
  return [...(e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET ? (['slack'] as const) : []), ...(e.TEAMS_APP_ID && e.TEAMS_APP_PASSWORD ? (['teams'] as const) : [])];
}

/**
 * What ingesting needs under `config`, built one way for the server's `/ingest` and sources and
 * for `klaxon replay`, so a replayed mention is scored, routed, grouped into storms, floored for
 * harm and carded exactly as a posted one. The storm detector is warmed from the database.
 */
export function ingestDepsFor(
  config: Config,
  db: Db,
  clock: Clock,
  wiring: { platforms: readonly PlatformId[]; vips?: VipDirectory; onCommitted?: () => void; onOpened?: (caseIds: readonly number[]) => void },
): IngestDeps {
  const storms = new StormDetector(config.file.storms, config.file.brands);
  storms.warm(db, clock.now());
  return {
    db,
    clock,
    scoring: config.file.scoring,
    routing: {
      rules: config.file.routing,
      brands: config.file.brands,
      defaults: {
        ...(config.channels.triage ? { slack: config.channels.triage } : {}),
        ...(config.file.teams.triage ? { teams: config.file.teams.triage } : {}),
      },
    },
    vips: wiring.vips ?? new VipDirectory(db, config.file.vips),
    platforms: wiring.platforms,
    ...(wiring.onCommitted ? { onCommitted: wiring.onCommitted } : {}),
    storms,
    // Posts that come through /ingest: X takes a reply only when the post mentions the brand.
    replyPolicies: new Map([['twitter', textReplyPolicy([...(config.file.twitter.account ? [config.file.twitter.account] : []), ...config.file.brands.flatMap((b) => b.handles)])]]),
    ...(wiring.onOpened ? { onOpened: wiring.onOpened } : {}),
    harm: config.file.harm,
    minCardPriority: config.file.cards.minPriority,
    escalation: escalationPolicy(config),
  };
}

/** Which platforms are not configured, and how to configure each. */
export function unconfiguredPlatforms(config: Config): string[] {
  const e = config.env;
  const out: string[] = [];
  if (!e.SLACK_BOT_TOKEN) out.push('Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README, "Connect Slack").');
  if (!e.TEAMS_APP_ID) out.push('Microsoft Teams is not configured: set TEAMS_APP_ID and TEAMS_APP_PASSWORD (see README, "Connect Teams").');
  if (!e.TWITTER_BEARER_TOKEN) out.push('X/Twitter is not configured: set TWITTER_BEARER_TOKEN, and the four TWITTER_APP_*/TWITTER_ACCESS_* values to reply (see README, "Connect X").');
  if (!e.IMAP_URL && !e.EMAIL_INBOUND_SECRET) out.push('E-mail is not configured: set IMAP_URL (and SMTP_URL, EMAIL_FROM to reply), or EMAIL_INBOUND_SECRET to take mail from Postmark or SendGrid at POST /ingest/email (see README, "Connect e-mail").');
  if (!e.META_APP_SECRET && !e.META_PAGE_ACCESS_TOKEN) out.push('Facebook and Instagram are not configured: set META_APP_SECRET, META_VERIFY_TOKEN and META_PAGE_ACCESS_TOKEN, and subscribe the Meta app to GET/POST /webhooks/meta (see README, "Connect Facebook and Instagram").');
  if (!e.BLUESKY_HANDLE && !e.BLUESKY_APP_PASSWORD) out.push(BLUESKY_NOT_CONFIGURED);
  if (!e.MASTODON_URL && !e.MASTODON_TOKEN) out.push(MASTODON_NOT_CONFIGURED);
  if (!e.GOOGLE_BUSINESS_REFRESH_TOKEN) out.push('Google reviews are not configured: set GOOGLE_BUSINESS_CLIENT_ID, GOOGLE_BUSINESS_CLIENT_SECRET, GOOGLE_BUSINESS_REFRESH_TOKEN and GOOGLE_BUSINESS_LOCATIONS (see README, "Connect Google reviews").');
  return out;
}

/** The composition root: config → database → adapters → core → one HTTP server. */
export function createKlaxon(options: KlaxonOptions): Klaxon {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  // Checked before anything is opened: a bad setting of any source stops the start, every
  // problem of every source listed together.
  const e = config.env;
  const problems: string[] = [];
  const checked = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return null;
    }
  };
  const mail = checked(() => emailSettings({ IMAP_URL: e.IMAP_URL, SMTP_URL: e.SMTP_URL, EMAIL_FROM: e.EMAIL_FROM, EMAIL_INBOUND_SECRET: e.EMAIL_INBOUND_SECRET }, config.file));
  const meta = checked(() => metaSettings({ META_APP_SECRET: e.META_APP_SECRET, META_VERIFY_TOKEN: e.META_VERIFY_TOKEN, META_PAGE_ACCESS_TOKEN: e.META_PAGE_ACCESS_TOKEN, META_GRAPH_URL: e.META_GRAPH_URL }, config.file));
  const reviews = checked(() =>
    googleReviewsSettings(
      {
        GOOGLE_BUSINESS_CLIENT_ID: e.GOOGLE_BUSINESS_CLIENT_ID,
        GOOGLE_BUSINESS_CLIENT_SECRET: e.GOOGLE_BUSINESS_CLIENT_SECRET,
        GOOGLE_BUSINESS_REFRESH_TOKEN: e.GOOGLE_BUSINESS_REFRESH_TOKEN,
        GOOGLE_BUSINESS_LOCATIONS: e.GOOGLE_BUSINESS_LOCATIONS,
        GOOGLE_BUSINESS_API_URL: e.GOOGLE_BUSINESS_API_URL,
        GOOGLE_OAUTH_TOKEN_URL: e.GOOGLE_OAUTH_TOKEN_URL,
      },
      config.file,
    ),
  );
  const bsky = checked(() => blueskySettings({ BLUESKY_HANDLE: e.BLUESKY_HANDLE, BLUESKY_APP_PASSWORD: e.BLUESKY_APP_PASSWORD, BLUESKY_SERVICE_URL: e.BLUESKY_SERVICE_URL, BLUESKY_JETSTREAM_URL: e.BLUESKY_JETSTREAM_URL }, config.file));
  const masto = checked(() => mastodonSettings({ MASTODON_URL: e.MASTODON_URL, MASTODON_TOKEN: e.MASTODON_TOKEN }, config.file));
  if (problems.length > 0 || !mail || !meta || !reviews || !bsky || !masto) throw new ConfigError(problems);
  const db = openDatabase(config.env.DATABASE_URL);
  const metrics = new Metrics({ defaultMetrics: true });
  // Every route that reads a body before checking who sent it shares one budget, charged as bytes
  // arrive, so together unauthenticated senders can pin at most this much memory and one address
  // at most its share; each must send within the timeout and never stall past the idle time.
  const budget = new UnverifiedBodyBudget(options.tuning?.unverifiedBodyBytes ?? MAX_UNVERIFIED_BODY_BYTES, options.tuning?.unverifiedBodyShare);
  const bodies = { budget, timeoutMs: options.tuning?.bodyTimeoutMs ?? BODY_TIMEOUT_MS, idleMs: options.tuning?.bodyIdleMs ?? BODY_IDLE_MS, timers: options.timers };
  metrics.onScrape(() => metrics.unverifiedBodyBytes.set(budget.held));
  let worker: OutboxWorker | null = null;
  const wake = () => worker?.kick();

  const replySources = new Map<string, ReplySource>();
  for (const [source, settings] of Object.entries(config.file.sources)) {
    const webhook = settings.replyWebhook;
    const secret = webhook?.secret ?? config.env.INGEST_SECRET;
    if (webhook && secret) {
      const delivery = new WebhookReplySource({ source, url: webhook.url, secret, allowPrivateTargets: config.file.outbound.allowPrivateTargets, clock, timeoutMs: options.tuning?.replyTimeoutMs });
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
    escalation: escalationPolicy(config),
    onCommitted: wake,
  };
  const vips = new VipDirectory(db.db, config.file.vips);
  const links = createSignedLinks({ key: linkKey(db.db, clock.now()), clock, publicUrl: config.env.PUBLIC_URL });
  const platforms = new Map<PlatformId, ChatPlatform>();
  const pacing = new Map<string, Pacing>();
  const routes: HttpRoute[] = [];

  // What every chat platform's listeners share: the same verbs, VIPs, saved replies and digest.
  const chatListeners = {
    cases,
    vips,
    savedReplies: config.file.replies.saved,
    signReplies: config.file.replies.signature,
    requestDigest: config.channels.digest || config.file.teams.digest ? () => requestDigest() : null,
    exports: { link: (window: Window, asOf: Date, by: string) => exportLink(links, window, asOf, by) },
  };
  let slack: SlackAdapter | null = null;
  if (config.env.SLACK_BOT_TOKEN && config.env.SLACK_SIGNING_SECRET) {
    slack = createSlackAdapter({
      botToken: config.env.SLACK_BOT_TOKEN,
      signingSecret: config.env.SLACK_SIGNING_SECRET,
      apiUrl: config.env.SLACK_API_URL,
      db: db.db,
      clock,
      appToken: config.env.SLACK_APP_TOKEN,
      logger,
      listeners: chatListeners,
      channelIntervalMs: options.tuning?.slackChannelIntervalMs,
      bodies,
      timers: options.timers,
    });
    platforms.set('slack', slack.platform);
    pacing.set('slack', slack.pacing);
    routes.push(...slack.routes);
  }

  let teams: TeamsAdapter | null = null;
  if (config.env.TEAMS_APP_ID && config.env.TEAMS_APP_PASSWORD) {
    teams = createTeamsAdapter({
      appId: config.env.TEAMS_APP_ID,
      appPassword: config.env.TEAMS_APP_PASSWORD,
      tenantId: config.env.TEAMS_TENANT_ID,
      tenants: config.file.teams.tenants,
      routingTargets: [config.file.teams.triage, config.file.teams.escalation, config.file.teams.digest]
        .concat(config.file.routing.map((r) => r.teams))
        // Each is checked at start for a name that fits several conversations.
        .filter((t): t is string => Boolean(t)),
      endpoints: teamsAuthEndpoints(config.env),
      db: db.db,
      clock,
      logger,
      listeners: chatListeners,
      bodies,
    });
    platforms.set('teams', teams.platform);
    pacing.set('teams', teams.pacing);
    routes.push(...teams.routes);
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
  if (config.llm) logger.info('AI triage is on', { model: config.llm.model, host: new URL(config.llm.baseUrl).host, perMinute: config.llm.perMinute, timeoutMs: config.llm.timeoutMs });

  const ingest = ingestDepsFor(config, db.db, clock, {
    vips,
    platforms: [...platforms.keys()],
    onCommitted: wake,
    ...(aiTriage ? { onOpened: (caseIds: readonly number[]) => aiTriage.schedule(caseIds) } : {}),
  });
  let twitter: TwitterAdapter | null = null;
  const x = twitterSettings(config);
  if (x.enabled) {
    twitter = createTwitterAdapter({
      ...x.settings,
      db: db.db,
      clock,
      logger: logger.child({ platform: 'x' }),
      metrics,
      ingest: (batch) => ingestMentions(ingest, batch),
      amplify: (batch) => recordReposts({ db: db.db, clock, onCommitted: wake }, batch),
    });
    if (twitter.replySource) replySources.set('twitter', twitter.replySource);
  }

  let email: EmailAdapter | null = null;
  if (mail.enabled) {
    email = createEmailAdapter({ settings: mail.settings, clock, logger: logger.child({ source: 'email' }), metrics, cursors: kvCursorStore(db.db, 'email', clock) });
    if (replySources.has('email')) logger.warn('sources.email.replyWebhook is not used: the e-mail source (IMAP_URL/SMTP_URL) answers e-mail cases itself');
    replySources.set('email', email);
    routes.push(...email.routes);
  }
  // Facebook and Instagram share one Meta app: one webhook, one inbox, one Graph client.
  let facebook: MetaSourceAdapter | null = null;
  let instagram: MetaSourceAdapter | null = null;
  if (meta.enabled) {
    const connection = createMetaConnection({ settings: meta.settings, clock, logger: logger.child({ source: 'meta' }), metrics, inbox: sqliteInbox(db.db, 'meta', clock), bodies });
    const metaDeps = (source: string) => ({ settings: meta.settings, clock, logger: logger.child({ source }), metrics, cursors: kvCursorStore(db.db, source, clock), connection });
    facebook = createFacebookAdapter(metaDeps('facebook'));
    instagram = createInstagramAdapter(metaDeps('instagram'));
    routes.push(...connection.routes);
  }
  let googleReviews: GoogleReviewsAdapter | null = null;
  if (reviews.enabled) {
    googleReviews = createGoogleReviewsAdapter({ settings: reviews.settings, clock, logger: logger.child({ source: 'google_reviews' }), metrics, cursors: kvCursorStore(db.db, 'google_reviews', clock) });
  }
  const bluesky = bsky.enabled ? createBlueskyAdapter({ settings: bsky.settings, clock, logger, metrics, cursors: kvCursorStore(db.db, 'bluesky', clock) }) : null;
  const mastodon = masto.enabled ? createMastodonAdapter({ settings: masto.settings, clock, logger, metrics, cursors: kvCursorStore(db.db, 'mastodon', clock) }) : null;
  // The new sources answer their cases themselves and say on the card what a reply can do now.
  const nativeSources = [facebook, instagram, googleReviews, bluesky, mastodon].filter((a): a is NonNullable<typeof a> => a !== null);
  const noted = new Map<string, SourceAdapter>(nativeSources.map((a) => [a.source, a]));
  for (const adapter of nativeSources) {
    if (replySources.has(adapter.source)) logger.warn(`sources.${adapter.source}.replyWebhook is not used: the ${adapter.source} source answers its cases itself`);
    replySources.set(adapter.source, adapter);
  }
  const sourceSink = {
    ingest: (batch: Parameters<typeof ingestMentions>[1]) => ingestMentions(ingest, batch),
    amplify: (batch: Parameters<typeof recordReposts>[1]) => recordReposts({ db: db.db, clock, onCommitted: wake }, batch),
    edit: (batch: Parameters<typeof editMentions>[1]) => editMentions(ingest, batch),
  };

  const escalationTargets = { channel: config.channels.escalation, channels: teams && config.file.teams.escalation ? { teams: config.file.teams.escalation } : {}, onCall: config.file.escalation.onCall ?? null };
  const digestChannels = {
    ...(config.channels.digest && platforms.has('slack') ? { slack: config.channels.digest } : {}),
    ...(config.file.teams.digest && platforms.has('teams') ? { teams: config.file.teams.digest } : {}),
  };
  const digestDeps = { db: db.db, schedule: config.file.digest, channels: digestChannels, onCommitted: wake };
  const requestDigest = (): string => {
    const queued = requestDigestNow(digestDeps, clock.now());
    return queued.length ? queued.map((q) => (q.platform === 'slack' ? `<#${q.target}>` : q.target)).join(', ') : 'nowhere (no digest channel is configured)';
  };
  const jobs = [
    { name: 'sla-timers', everyMs: 30_000, run: (now: Date) => void checkSlaTimers({ db: db.db, sla: config.file.sla, escalation: escalationTargets, metrics, onCommitted: wake }, now) },
    { name: 'digest', everyMs: 60_000, run: (now: Date) => void runDigestTick(digestDeps, now) },
    { name: 'spikes', everyMs: 60_000, run: (now: Date) => void runSpikeTick({ db: db.db, config: config.file.spikes, escalation: escalationTargets, onCommitted: wake }, now) },
    // Delivery keys (Slack and Teams retries, double clicks) are needed for a day; without this
    // the table grows for ever.
    { name: 'prune-deliveries', everyMs: 60 * 60_000, run: (now: Date) => void pruneDeliveries(db.db, now) },
  ];
  let runningJobs: { stop(): void } | null = null;

  routes.push(createIngestRoute({ secret: config.env.INGEST_SECRET, allowUnsigned: config.file.ingest.allowUnsigned, clock, ingest, metrics, logger, bodies }));
  routes.push(...healthRoutes(db.ping, metrics));
  routes.push(casesCsvRoute(links, { db: db.db, sla: config.file.sla, logger }));
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
          has: (source) => noted.has(source),
          note: (target) => {
            const source = noted.get(target.source);
            return source ? capabilityNote(source.capabilities(target), target.isPrivate) : null;
          },
        },
      }),
      ...createReplyHandlers({ db: db.db, clock, sources: replySources }),
      'digest.post': createDigestHandler({
        db: db.db,
        platforms,
        digest: { sla: config.file.sla, timeZone: config.file.digest.timeZone, competitors: config.file.competitors, vips: (handle) => vips.has(handle) },
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
    slack,
    teams,
    twitter,
    email,
    facebook,
    instagram,
    googleReviews,
    bluesky,
    mastodon,
    aiTriage,
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
      await slack?.start();
      await teams?.start();
      await theWorker.start();
      await twitter?.start();
      await email?.start(sourceSink);
      // Idempotent starts: a later change runs these under a leader lease (one replica listens).
      for (const source of nativeSources) await source.start(sourceSink);
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
      await twitter?.stop();
      // Cases waiting for the model keep their local score; nothing is lost.
      await aiTriage?.stop();
      await theWorker.stop(deadlineMs);
      // After the outbox: a reply being sent by SMTP finishes first.
      await email?.stop();
      for (const source of nativeSources) await source.stop();
      await slack?.stop();
      await teams?.stop();
      db.close();
    },
  };
}
