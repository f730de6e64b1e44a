import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import type { AmplifyResult, RepostInput } from '../../src/ingest/amplify.js';
import type { IngestResult } from '../../src/ingest/ingest.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import type { ReplySource } from '../../src/ports.js';
import { BrandResolver } from './brand.js';
import { createXClients, type XCredentials } from './client.js';
import { InFlightReplies } from './in-flight.js';
import type { XAccessLevel } from './config.js';
import { accessProfile, type CostOverrides } from './access.js';
import { XCostEstimate } from './cost.js';
import { pollIntervalSeconds } from './poll-interval.js';
import { MentionsPoller } from './poller.js';
import { XReplySource } from './reply-source.js';
import { buildStreamRules } from './rules.js';
import { FilteredStream } from './stream.js';
import { systemTimers, type Timers } from './timers.js';

export { checkTweetLength, TWEET_MAX_WEIGHTED_LENGTH, type TweetLength } from './length.js';

export interface TwitterAdapterConfig extends XCredentials {
  /** `TWITTER_MODE`: `poll` the mentions timeline (default) or listen on the filtered `stream`. */
  mode: 'poll' | 'stream';
  /** `twitter.account`: the brand's own X handle, without the @. */
  account: string | null;
  /** `brands[].handles`, flattened. */
  brandHandles: readonly string[];
  /** `twitter.keywords`. */
  keywords: readonly string[];
  /** `competitors`. */
  competitors: readonly string[];
  /** `twitter.pollIntervalSeconds`: unset = the access level's cadence; raised with a warning when it would break X's limits. */
  pollIntervalSeconds?: number;
  /** `twitter.pollCadence`: seconds per access level. */
  pollCadence?: Partial<Record<XAccessLevel, number>>;
  /** `twitter.accessLevel` (default pay-per-use): rate limits, cadence and prices. */
  accessLevel?: XAccessLevel;
  /** `twitter.costs`: the contract's prices. */
  costs?: CostOverrides;
  db: Db;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** The core's ingest (e.g. `(b) => ingestMentions(ingestDeps, b)`). */
  ingest: (batch: readonly MentionInput[]) => Promise<IngestResult>;
  /** The core's repost recording (e.g. `(b) => recordReposts(amplifyDeps, b)`). */
  amplify: (batch: readonly RepostInput[]) => Promise<AmplifyResult>;
  /** Injected in tests so every wait runs by hand; real timers otherwise. */
  timers?: Timers;
  /** Jitter source for the poller's backoff; injected in tests. */
  random?: () => number;
  /** Stream stall timeout (default 20 s, as X advises; X sends a keep-alive every 20 s). */
  keepAliveTimeoutMs?: number;
  /** Posts per timeline page (default and X's maximum: 100). */
  pageSize?: number;
}

export interface TwitterAdapter {
  readonly mode: 'poll' | 'stream';
  /** Public replies and DMs as the brand account; null without the user-context credentials. */
  readonly replySource: ReplySource | null;
  /** The mentions poller (poll mode), else null. */
  readonly poller: MentionsPoller | null;
  /** The filtered stream (stream mode), else null. */
  readonly stream: FilteredStream | null;
  /** What X costs per day at the access level's prices (also in /metrics). */
  readonly cost: XCostEstimate;
  /** Seconds between polls (poll mode). */
  readonly pollIntervalSeconds: number;
  /** Starts listening in the background; never waits on X (an unreachable X only logs and retries). */
  start(): Promise<void>;
  /** Stops listening and closes connections. */
  stop(): Promise<void>;
}

/**
 * X/Twitter through twitter-api-v2: listening (poll or stream) hands posts to the core's ingest;
 * the reply source answers customers. Reads use the app token, writes the brand's user context.
 */
export function createTwitterAdapter(config: TwitterAdapterConfig): TwitterAdapter {
  const logger = config.logger.child({ platform: 'twitter' });
  const clients = createXClients(config);
  const timers = config.timers ?? systemTimers;
  const { db, clock, metrics } = config;
  const brand = new BrandResolver({ clients, db, clock, logger, metrics, account: config.account });
  const sink = { ingest: config.ingest, amplify: config.amplify };
  const inFlight = new InFlightReplies();
  const rules = buildStreamRules(config);
  const accessLevel = config.accessLevel ?? 'pay_per_use';
  const intervalSeconds = pollIntervalSeconds(
    { level: accessLevel, configured: config.pollIntervalSeconds, cadence: config.pollCadence },
    logger,
  );
  const cost = new XCostEstimate(
    accessProfile(accessLevel, config.costs),
    metrics,
    clock,
    config.mode === 'poll' ? 86_400 / intervalSeconds : 0,
  );

  const poller =
    config.mode === 'poll'
      ? new MentionsPoller({
          clients,
          brand,
          db,
          clock,
          logger,
          metrics,
          sink,
          inFlight,
          timers,
          intervalMs: intervalSeconds * 1000,
          pageSize: config.pageSize,
          random: config.random,
        })
      : null;
  const stream =
    config.mode === 'stream'
      ? new FilteredStream({
          clients,
          brand,
          clock,
          logger,
          metrics,
          sink,
          inFlight,
          timers,
          rules,
          keepAliveTimeoutMs: config.keepAliveTimeoutMs,
        })
      : null;
  const replySource = clients.user
    ? new XReplySource({ user: clients.user, app: clients.app, brand, inFlight, db, clock, logger, metrics })
    : null;

  return {
    mode: config.mode,
    replySource,
    poller,
    stream,
    cost,
    pollIntervalSeconds: intervalSeconds,
    async start() {
      if (!config.account && config.mode === 'poll' && !clients.user) {
        logger.warn('twitter.account is not set: the brand account is unknown, so X polling cannot run; set it in the config file');
      }
      if (!config.account && config.mode === 'stream') {
        logger.warn("twitter.account is not set: the brand's replies made on X outside Klaxon are not seen; set it in the config file");
      }
      if (stream && rules.length === 0) {
        logger.error(
          'X stream has nothing to listen for: set twitter.account, brands[].handles, twitter.keywords or competitors in the config file',
        );
        return;
      }
      if (!replySource)
        logger.info(
          'X replies and DMs are off: set TWITTER_APP_KEY, TWITTER_APP_SECRET, TWITTER_ACCESS_TOKEN and TWITTER_ACCESS_SECRET to ' +
            'answer from Klaxon',
        );
      logger.info('X listening', {
        mode: config.mode,
        accessLevel,
        ...(config.mode === 'poll' ? { pollIntervalSeconds: intervalSeconds } : {}),
      });
      poller?.start();
      stream?.start();
    },
    async stop() {
      // Both stop scheduling at once; closing the connections then ends any call still waiting on X.
      const stopping = Promise.all([poller?.stop(), stream?.stop()]);
      clients.close();
      await stopping;
    },
  };
}
