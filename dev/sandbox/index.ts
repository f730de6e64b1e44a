import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/clock.js';
import { systemClock } from '../../src/clock.js';
import type { Config } from '../../src/config/load.js';
import type { HttpRoute } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import { sandboxConfig, sandboxEnv, type SandboxSecrets } from './config.js';
import { SlackEmulator } from './emulator/emulator.js';
import { EphemeralLog } from './emulator/ephemerals.js';
import { ModalStacks } from './emulator/modals.js';
import { ResponseUrls } from './emulator/response-urls.js';
import { Triggers } from './emulator/triggers.js';
import { LiveUpdates } from './http/live.js';
import { SANDBOX_PATH, sandboxRoutes } from './http/routes.js';
import { StaticFiles, publicFolder } from './http/static.js';
import { Customers } from './network/customers.js';
import { PublicFeed } from './network/feed.js';
import { pageState } from './page-state.js';
import { SANDBOX_CHANNELS, SANDBOX_USERS } from './people.js';
import { LocalSlackApi } from './slack-api/server.js';
import { SlackWorkspace } from './slack-api/store.js';
import { slashCommandBody } from './slack-events/payloads.js';
import { SlackEventsClient } from './slack-events/signing.js';
import { WorkspaceSnapshot } from './snapshot.js';

export { reservePort, selfUrlFor } from './port.js';

export interface SandboxOptions {
  /** The configuration Klaxon would run with; the sandbox returns it pointed at itself. */
  config: Config;
  /**
   * The base URL at which the app reaches itself, e.g. `http://127.0.0.1:3000`: the sandbox is
   * served on the app's own server, and Slack's Web API URL must be known before it listens.
   */
  selfUrl: string;
  logger: Logger;
  clock?: Clock;
  /** Keep the channels in this file across restarts; null or absent keeps them in memory. */
  stateFile?: string | null;
}

export interface Sandbox {
  /** The settings a real Slack would need, generated for this run (secrets included: never log them). */
  readonly env: Record<string, string>;
  /** `options.config` with Slack pointed at the sandbox and the workflow's extras filled in. */
  readonly config: Config;
  /** Everything under `/sandbox`, for `createKlaxon({ extraRoutes })`. */
  readonly routes: HttpRoute[];
  /** The page's address. */
  readonly url: string;
  readonly workspace: SlackWorkspace;
  readonly api: LocalSlackApi;
  readonly emulator: SlackEmulator;
  readonly customers: Customers;
  /** Ends open pages' live streams and saves the channels; call before closing the app. */
  close(): void;
}

/**
 * The local sandbox: a Slack workspace served by the app's own HTTP server. The real Slack
 * adapter talks to its Web API (SLACK_API_URL); the page's clicks, modal submissions and
 * `/klaxon` commands become signed requests to the app's real `/slack/events`; mentions go to
 * the real `/ingest`. One code path with production; only Slack itself is local.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const selfUrl = options.selfUrl.replace(/\/$/, '');
  const secrets: SandboxSecrets = {
    botToken: `xoxb-sandbox-${randomBytes(12).toString('hex')}`,
    signingSecret: randomBytes(24).toString('hex'),
    replySecret: randomBytes(24).toString('hex'),
  };
  const config = sandboxConfig(options.config, selfUrl, secrets);
  // Klaxon was invited to the channels it posts to; the billing team's channel it joins on the
  // first hand-off there, as it would in a real workspace.
  const channels = Object.values(SANDBOX_CHANNELS).map((c) => ({
    id: c.id,
    name: c.name,
    botMember: c.id !== SANDBOX_CHANNELS.billing.id,
  }));
  const users = SANDBOX_USERS.map((u) => ({ id: u.id, name: u.name, realName: u.realName }));
  const workspace = new SlackWorkspace({ now: () => clock.now().getTime(), channels, users });
  const api = new LocalSlackApi(workspace, { basePath: SANDBOX_PATH });
  const events = new SlackEventsClient(`${selfUrl}/slack/events`, secrets.signingSecret);
  const triggers = new Triggers();
  const modals = new ModalStacks(workspace, triggers);
  const ephemerals = new EphemeralLog(workspace);
  const responses = new ResponseUrls(() => `${selfUrl}${SANDBOX_PATH}`, workspace, ephemerals);
  const live = new LiveUpdates();
  const feed = new PublicFeed(() => workspace.changed());
  const snapshot = options.stateFile ? new WorkspaceSnapshot(options.stateFile, workspace, feed, logger) : null;
  snapshot?.restore();
  workspace.onChange(() => {
    modals.sync();
    ephemerals.sync();
    live.changed();
    snapshot?.schedule();
  });

  const emulator = new SlackEmulator({
    ws: workspace,
    events,
    modals,
    ephemerals,
    responses,
    triggers,
    logger: logger.child({ component: 'sandbox' }),
  });
  const lead = SANDBOX_USERS.find((u) => u.lead)!;
  const customers = new Customers({
    ingestUrl: () => `${selfUrl}/ingest`,
    ingestSecret: config.env.INGEST_SECRET,
    now: () => clock.now(),
    feed,
    // The form's "VIP" box runs the command a lead would type; its answer is not shown to anyone.
    addVip: async (handle) => {
      const channel = { id: SANDBOX_CHANNELS.triage.id, name: SANDBOX_CHANNELS.triage.name };
      const responseUrl = responses.issue({ user: lead.id, channel: channel.id, threadTs: null, original: null, command: null });
      await events.postForm(
        slashCommandBody({
          user: lead,
          channel,
          command: '/klaxon',
          text: `vip add @${handle}`,
          triggerId: triggers.issue(lead.id),
          responseUrl,
        }),
      );
    },
  });
  const files = new StaticFiles(publicFolder());
  const routes = sandboxRoutes({
    api,
    botToken: secrets.botToken,
    replySecret: secrets.replySecret,
    emulator,
    customers,
    responses,
    feed,
    live,
    files,
    state: (me) =>
      pageState({ ws: workspace, modals, ephemerals, feed, filesPath: `${SANDBOX_PATH}/files`, version: () => live.version }, me),
    now: () => clock.now(),
    logger,
    selfUrl,
  });

  return {
    env: sandboxEnv(selfUrl, secrets),
    config,
    routes,
    url: `${selfUrl}${SANDBOX_PATH}`,
    workspace,
    api,
    emulator,
    customers,
    close() {
      live.close();
      snapshot?.flush();
    },
  };
}
