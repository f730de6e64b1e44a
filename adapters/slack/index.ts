import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import type { ReadBodyOptions } from '../../src/http/body.js';
import type { HttpRoute } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import type { Pacing } from '../../src/outbox/worker.js';
import type { ChatAdapter } from '../../src/ports.js';
import { boltLogger } from './bolt-logger.js';
import { clientOptions, createWebClient } from './client.js';
import { dedupeDeliveries } from './dedupe.js';
import type { SlackListenerDeps } from './context.js';
import { registerListeners } from './listeners/index.js';
import { SlackPeople } from './people.js';
import { SlackPlatform } from './platform.js';
import { guardSlackRequest } from './request-guard.js';
import { BotIdentity } from './identity.js';
import { systemTimers, type Timers } from '../../src/timers.js';

export interface SlackAdapterConfig {
  botToken: string;
  signingSecret: string;
  /** An app-level token (xapp-…) switches to Socket Mode: no public URL needed. */
  appToken?: string;
  apiUrl?: string;
  db: Db;
  clock: Clock;
  logger: Logger;
  listeners: Omit<SlackListenerDeps, 'logger' | 'people'>;
  /** Slack allows about one message per second per channel. Tests may set 0 (no pacing). */
  channelIntervalMs?: number;
  /** How `/slack/events` reads bodies before their signature is checked: the shared budget, the time allowed. */
  bodies?: ReadBodyOptions;
  /** Timers for retrying `auth.test` (tests pass ones driven by the injected clock). */
  timers?: Timers;
}

export interface SlackAdapter extends ChatAdapter {
  readonly platform: SlackPlatform;
  readonly app: App;
  readonly routes: HttpRoute[];
  readonly pacing: Pacing;
  /** Who the bot is, once Slack said so (auth.test, retried until it answers). */
  readonly identity: BotIdentity;
  /** Checks the token (auth.test) and logs who the bot is; keeps retrying in the background on failure. */
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
  const apiUrl = config.apiUrl ? (config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`) : undefined;
  const socketMode = Boolean(config.appToken);
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.appToken!,
        logger: boltLogger(logger),
        // apps.connections.open goes to the same (configurable) Web API as everything else.
        installerOptions: { clientOptions: apiUrl ? { slackApiUrl: apiUrl } : {} },
      })
    : new HTTPReceiver({
        signingSecret: config.signingSecret,
        endpoints: '/slack/events',
        processBeforeResponse: false,
        logger: boltLogger(logger),
      });
  // Who the bot is, from auth.test in start() (retried until Slack answers). A fixed `authorize`
  // instead of `token` keeps Bolt from calling auth.test (with the token in the body) on every
  // incoming request, and from calling it in the constructor (which retries for half an hour
  // against an unreachable Slack).
  const identity = new BotIdentity(outboxClient, config.timers ?? systemTimers, logger);
  const app = new App({
    authorize: async () => ({
      botToken: config.botToken,
      ...(identity.botId ? { botId: identity.botId } : {}),
      ...(identity.botUserId ? { botUserId: identity.botUserId } : {}),
    }),
    receiver,
    logger: boltLogger(logger),
    clientOptions: clientOptions({ apiUrl: config.apiUrl, logger, retries: 2 }),
  });
  app.use(dedupeDeliveries(config.db, config.clock));
  registerListeners(app, { ...config.listeners, logger, people: new SlackPeople(outboxClient, config.clock, logger) });
  app.error(async (error) => {
    logger.error('unhandled error in a Slack listener', { err: error });
  });

  // Over HTTP our one server hands Bolt `/slack/events`; in Socket Mode Slack comes to us over
  // a WebSocket and there is no route.
  const routes: HttpRoute[] =
    receiver instanceof HTTPReceiver
      ? [
          {
            method: 'POST',
            path: '/slack/events',
            purpose: 'Slack events, slash commands and interactivity (signature verified)',
            handler: async (req, res) => {
              if (await guardSlackRequest(req, res, config.signingSecret, config.clock, config.bodies)) receiver.requestListener(req, res);
            },
          },
        ]
      : [];

  return {
    platform: new SlackPlatform(outboxClient),
    app,
    routes,
    pacing: { intervalMs: config.channelIntervalMs ?? 1100, cap: 1 },
    identity,
    channelLabel: (target) => `<#${target}>`,
    async start() {
      await identity.start();
      if (socketMode) {
        await app.start();
        logger.info('Slack Socket Mode connected');
      }
    },
    async stop() {
      identity.stop();
      if (socketMode) await app.stop();
    },
  };
}
