import { createKlaxon, type Klaxon, type KlaxonOptions } from '../../src/app.js';
import { ManualClock, type Clock } from '../../src/clock.js';
import { LocalSlackApi } from '../../adapters/sandbox/slack-api/server.js';
import { SlackWorkspace } from '../../adapters/sandbox/slack-api/store.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { Timers } from '../../src/timers.js';
import { makeConfig, TEST_SECRETS } from './config.js';

export interface Harness {
  url: string;
  klaxon: Klaxon;
  slack: LocalSlackApi;
  workspace: SlackWorkspace;
  clock: Clock;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  file?: Record<string, unknown>;
  clock?: Clock;
  slackRateLimit?: { perChannelPerSecond: number };
  slackChannelIntervalMs?: number;
  /** Where the local Web API's `apps.connections.open` points Socket Mode clients. */
  socketModeUrl?: string;
  /** The app's logger (default: silent unless KLAXON_TEST_LOG=1). */
  logger?: Logger;
  /** Keep every raw request the local Slack receives (headers and body) in `slack.requests`. */
  captureSlackRequests?: boolean;
  /** More of the app's tuning (reply webhook timeout…), over the harness's own. */
  tuning?: KlaxonOptions['tuning'];
  /** Runs before the app starts (e.g. to make the local Slack fail `auth.test`). */
  beforeStart?: (slack: LocalSlackApi) => void;
  /** Timers for the app's background retries (default: real ones). */
  timers?: Timers;
}

/**
 * The real app (real Bolt, real web-api client, real SQLite with the real migrations) on a
 * loopback port, talking to a loopback Slack Web API that records every call.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? new ManualClock(Date.now());
  const workspace = new SlackWorkspace({ now: () => clock.now().getTime() });
  workspace.socketModeUrl = options.socketModeUrl ?? null;
  const slack = new LocalSlackApi(workspace, { rateLimit: options.slackRateLimit, captureRequests: options.captureSlackRequests });
  const api = await slack.listen();
  const config = makeConfig(
    {
      ...TEST_SECRETS,
      SLACK_API_URL: api.url,
      TRIAGE_CHANNEL: 'CTRIAGE',
      ESCALATION_CHANNEL: 'CESCALATE',
      DIGEST_CHANNEL: 'CDIGEST',
      ...options.env,
    },
    options.file ?? {},
  );
  options.beforeStart?.(slack);
  const klaxon = createKlaxon({ config, logger: options.logger ?? silentLoggerFor(), clock, timers: options.timers, tuning: { slackChannelIntervalMs: options.slackChannelIntervalMs ?? 0, outboxPollMs: 50, jobs: false, ...options.tuning } });
  const url = await klaxon.listen(0, '127.0.0.1');
  return {
    url,
    klaxon,
    slack,
    workspace,
    clock,
    async close() {
      await klaxon.close(1000);
      await api.close();
    },
  };
}

function silentLoggerFor(): Logger {
  return createLogger({ level: process.env.KLAXON_TEST_LOG === '1' ? 'debug' : 'silent' });
}
