import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/index.js';
import { cases, kvState } from '../../db/schema/index.js';
import { createLogger } from '../../src/log.js';
import { makeConfig } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { alice, botAddedToTeam, mentionCommand, TEAM, TENANT, TRIAGE } from './activities.js';
import { FakeBotFramework, signJwt } from './fake-bot-framework.js';
import { FakeConnector } from './fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

/**
 * Bot Framework authentication, on, against a loopback Bot Framework that signs activities and
 * issues the bot's tokens the way Microsoft's services do: every kind of bad token is refused
 * with 401 before the bot runs, and every call the bot makes carries the token it was issued.
 */
describe('Teams with Bot Framework authentication on', () => {
  let h: TeamsHarness;
  let quiet: ReturnType<typeof vi.spyOn>;
  beforeEach(async () => {
    // botbuilder prints every refused token on console.error; the assertions below say what matters.
    quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    h = await startTeamsHarness({ agents: [alice.aadObjectId] });
  });
  afterEach(async () => {
    await h.close();
    quiet.mockRestore();
  });

  it('accepts an activity signed by the Bot Framework, and every call to the connector carries the token the bot was issued', async () => {
    expect((await h.send(botAddedToTeam(h.connector.url))).status).toBe(200);
    await h.ingest({ text: 'Charged twice, nobody answers' });
    const claim = mentionCommand(h.connector.url, 'claim K-1', alice);
    expect((await h.send(claim)).status).toBe(200);

    const calls = h.connector.calls;
    expect(calls.length).toBeGreaterThanOrEqual(3); // channel list, card post, command answer
    expect(calls.every((c) => c.token !== null && h.botFramework.issuedTokens.has(c.token))).toBe(true);
    expect(h.connector.refused()).toEqual([]);
    // One token for all of them: asked once, for the connector's audience, as this app, in its tenant.
    expect(h.botFramework.tokenRequests).toEqual([
      { tenant: TENANT, clientId: h.botFramework.appId, scope: `${h.botFramework.oauthScope}/.default`, status: 200 },
    ]);
    expect(h.connector.topLevel(TRIAGE)).toHaveLength(1);
  });

  const refusals: [string, (activity: { serviceUrl?: string }) => string | null][] = [
    ['no token at all', () => null],
    ['a token that is not a JWT', () => 'Bearer not-a-token'],
    ['a Basic credential', () => 'Basic dXNlcjpwYXNz'],
    ['a token signed with a key the Bot Framework never published', (a) => h.botFramework.authorization(a, { forged: true })],
    ['a token naming a key id that does not exist', (a) => h.botFramework.authorization(a, { kid: 'no-such-key' })],
    [
      'an expired token',
      (a) =>
        h.botFramework.authorization(a, {
          claims: { exp: Math.floor(Date.now() / 1000) - 600, nbf: Math.floor(Date.now() / 1000) - 4200 },
        }),
    ],
    [
      'a token for another bot (wrong audience)',
      (a) => h.botFramework.authorization(a, { claims: { aud: '00000000-0000-4000-8000-0000000000ff' } }),
    ],
    ['a token from another issuer', (a) => h.botFramework.authorization(a, { claims: { iss: 'https://login.evil.example' } })],
    ['a token for another service URL', (a) => h.botFramework.authorization(a, { claims: { serviceurl: 'https://smba.evil.example/' } })],
    [
      'an unsigned token ("alg": "none")',
      (a) => {
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const claims = { iss: h.botFramework.issuer, aud: h.botFramework.appId, serviceurl: a.serviceUrl, exp: 4102444800 };
        return `Bearer ${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      },
    ],
  ];

  it.each(refusals)('refuses %s with 401, before the bot runs: nothing stored, nothing sent', async (_what, token) => {
    const install = botAddedToTeam(h.connector.url);
    const res = await h.send(install, { authorization: token(install) });
    expect(res.status).toBe(401);
    // The answer names no SDK internals.
    expect(JSON.stringify(res.body)).not.toMatch(/AppId|Issuer|serviceUrl|endorsement|kid|signature/i);
    expect(
      h.db.db
        .select()
        .from(kvState)
        .all()
        .filter((r) => r.key.startsWith('teams:')),
    ).toEqual([]);
    expect(h.connector.calls).toEqual([]);
    expect(h.db.db.select().from(cases).all()).toEqual([]);
  });

  it('refuses a command carried by a forged token even once the bot is installed', async () => {
    await h.send(botAddedToTeam(h.connector.url));
    await h.ingest();
    const before = h.connector.calls.length;
    const claim = mentionCommand(h.connector.url, 'claim K-1', alice);
    expect((await h.send(claim, { authorization: h.botFramework.authorization(claim, { forged: true }) })).status).toBe(401);
    expect(h.db.db.select().from(cases).get()!.ownerId).toBeNull();
    expect(h.connector.calls.length).toBe(before);
  });

  it('the connector refuses a call without the bot token, and one with a token the Bot Framework did not issue', async () => {
    const url = `${h.connector.url}v3/conversations/${encodeURIComponent(TRIAGE)}/activities`;
    const post = (authorization?: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
    expect((await post()).status).toBe(401);
    const selfMade = signJwt(
      { kid: 'x' },
      { aud: h.botFramework.oauthScope, appid: h.botFramework.appId, exp: Math.floor(Date.now() / 1000) + 600 },
      (await import('node:crypto')).generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey,
    );
    expect((await post(`Bearer ${selfMade}`)).status).toBe(401);
    expect(h.connector.activities).toEqual([]);
  });
});

describe('Teams authentication misconfigured', () => {
  let bf: FakeBotFramework;
  let connector: FakeConnector;
  beforeAll(async () => {
    bf = new FakeBotFramework({ tenant: TENANT });
    await bf.listen();
    connector = new FakeConnector({ auth: bf });
    await connector.listen();
  });
  afterAll(async () => {
    await connector.close();
    await bf.close();
  });

  it('with a wrong app password the bot gets no token, sends nothing, and the outbox is told it may retry', async () => {
    const { openDatabase } = await import('../../db/client.js');
    const { ManualClock } = await import('../../src/clock.js');
    const db = openDatabase(':memory:');
    const logger = createLogger({ level: 'silent' });
    const teams = createTeamsAdapter({
      ...bf.credentials(),
      appPassword: 'an-old-rotated-secret',
      db: db.db,
      clock: new ManualClock(Date.now()),
      logger,
      listeners: { cases: null as never, vips: null as never, savedReplies: [], signReplies: false, requestDigest: null },
    });
    teams.conversations.save({
      conversationId: TRIAGE,
      kind: 'channel',
      name: `${TEAM.name}/Triage`,
      teamId: TEAM.id,
      teamName: TEAM.name,
      teamAadGroupId: null,
      channelName: 'Triage',
      tenantId: TENANT,
      userId: null,
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: TRIAGE, isGroup: true, conversationType: 'channel', tenantId: TENANT, name: 'Triage' },
        bot: { id: '28:klaxon-bot', name: 'Klaxon' },
      },
    });
    await expect(teams.platform.postNotice(TRIAGE, { kind: 'text', text: 'hello' })).rejects.toMatchObject({ name: 'RetryableError' });
    expect(bf.tokenRequests.at(-1)).toMatchObject({ status: 401, clientId: bf.appId });
    expect(connector.calls).toEqual([]);
    db.close();
  });

  it('an adapter without an app id refuses to start: authentication cannot be switched off', () => {
    const common = { db: null as never, clock: null as never, logger: createLogger({ level: 'silent' }), listeners: null as never };
    expect(() => createTeamsAdapter({ ...common, appId: '', appPassword: 'x' })).toThrow(/TEAMS_APP_ID/);
  });

  it('the TEAMS_AUTH_* settings go together, with TEAMS_APP_ID, over https unless on loopback', () => {
    const env = bf.env();
    expect(() => makeConfig({ ...env, TEAMS_AUTH_TOKEN_ISSUER: undefined })).toThrow(
      /TEAMS_AUTH_TOKEN_ISSUER is required when TEAMS_AUTH_OPENID_METADATA_URL is set/,
    );
    expect(() => makeConfig({ ...env, TEAMS_APP_ID: undefined, TEAMS_APP_PASSWORD: undefined })).toThrow(/Teams is not/);
    expect(() => makeConfig({ ...env, TEAMS_AUTH_LOGIN_URL: 'http://login.example.com/tenant' })).toThrow(
      /TEAMS_AUTH_LOGIN_URL must be an https URL/,
    );
    expect(makeConfig(env).env.TEAMS_AUTH_OAUTH_SCOPE).toBe(bf.oauthScope);
  });
});

describe('the whole app, configured for Teams from the environment', () => {
  let bf: FakeBotFramework;
  let connector: FakeConnector;
  let app: Harness;
  beforeAll(async () => {
    bf = new FakeBotFramework({ tenant: TENANT });
    await bf.listen();
    connector = new FakeConnector({ auth: bf });
    await connector.listen();
    app = await startHarness({ env: bf.env(), file: { teams: { triage: `${TEAM.name}/General` } } });
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
    await bf.close();
  });

  it('checks tokens on /api/messages and answers with its own token', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const install = botAddedToTeam(connector.url);
      const post = (authorization: string | null) =>
        fetch(`${app.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(install),
        });
      expect((await post(null)).status).toBe(401);
      expect((await post(bf.authorization(install, { claims: { aud: 'someone-else' } }))).status).toBe(401);
      expect((await post(bf.authorization(install))).status).toBe(200);
      expect(connector.calls.length).toBeGreaterThan(0);
      expect(connector.calls.every((c) => c.token !== null && bf.issuedTokens.has(c.token))).toBe(true);
    } finally {
      quiet.mockRestore();
    }
  });
});
