import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';

/**
 * Socket Mode: the real SocketModeReceiver asks the (loopback) Web API for a connection URL
 * with `apps.connections.open`, connects to a loopback WebSocket server, and answers envelopes.
 */
describe('Slack over Socket Mode', () => {
  let h: Harness | null = null;
  let wss: WebSocketServer | null = null;
  afterEach(async () => {
    await h?.close();
    await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  });

  it('connects without a public URL and runs a slash command and a button click', async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss!.once('listening', () => resolve()));
    const { port } = wss.address() as AddressInfo;
    const acks: Record<string, unknown>[] = [];
    let socket: WebSocket | null = null;
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => acks.push(JSON.parse(String(data)) as Record<string, unknown>));
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'local', approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0TEST' },
        }),
      );
    });

    const clock = new ManualClock(Date.now());
    // The harness sets the Web API URL; Socket Mode needs the xapp token and the ws URL.
    h = await startHarness({ clock, env: { SLACK_APP_TOKEN: 'xapp-1-test-app-token' }, socketModeUrl: `ws://127.0.0.1:${port}/link` });
    await vi.waitFor(() => expect(socket).not.toBeNull());
    // No HTTP route for Slack in Socket Mode.
    expect((await fetch(`${h.url}/slack/events`, { method: 'POST' })).status).toBe(404);

    await postIngest(
      h.url,
      mention({ id: 's1', createdAt: new Date(clock.now().getTime() - 1000).toISOString() }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await h.klaxon.worker.idle();
    const card = h.workspace.topLevel('CTRIAGE')[0]!;

    socket!.send(
      JSON.stringify({
        envelope_id: 'env-cmd',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/klaxon',
          text: 'queue',
          user_id: 'UALICE',
          user_name: 'alice',
          channel_id: 'CTRIAGE',
          team_id: 'T0TEST',
          trigger_id: 't.1',
          response_url: 'http://127.0.0.1:9/r',
          api_app_id: 'A0TEST',
        },
      }),
    );
    await vi.waitFor(() => expect(acks.find((a) => a.envelope_id === 'env-cmd')).toBeDefined());
    expect(JSON.stringify(acks.find((a) => a.envelope_id === 'env-cmd'))).toContain('K-1');

    socket!.send(
      JSON.stringify({
        envelope_id: 'env-click',
        type: 'interactive',
        accepts_response_payload: false,
        payload: {
          type: 'block_actions',
          user: { id: 'UALICE', username: 'alice', name: 'alice', team_id: 'T0TEST' },
          api_app_id: 'A0TEST',
          team: { id: 'T0TEST' },
          channel: { id: 'CTRIAGE' },
          container: { type: 'message', channel_id: 'CTRIAGE', message_ts: card.ts },
          message: { ts: card.ts, text: '' },
          trigger_id: 't.2',
          response_url: 'http://127.0.0.1:9/r',
          actions: [{ action_id: 'klaxon_claim', block_id: 'b', type: 'button', value: '1', action_ts: '1.2' }],
        },
      }),
    );
    await vi.waitFor(() => expect(JSON.stringify(h!.workspace.find('CTRIAGE', card.ts)!.blocks)).toContain('<@UALICE>'));
    expect(h.workspace.callsTo('apps.connections.open')).toHaveLength(1);
  });
});
