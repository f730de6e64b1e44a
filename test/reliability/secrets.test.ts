import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { LocalSlackApi } from '../../dev/sandbox/slack-api/server.js';
import { SlackWorkspace } from '../../dev/sandbox/slack-api/store.js';
import { signedHeaders } from '../../adapters/webhook/signature.js';
import { SECRET_ENV_KEYS } from '../../app/config.js';
import { createLogger } from '../../src/log.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention } from '../helpers/ingest.js';
import { blockActionsBody, slackHeaders, slashCommandBody } from '../helpers/slack.js';
import { FakeX } from '../twitter/fake-x.js';
import { buildEntry, runEntry, startEntry, type Build } from './helpers/entry.js';
import { leakedIn, SECRET_VALUES, slackRequestLeaks } from './helpers/secrets.js';
import { startSourceFakes } from './helpers/source-fakes.js';

const S = SECRET_VALUES;
const TEAMS_IDS = { TEAMS_APP_ID: '00000000-0000-4000-8000-00000000a11d', TEAMS_TENANT_ID: '00000000-0000-4000-8000-0000000007e4' };
/**
 * The non-secret settings the Meta and Google sources need beside their secrets; nothing listens
 * on port 1 here, so their calls fail and are logged — redacted — like the e-mail source's.
 */
const SOURCE_SETTINGS = {
  META_GRAPH_URL: 'http://127.0.0.1:1',
  GOOGLE_BUSINESS_CLIENT_ID: '123-test.apps.googleusercontent.com',
  GOOGLE_BUSINESS_LOCATIONS: 'accounts/1/locations/2',
  GOOGLE_BUSINESS_API_URL: 'http://127.0.0.1:1',
  GOOGLE_OAUTH_TOKEN_URL: 'http://127.0.0.1:1/token',
};
const X_CONFIG = { twitter: { account: 'acmecare' }, brands: [{ name: 'Acme', handles: ['acmecare'] }] };

/** A fake X with the brand account, a customer and one mention waiting to be polled. */
async function startFakeX(): Promise<{ fake: FakeX; url: string }> {
  const fake = new FakeX();
  const url = await fake.listen();
  fake.me = fake.addUser({ id: '900', username: 'AcmeCare', name: 'Acme Care', followers: 250_000, verified: true });
  const jane = fake.addUser({ id: '42', username: 'jane', name: 'Jane Doe', followers: 48_000, verified: true });
  fake.tweet(jane, '@AcmeCare my router has been dead for a week and nobody answers');
  return { fake, url };
}

/** Every answer the app gave us, kept to be scanned too (an error body must not echo a secret). */
const answers: string[] = [];
async function call(url: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(8_000) });
  answers.push(await res.text());
  return res.status;
}

/**
 * No secret ever reaches a log line, an HTTP answer, or a request to Slack other than as that
 * request's own credentials: the app runs with a known value for every secret setting and is
 * driven through every path (good and bad input, clicks, commands, Slack failures, X polling).
 */
