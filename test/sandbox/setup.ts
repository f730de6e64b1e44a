import { expect, vi } from 'vitest';
import { createSandbox, reservePort, selfUrlFor, type Sandbox } from '../../dev/sandbox/index.js';
import type { PageMessage, PageState } from '../../dev/sandbox/page-state.js';
import { createKlaxon, type Klaxon } from '../../app/compose.js';
import { ManualClock, type Clock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { makeConfig } from '../helpers/config.js';

export interface SandboxApp {
  /** The app's base URL (the sandbox page is `${url}/sandbox`). */
  url: string;
  sandbox: Sandbox;
  klaxon: Klaxon;
  clock: Clock;
  /** The page's state for a sandbox user, as the browser fetches it. */
  state(user?: string): Promise<PageState>;
  /** A page action (`/sandbox/ui/<action>`), as the browser sends it. */
  act(action: string, body: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/**
 * What `npm start` runs with nothing configured, on a loopback port: the real app with Slack
 * pointed at the sandbox on the same server. A manual clock keeps the SLA times fixed; the
 * periodic jobs are off so nothing but the test's own actions changes the channels.
 */
export async function startSandboxApp(
  options: { env?: Record<string, string>; file?: Record<string, unknown>; clock?: Clock } = {},
): Promise<SandboxApp> {
  const clock = options.clock ?? new ManualClock(Date.now());
  const host = '127.0.0.1';
  const port = await reservePort(host);
  const logger = createLogger({ level: process.env.KLAXON_TEST_LOG === '1' ? 'debug' : 'silent' });
  const sandbox = createSandbox({
    config: makeConfig(options.env ?? {}, options.file ?? {}),
    selfUrl: selfUrlFor(host, port),
    logger,
    clock,
  });
  const klaxon = createKlaxon({
    config: sandbox.config,
    logger,
    clock,
    extraRoutes: sandbox.routes,
    tuning: { slackChannelIntervalMs: 0, outboxPollMs: 50, jobs: false },
  });
  const url = await klaxon.listen(port, host);
  return {
    url,
    sandbox,
    klaxon,
    clock,
    async state(user = 'UAGENTALEX') {
      const res = await fetch(`${url}/sandbox/state?user=${user}`);
      return (await res.json()) as PageState;
    },
    async act(action, body, headers = {}) {
      const res = await fetch(`${url}/sandbox/ui/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ user: 'UAGENTALEX', ...body }),
      });
      const text = await res.text();
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        // keep the text
      }
      return { status: res.status, json };
    },
    async close() {
      sandbox.close();
      await klaxon.close(1000);
    },
  };
}

/** Top-level messages of a channel, oldest first. */
export function channelMessages(state: PageState, channel: string): PageMessage[] {
  return state.messages.filter((m) => m.channel === channel && m.threadTs === null && !m.ephemeral);
}

/** Waits until a card whose blocks contain `text` is in `channel`, and returns it. */
export async function cardIn(app: SandboxApp, channel: string, text: string): Promise<PageMessage> {
  let card: PageMessage | undefined;
  await vi.waitFor(
    async () => {
      card = channelMessages(await app.state(), channel).find((m) => JSON.stringify(m.blocks).includes(text));
      expect(card).toBeDefined();
    },
    { timeout: 5000, interval: 20 },
  );
  return card!;
}

/** Where a button sits in a message's blocks, as the page reports a click on it. */
export function buttonPath(message: { blocks: unknown[] | null }, actionId: string): { block: number; element: number } {
  const blocks = (message.blocks ?? []) as { elements?: { action_id?: string }[] }[];
  for (const [block, b] of blocks.entries()) {
    const element = (b.elements ?? []).findIndex((e) => e.action_id === actionId);
    if (element >= 0) return { block, element };
  }
  throw new Error(`no ${actionId} button in ${JSON.stringify(message.blocks)}`);
}
