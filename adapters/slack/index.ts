import { App, HTTPReceiver } from '@slack/bolt';
import type { Db } from '../../db/types.js';
import type { CaseContext } from '../../src/cases/context.js';
import type { Clock } from '../../src/clock.js';
import type { HttpRoute } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import type { Pacing } from '../../src/outbox/worker.js';
import { boltLogger } from './bolt-logger.js';
import { clientOptions, createWebClient } from './client.js';
import { dedupeDeliveries } from './dedupe.js';
import { registerActions } from './listeners/actions/index.js';
import { SlackPlatform } from './platform.js';

export interface SlackAdapterConfig {
  botToken: string;
  signingSecret: string;
  apiUrl?: string;
  db: Db;
  clock: Clock;
  logger: Logger;
  cases: CaseContext;
  /** Slack allows about one message per second per channel. Tests may set 0 (no pacing). */
  channelIntervalMs?: number;
}

export interface SlackAdapter {
  readonly platform: SlackPlatform;
  readonly app: App;
  readonly routes: HttpRoute[];
  readonly pacing: Pacing;
  /** Checks the token (auth.test) and logs who the bot is. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Slack through Bolt: its HTTPReceiver verifies signatures and acks; our server hands it
 * `/slack/events`. Outgoing cards go through SlackPlatform with a client that does not retry
 * by itself (the outbox does, durably).
 */
export function createSlackAdapter(config: SlackAdapterConfig): SlackAdapter {
  const logger = config.logger.child({ platform: 'slack' });
  const outboxClient = createWebClient({ token: config.botToken, apiUrl: config.apiUrl, logger, retries: 0 });
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: '/slack/events',
    processBeforeResponse: false,
    logger: boltLogger(logger),
  });
  const app = new App({
    token: config.botToken,
    receiver,
    logger: boltLogger(logger),
    // auth.test runs in start() with a bounded retry, not in the constructor (which would retry
    // for half an hour against an unreachable Slack and keep the process alive).
    tokenVerificationEnabled: false,
    clientOptions: clientOptions({ apiUrl: config.apiUrl, logger, retries: 2 }),
  });
  const deps = { cases: config.cases, logger };
  app.use(dedupeDeliveries(config.db, config.clock));
  registerActions(app, deps);
  app.error(async (error) => {
    logger.error('unhandled error in a Slack listener', { err: error });
  });

  const route: HttpRoute = {
    method: 'POST',
    path: '/slack/events',
    handler: (req, res) => receiver.requestListener(req, res),
  };

  return {
    platform: new SlackPlatform(outboxClient),
    app,
    routes: [route],
    pacing: { intervalMs: config.channelIntervalMs ?? 1100, cap: 1 },
    async start() {
      try {
        const auth = await app.client.auth.test({ token: config.botToken });
        logger.info('Slack connected', { team: auth.team, bot: auth.user, botUserId: auth.user_id });
      } catch (error) {
        logger.error('Slack token check (auth.test) failed; Slack calls will fail until this is fixed', { err: error });
      }
    },
    async stop() {},
  };
}
