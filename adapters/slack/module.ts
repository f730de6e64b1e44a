import type { ChatAdapterModule } from '../../src/adapter-modules.js';
import { envOf } from '../../src/config/adapter-config.js';
import { slackConfig } from './config.js';
import { createSlackAdapter, type SlackAdapter } from './index.js';

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
}

/** Why Slack is off, as the start-up log says it. */
export const SLACK_NOT_CONFIGURED = 'Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README, "Connect Slack").';

/** Slack for the registry: on with a bot token and signing secret (loadConfig requires both together). */
export const slackModule = {
  id: 'slack',
  settings(all) {
    const env = envOf(slackConfig, all);
    if (!env.SLACK_BOT_TOKEN || !env.SLACK_SIGNING_SECRET) return { enabled: false, reason: SLACK_NOT_CONFIGURED };
    return {
      enabled: true,
      settings: {
        botToken: env.SLACK_BOT_TOKEN,
        signingSecret: env.SLACK_SIGNING_SECRET,
        appToken: env.SLACK_APP_TOKEN,
        apiUrl: env.SLACK_API_URL,
      },
    };
  },
  // The environment's TRIAGE_CHANNEL, ESCALATION_CHANNEL and DIGEST_CHANNEL win over the file (slackConfig.targets).
  targets: (config) => config.targets.slack,
  create: (deps) =>
    createSlackAdapter({
      ...deps.settings,
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger,
      listeners: deps.listeners,
      channelIntervalMs: deps.tuning.slackChannelIntervalMs,
      bodies: deps.bodies,
      timers: deps.timers,
    }),
} satisfies ChatAdapterModule<SlackSettings, SlackAdapter>;
