import type { Activity, CloudAdapter } from 'botbuilder';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import type { ReadBodyOptions } from '../../src/http/body.js';
import type { HttpRoute } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import type { Pacing } from '../../src/outbox/worker.js';
import type { ChatAdapter } from '../../src/ports.js';
import { KlaxonTeamsBot } from './bot.js';
import { createCloudAdapter, type BotCredentials } from './cloud-adapter.js';
import type { TeamsBotDeps } from './context.js';
import { AmbiguousConversationError, ConversationStore } from './conversations.js';
import { messagesRoute } from './http.js';
import { InstallTracker } from './install.js';
import { TeamsPlatform } from './platform.js';
import type { ConversationLimits, PacerClock } from './pacer.js';
import { ConnectorTransport, TEAMS_PACING, type TeamsPacing } from './transport.js';

export interface TeamsAdapterConfig extends BotCredentials {
  /**
   * More Microsoft Entra tenants Klaxon serves (config `teams.tenants`), besides `tenantId`: a
   * multi-tenant bot lists its organisations here. Activities from any other tenant are refused
   * and its conversations are never routing targets.
   */
  tenants?: readonly string[];
  /** The routing targets config names for Teams (defaults and rules), checked at start for names that fit several conversations. */
  routingTargets?: readonly string[];
  db: Db;
  clock: Clock;
  logger: Logger;
  listeners: Omit<TeamsBotDeps, 'logger' | 'conversations' | 'sendPrivately'>;
  /** The outbox's pacing of Teams targets. Tests may set `{ intervalMs: 0, cap: 1 }`. */
  pacing?: TeamsPacing;
  /** How `/api/messages` reads bodies before they are authenticated: the shared budget, the time allowed. */
  bodies?: ReadBodyOptions;
  /** Teams' per-conversation limits the transport keeps to (default 7/s, 1,800/h); null = none (tests of the 429 path). */
  limits?: ConversationLimits | null;
  /** The pacer's time; tests inject one that does not wait for real. */
  pacerClock?: PacerClock;
}

export interface TeamsAdapter extends ChatAdapter {
  readonly platform: TeamsPlatform;
  /** `POST /api/messages`. */
  readonly routes: HttpRoute[];
  /** For the outbox: one paced queue per conversation, within Teams' limit. */
  readonly pacing: Pacing;
  readonly conversations: ConversationStore;
  readonly cloudAdapter: CloudAdapter;
  start(): Promise<void>;
  /** Waits for outbound calls already queued. */
  stop(): Promise<void>;
}

export const NO_TENANT =
  'Teams serves no organisation: set TEAMS_TENANT_ID to your Microsoft Entra tenant id (a single-tenant bot), ' +
  'or list the tenant ids the bot serves in the config file as teams.tenants (an older multi-tenant bot)';

/** The tenant an activity comes from, as Teams says it (channelData, then the conversation). */
function tenantOf(activity: Partial<Activity>): string | null {
  return (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId ?? null;
}

/**
 * Anyone can put Klaxon's bot id in a Teams app of their own organisation: activities from a
 * tenant Klaxon does not serve are refused, so nothing of theirs is stored, run or routed to.
 */
function tenantRefusal(activity: Partial<Activity>, conversations: ConversationStore, logger: Logger): string | null {
  const tenant = tenantOf(activity);
  if (conversations.serves(tenant)) return null;
  const fix = 'add its tenant to teams.tenants if it should be served';
  logger.warn(`Teams activity from an organisation Klaxon does not serve was refused (${fix})`, { tenant, type: activity.type });
  return 'this bot does not serve that organisation';
}

/**
 * Start-up check of the routing targets config names: one that fits several conversations is
 * refused at every post (Klaxon never guesses), so say so now, with how to fix it.
 */
function checkRoutingTargets(targets: readonly string[], conversations: ConversationStore, logger: Logger): void {
  for (const target of new Set(targets)) {
    try {
      if (!conversations.resolve(target)) logger.warn('Teams routing target not known yet: add Klaxon to that team or chat', { target });
    } catch (error) {
      if (!(error instanceof AmbiguousConversationError)) throw error;
      logger.error(`Teams routing target is ambiguous: ${error.message}`, { target });
    }
  }
}

/**
 * Microsoft Teams through botbuilder's CloudAdapter, with Bot Framework authentication always on
 * (see cloud-adapter.ts). Everything Teams-specific lives in this folder, so moving to the Microsoft 365
 * Agents SDK (same CloudAdapter / ActivityHandler / TurnContext shapes) changes only this folder.
 */
export function createTeamsAdapter(config: TeamsAdapterConfig): TeamsAdapter {
  const logger = config.logger.child({ platform: 'teams' });
  const pacing = config.pacing ?? TEAMS_PACING;
  const transport = new ConnectorTransport({
    logger,
    limits: config.limits,
    pacerClock: config.pacerClock,
    now: () => config.clock.now().getTime(),
  });
  const {
    adapter: cloudAdapter,
    oauthScope,
    verifyToken,
  } = createCloudAdapter(config, transport.httpClient, logger, () => config.clock.now().getTime());
  const tenants = new Set([config.tenantId, ...(config.tenants ?? [])].filter((t): t is string => Boolean(t)));
  if (tenants.size === 0) throw new Error(NO_TENANT);
  const conversations = new ConversationStore(config.db, config.clock, tenants);
  const platform = new TeamsPlatform(cloudAdapter, { appId: config.appId, oauthScope, tenantId: config.tenantId ?? null }, conversations);
  const sendPrivately = (userId: string, activity: Partial<Activity>) => platform.sendToPerson(userId, activity);
  const deps: TeamsBotDeps = { ...config.listeners, logger, conversations, sendPrivately };
  const bot = new KlaxonTeamsBot(deps, new InstallTracker(conversations, logger));
  return {
    platform,
    routes: [
      messagesRoute(cloudAdapter, (context) => bot.run(context), {
        authenticated: true,
        verifyToken,
        bodies: config.bodies,
        admit: (activity) => tenantRefusal(activity, conversations, logger),
      }),
    ],
    pacing: { intervalMs: pacing.intervalMs, cap: pacing.cap },
    conversations,
    cloudAdapter,
    // A Teams channel is named as it was configured (`Team/Channel` or its id): no markup links it.
    channelLabel: (target) => target,
    async start() {
      const known = conversations.all().length;
      logger.info('Teams enabled', {
        appId: config.appId,
        singleTenant: Boolean(config.tenantId),
        customAuthEndpoints: Boolean(config.endpoints),
        conversations: known,
      });
      if (known === 0)
        logger.warn(
          'Klaxon is not in any Teams team or chat yet: upload the app package (adapters/teams/app-package) and add it to a team ' +
            '(see README, "Connect Teams")',
        );
      checkRoutingTargets(config.routingTargets ?? [], conversations, logger);
    },
    async stop() {
      await transport.idle();
    },
  };
}
