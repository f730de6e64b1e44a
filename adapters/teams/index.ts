import type { CloudAdapter } from 'botbuilder';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import type { ReadBodyOptions } from '../../src/http/body.js';
import type { HttpRoute } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import type { Pacing } from '../../src/outbox/worker.js';
import { KlaxonTeamsBot } from './bot.js';
import { createCloudAdapter, type BotCredentials } from './cloud-adapter.js';
import type { TeamsBotDeps } from './context.js';
import { ConversationStore } from './conversations.js';
import { messagesRoute } from './http.js';
import { InstallTracker } from './install.js';
import { TeamsPlatform } from './platform.js';
import type { ConversationLimits, PacerClock } from './pacer.js';
import { ConnectorTransport, TEAMS_PACING, type TeamsPacing } from './transport.js';

export interface TeamsAdapterConfig extends BotCredentials {
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

export interface TeamsAdapter {
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

/**
 * Microsoft Teams through botbuilder's CloudAdapter, with Bot Framework authentication always on
 * (see cloud-adapter.ts). Everything Teams-specific lives in this folder, so moving to the Microsoft 365
 * Agents SDK (same CloudAdapter / ActivityHandler / TurnContext shapes) changes only this folder.
 */
export function createTeamsAdapter(config: TeamsAdapterConfig): TeamsAdapter {
  const logger = config.logger.child({ platform: 'teams' });
  const pacing = config.pacing ?? TEAMS_PACING;
  const transport = new ConnectorTransport({ logger, limits: config.limits, pacerClock: config.pacerClock, now: () => config.clock.now().getTime() });
  const { adapter: cloudAdapter, oauthScope, verifyToken } = createCloudAdapter(config, transport.httpClient, logger, () => config.clock.now().getTime());
  const conversations = new ConversationStore(config.db, config.clock);
  const platform = new TeamsPlatform(cloudAdapter, { appId: config.appId, oauthScope, tenantId: config.tenantId ?? null }, conversations);
  const deps: TeamsBotDeps = { ...config.listeners, logger, conversations, sendPrivately: (userId, activity) => platform.sendToPerson(userId, activity) };
  const bot = new KlaxonTeamsBot(deps, new InstallTracker(conversations, logger));
  return {
    platform,
    routes: [messagesRoute(cloudAdapter, (context) => bot.run(context), { authenticated: true, verifyToken, bodies: config.bodies })],
    pacing: { intervalMs: pacing.intervalMs, cap: pacing.cap },
    conversations,
    cloudAdapter,
    async start() {
      const known = conversations.all().length;
      logger.info('Teams enabled', { appId: config.appId, singleTenant: Boolean(config.tenantId), customAuthEndpoints: Boolean(config.endpoints), conversations: known });
      if (known === 0) logger.warn('Klaxon is not in any Teams team or chat yet: upload the app package (adapters/teams/app-package) and add it to a team (see README, "Connect Teams")');
    },
    async stop() {
      await transport.idle();
    },
  };
}