describe('secrets are never logged or sent where they do not belong', () => {
  const lines: string[] = [];
  // The most verbose level (trace: whole payloads) must not leak a secret either.
  const logger = createLogger({ level: 'trace', write: (line) => lines.push(line), secrets: SECRET_ENV_KEYS.map((k) => S[k]) });
  /** What libraries print to the console themselves, past our logger and its redactor. */
  const consoleOut: string[] = [];
  let h: Harness;
  let x: { fake: FakeX; url: string };
  let sources: Awaited<ReturnType<typeof startSourceFakes>>;

  beforeAll(async () => {
    for (const method of ['error', 'warn', 'info', 'log', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleOut.push(
          args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
        );
      });
    }
    x = await startFakeX();
    // Fails the first poll, so X's error path logs too.
    x.fake.inject('GET', /users\/\d+\/mentions/, {
      status: 401,
      body: { title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank', status: 401 },
    });
    sources = await startSourceFakes();
    const { SLACK_APP_TOKEN: _socketMode, ...httpSecrets } = S;
    h = await startHarness({
      logger,
      captureSlackRequests: true,
      env: { ...httpSecrets, ...TEAMS_IDS, ...SOURCE_SETTINGS, TWITTER_API_URL: x.url, ...sources.env },
      file: X_CONFIG,
    });
  });
  afterAll(async () => {
    await h?.close();
    await x?.fake.close();
    await sources?.close();
    vi.restoreAllMocks();
  });

  it('over HTTP: ingest, clicks, commands, Slack and X failures, metrics', async () => {
    const ingestUrl = `${h.url}/ingest`;
    const signed = (body: string, secret: string = S.INGEST_SECRET, at = h.clock.now()) => ({
      'content-type': 'application/json',
      ...signedHeaders(secret, body, at),
    });
    const m1 = JSON.stringify(mention({ id: 'sec-1', createdAt: h.clock.now().toISOString() }));
    expect(await call(ingestUrl, { method: 'POST', headers: signed(m1), body: m1 })).toBe(202);
    await h.klaxon.worker.idle();
    const card = h.workspace.topLevel('CTRIAGE')[0]!;

    // Refused ingest of every kind.
    expect(await call(ingestUrl, { method: 'POST', headers: signed(m1, 'not-the-secret'), body: m1 })).toBe(401);
    expect(
      await call(ingestUrl, {
        method: 'POST',
        headers: signed(m1, S.INGEST_SECRET, new Date(h.clock.now().getTime() - 3_600_000)),
        body: m1,
      }),
    ).toBe(401);
    expect(await call(ingestUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: m1 })).toBe(401);
    expect(await call(ingestUrl, { method: 'POST', headers: signed('{oops'), body: '{oops' })).toBe(400);
    expect(await call(ingestUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: m1 })).toBe(415);
    const huge = JSON.stringify({ id: 'x', text: 'y'.repeat(1_100_000) });
    expect(await call(ingestUrl, { method: 'POST', headers: signed(huge), body: huge })).toBe(413);
    const m2 = JSON.stringify(mention({ id: 'sec-2', text: 'Refund please, order 5512', createdAt: h.clock.now().toISOString() }));

    // Slack: a click, commands, a forged click, and the Web API failing in several ways.
    const slackUrl = `${h.url}/slack/events`;
    const click = blockActionsBody({
      actionId: 'klaxon_claim',
      value: '1',
      user: { id: 'UALICE', name: 'alice' },
      channel: 'CTRIAGE',
      messageTs: card.ts,
    });
    expect(await call(slackUrl, { method: 'POST', headers: slackHeaders(S.SLACK_SIGNING_SECRET, click), body: click })).toBe(200);
    expect(await call(slackUrl, { method: 'POST', headers: slackHeaders('forged-secret', click), body: click })).toBe(401);
    for (const text of ['help', 'queue', 'claim K-1', 'resolve K-999', 'sla']) {
      const cmd = slashCommandBody({ text, user: { id: 'UALICE', name: 'alice' }, channel: 'CTRIAGE' });
      expect(await call(slackUrl, { method: 'POST', headers: slackHeaders(S.SLACK_SIGNING_SECRET, cmd), body: cmd })).toBe(200);
    }
    h.slack.failNext('chat.postMessage', { error: 'invalid_auth' }, { status: 500 });
    h.slack.failNext('chat.update', { status: 503 }, { error: 'not_authed' });
    h.slack.failNext('chat.postEphemeral', { error: 'token_revoked' });
    expect(await call(ingestUrl, { method: 'POST', headers: signed(m2), body: m2 })).toBe(202);
    await h.klaxon.worker.idle();
    const reclaim = blockActionsBody({
      actionId: 'klaxon_claim',
      value: '2',
      user: { id: 'UBOB', name: 'bob' },
      channel: 'CTRIAGE',
      messageTs: card.ts,
    });
    await call(slackUrl, { method: 'POST', headers: slackHeaders(S.SLACK_SIGNING_SECRET, reclaim), body: reclaim });
    await vi.waitFor(() => expect(h.workspace.calls.some((c) => c.method.endsWith('#failed'))).toBe(true));

    // Teams junk, X having polled (and failed once), the read-only endpoints.
    await call(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer junk' },
      body: '{"type":"message","text":"hi"}',
    });
    await vi.waitFor(() => expect(x.fake.requestsTo('GET', /mentions/).length).toBeGreaterThan(0));
    // Meta's webhook: the handshake (good and bad token) and a delivery signed with another secret.
    expect(
      await call(`${h.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(S.META_VERIFY_TOKEN)}&hub.challenge=42`),
    ).toBe(200);
    expect(await call(`${h.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=wrong-token-123&hub.challenge=42`)).toBe(403);
    expect(
      await call(`${h.url}/webhooks/meta`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'ab'.repeat(32)}` },
        body: '{"object":"page","entry":[]}',
      }),
    ).toBe(401);
    // Bluesky and Mastodon logged in, failed a read, and went on.
    await vi.waitFor(() => expect(sources.used()).toBe(true));
    for (const path of ['/metrics', '/healthz', '/no-such-path']) await call(`${h.url}${path}`);
    await h.klaxon.worker.idle();

    expect(lines.length).toBeGreaterThan(20);
    expect.soft(lines.filter((l) => leakedIn(l).length > 0)).toEqual([]);
    expect.soft(consoleOut.filter((l) => leakedIn(l).length > 0)).toEqual([]);
    expect.soft(answers.filter((a) => leakedIn(a).length > 0)).toEqual([]);
    // auth.test, the card, its update, the failed calls: enough real traffic to scan.
    expect(h.slack.requests.length).toBeGreaterThanOrEqual(5);
    expect.soft(slackRequestLeaks(h.slack.requests)).toEqual([]);
    expect.soft(sources.requestLeaks()).toEqual([]);
    // The token did travel, as the Authorization header: the check above looked at real calls.
    expect.soft(h.slack.requests.every((r) => r.headers.authorization === `Bearer ${S.SLACK_BOT_TOKEN}`)).toBe(true);
    // Nothing even tried to log a secret and relied on the redactor.
    expect.soft(lines.filter((l) => l.includes('[redacted]'))).toEqual([]);
  });
});

describe('secrets in Socket Mode', () => {
  it('the app token goes only to apps.connections.open, as its Authorization header', async () => {
    const lines: string[] = [];
    // The most verbose level (trace: whole payloads) must not leak a secret either.
    const logger = createLogger({ level: 'trace', write: (line) => lines.push(line), secrets: SECRET_ENV_KEYS.map((k) => S[k]) });
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const acks: string[] = [];
    let socket: WebSocket | null = null;
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => acks.push(String(data)));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TEST' } }));
    });
    const { port } = wss.address() as AddressInfo;
    const h = await startHarness({
      logger,
      captureSlackRequests: true,
      env: {
        ...S,
        ...SOURCE_SETTINGS,
        TWITTER_BEARER_TOKEN: '',
        TWITTER_APP_KEY: '',
        TWITTER_APP_SECRET: '',
        TWITTER_ACCESS_TOKEN: '',
        TWITTER_ACCESS_SECRET: '',
        TEAMS_APP_PASSWORD: '',
        BLUESKY_APP_PASSWORD: '',
        MASTODON_TOKEN: '',
      },
      socketModeUrl: `ws://127.0.0.1:${port}/link`,
    });
    try {
      await vi.waitFor(() => expect(socket).not.toBeNull());
      socket!.send(
        JSON.stringify({
          envelope_id: 'env-1',
          type: 'slash_commands',
          accepts_response_payload: true,
          payload: {
            command: '/klaxon',
            text: 'help',
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
      await vi.waitFor(() => expect(acks.some((a) => a.includes('env-1'))).toBe(true));
    } finally {
      await h.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
    expect(
      h.slack.requests.some((r) => r.method === 'apps.connections.open' && r.headers.authorization === `Bearer ${S.SLACK_APP_TOKEN}`),
    ).toBe(true);
    expect.soft(slackRequestLeaks(h.slack.requests)).toEqual([]);
    expect.soft(lines.filter((l) => leakedIn(l).length > 0)).toEqual([]);
    expect.soft(acks.filter((a) => leakedIn(a).length > 0)).toEqual([]);
  });
});

describe('secrets and the real entry point', () => {
  let build: Build;
  let dir: string;
  beforeAll(() => {
    build = buildEntry();
    dir = mkdtempSync(join(tmpdir(), 'klaxon-secrets-'));
  });
  afterAll(() => {
    build?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a refused start-up names the bad settings without printing any secret', () => {
    // Secrets that are themselves malformed are the likeliest to be echoed back in an error.
    const run = runEntry(
      build,
      ['start'],
      {
        ...S,
        SLACK_BOT_TOKEN: `xoxz-${S.SLACK_BOT_TOKEN}`,
        SLACK_APP_TOKEN: `xoxb-${S.SLACK_APP_TOKEN}`,
        PORT: 'abc',
        DATABASE_URL: ':memory:',
        LOG_LEVEL: 'debug',
      },
      dir,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN/);
    expect(run.stderr).toMatch(/SLACK_APP_TOKEN/);
    const bad = { ...S, BAD_BOT: `xoxz-${S.SLACK_BOT_TOKEN}`, BAD_APP: `xoxb-${S.SLACK_APP_TOKEN}` };
    expect(leakedIn(`${run.stdout}\n${run.stderr}`, bad)).toEqual([]);
  });

  it('a running server with debug logging prints no secret, even when Slack rejects its token', async () => {
    const slack = new LocalSlackApi(new SlackWorkspace({ channels: [{ id: 'CTRIAGE', name: 'triage' }] }), { captureRequests: true });
    const api = await slack.listen();
    // Start-up token check fails, the first card post fails: both are logged with their errors.
    slack.failNext('auth.test', { error: 'invalid_auth' });
    slack.failNext('chat.postMessage', { error: 'invalid_auth' });
    const x = await startFakeX();
    const sources = await startSourceFakes();
    const configPath = join(dir, 'klaxon.config.json');
    writeFileSync(configPath, JSON.stringify(X_CONFIG));
    const { SLACK_APP_TOKEN: _socketMode, ...httpSecrets } = S;
    const env = {
      ...httpSecrets,
      ...TEAMS_IDS,
      ...SOURCE_SETTINGS,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: join(dir, 'klaxon.db'),
      KLAXON_CONFIG: configPath,
      LOG_LEVEL: 'debug',
      SLACK_API_URL: api.url,
      TWITTER_API_URL: x.url,
      TRIAGE_CHANNEL: 'CTRIAGE',
      ...sources.env,
    };
    const server = await startEntry(build, env, dir);
    try {
      const m = JSON.stringify(mention({ id: 'child-1', createdAt: new Date().toISOString() }));
      expect(
        await call(`${server.url}/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signedHeaders(S.INGEST_SECRET, m, new Date()) },
          body: m,
        }),
      ).toBe(202);
      expect(
        await call(`${server.url}/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signedHeaders('wrong', m, new Date()) },
          body: m,
        }),
      ).toBe(401);
      const click = blockActionsBody({
        actionId: 'klaxon_claim',
        value: '1',
        user: { id: 'UEVE', name: 'eve' },
        channel: 'CTRIAGE',
        messageTs: '1.000001',
      });
      expect(await call(`${server.url}/slack/events`, { method: 'POST', headers: slackHeaders('forged', click), body: click })).toBe(401);
      await call(`${server.url}/metrics`);
      await vi.waitFor(() => expect(slack.workspace.calls.some((c) => c.method === 'chat.postMessage#failed')).toBe(true), {
        timeout: 10_000,
      });
      await vi.waitFor(() => expect(x.fake.requestsTo('GET', /mentions/).length).toBeGreaterThan(0), { timeout: 10_000 });
      await vi.waitFor(() => expect(sources.used()).toBe(true), { timeout: 10_000 });
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      await api.close();
      await x.fake.close();
      await sources.close();
    }
    expect.soft(sources.requestLeaks()).toEqual([]);
    expect(server.output()).toContain('stopped cleanly');
    expect(server.output()).toContain('invalid_auth');
    expect.soft(leakedIn(server.output())).toEqual([]);
    expect.soft(answers.filter((a) => leakedIn(a).length > 0)).toEqual([]);
    expect.soft(slackRequestLeaks(slack.requests)).toEqual([]);
  });
});
