import { createKlaxon, type Klaxon, type KlaxonOptions } from '../../app/compose.js';
import { ManualClock, type Clock } from '../../src/clock.js';
import { LocalSlackApi } from '../../dev/sandbox/slack-api/server.js';
import { SlackWorkspace, type ChannelSpec } from '../../dev/sandbox/slack-api/store.js';
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
  /** More channels in the workspace (the configured ones exist, with the bot invited, already). */
  channels?: ChannelSpec[];
}

/**
 * The channels a set-up following the README has: triage, escalation, digest and every routed
 * channel, each with the bot invited. Anything else a test needs it declares itself.
 */
export function configuredChannels(env: Record<string, string | undefined>, file: Record<string, unknown> = {}): ChannelSpec[] {
  const routed = Array.isArray(file.routing) ? (file.routing as { slack?: string }[]).map((r) => r.slack) : [];
  const channels = file.channels as { triage?: string; escalation?: string; digest?: string } | undefined;
  const ids = [
    env.TRIAGE_CHANNEL,
    env.ESCALATION_CHANNEL,
    env.DIGEST_CHANNEL,
    channels?.triage,
    channels?.escalation,
    channels?.digest,
    ...routed,
  ];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))].map((id) => ({ id, name: id.toLowerCase() }));
}

/**
 * The real app (real Bolt, real web-api client, real SQLite with the real migrations) on a
 * loopback port, talking to a loopback Slack Web API that records every call.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? new ManualClock(Date.now());
  const channelEnv = { TRIAGE_CHANNEL: 'CTRIAGE', ESCALATION_CHANNEL: 'CESCALATE', DIGEST_CHANNEL: 'CDIGEST', ...options.env };
  const channels = [...configuredChannels(channelEnv, options.file), ...(options.channels ?? [])];
  const workspace = new SlackWorkspace({ now: () => clock.now().getTime(), channels });
  workspace.socketModeUrl = options.socketModeUrl ?? null;
  const slack = new LocalSlackApi(workspace, { rateLimit: options.slackRateLimit, captureRequests: options.captureSlackRequests });
  const api = await slack.listen();
  const config = makeConfig({ ...TEST_SECRETS, SLACK_API_URL: api.url, ...channelEnv }, options.file ?? {});
  options.beforeStart?.(slack);
  const klaxon = createKlaxon({
    config,
    logger: options.logger ?? silentLoggerFor(),
    clock,
    timers: options.timers,
    tuning: { slackChannelIntervalMs: options.slackChannelIntervalMs ?? 0, outboxPollMs: 50, jobs: false, ...options.tuning },
  });
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
