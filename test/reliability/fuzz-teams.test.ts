import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { deeplyNested, expectClientError, expectUnharmed, footprint, rawRequest, type RawResponse } from './helpers/fuzz.js';

/** Teams credentials as production would have them: authentication is on. */
const TEAMS_ENV = {
  TEAMS_APP_ID: '00000000-0000-4000-8000-00000000a11d',
  TEAMS_APP_PASSWORD: 'teams-fuzz-app-password-0123',
  TEAMS_TENANT_ID: '00000000-0000-4000-8000-0000000007e4',
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens an attacker can make without Microsoft's signing keys. */
/** What a Bot Framework token for our app claims. */
const forgedClaims = { iss: 'https://api.botframework.com', aud: TEAMS_ENV.TEAMS_APP_ID, exp: 4102444800 };
const forgedToken = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 80 }).map((s) => `Bearer ${s}`),
  fc.constant('Bearer'),
  fc.constant('Basic dXNlcjpwYXNz'),
  // An unsigned JWT ("alg": "none") claiming to be from the Bot Framework for our app.
  fc.constant(`Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...forgedClaims, serviceurl: 'http://127.0.0.1:1/' })}.`),
  // Same claims, "signed" with a key of the attacker's choosing.
  fc
    .string({ minLength: 1, maxLength: 20 })
    .map(
      (sig) =>
        `Bearer ` +
        `${base64url({ alg: 'RS256', typ: 'JWT', kid: 'fuzz' })}.${base64url(forgedClaims)}.` +
        `${Buffer.from(sig).toString('base64url')}`,
    ),
);

/**
 * Hostile input at `POST /api/messages` (Microsoft Teams / Bot Framework). Whatever answers the
 * route — today the app's JSON 404, once the Teams adapter is wired its authenticated
 * CloudAdapter — unauthenticated or malformed requests get a 4xx, nothing is stored, and nothing
 * goes out (neither to Slack nor to the `serviceUrl` an activity names).
 */
describe('POST /api/messages under malformed and unauthenticated input', () => {
  let h: Harness;
  let connector: Server;
  let connectorUrl: string;
  const outbound: string[] = [];

  beforeAll(async () => {
    // Stands in for a Bot Framework connector: any reply the bot attempted would arrive here.
    connector = createServer((req, res) => {
      outbound.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    h = await startHarness({ env: TEAMS_ENV });
  });
  afterAll(async () => {
    await h.close();
    await new Promise<void>((resolve) => connector.close(() => resolve()));
  });

  const url = () => `${h.url}/api/messages`;

  async function refused(body: string | Uint8Array, headers: Record<string, string>): Promise<RawResponse> {
    const before = footprint(h);
    const res = await rawRequest(url(), { headers, body });
    expectClientError(res, `body ${JSON.stringify(String(body).slice(0, 120))}`);
    await expectUnharmed(h, before);
    expect(outbound).toEqual([]);
    return res;
  }

  /** A Bot Framework activity with every field the attacker likes. */
  const activity = fc.record(
    {
      type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'event'), fc.string(), fc.integer()),
      id: fc.string({ maxLength: 20 }),
      text: fc.oneof(
        fc.constantFrom('help', 'claim K-1', 'resolve K-1', 'reply K-1 hello', 'queue'),
        fc.string({ unit: 'binary', maxLength: 200 }),
      ),
      from: fc.oneof(fc.record({ id: fc.string(), name: fc.string(), aadObjectId: fc.uuid() }), fc.jsonValue({ maxDepth: 1 })),
      recipient: fc.record({ id: fc.string() }),
      conversation: fc.oneof(
        fc.record({
          id: fc.string(),
          tenantId: fc.constant(TEAMS_ENV.TEAMS_TENANT_ID),
          conversationType: fc.constantFrom('personal', 'channel', 'groupChat'),
        }),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      channelId: fc.constantFrom('msteams', 'emulator', 'webchat'),
      serviceUrl: fc.constant('placeholder'),
      name: fc.constantFrom('adaptiveCard/action', 'task/fetch', 'composeExtension/query'),
      value: fc.jsonValue({ maxDepth: 3 }),
      channelData: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  );

  it('refuses activities without a valid Bot Framework token, and sends nothing anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(activity, forgedToken, async (a, auth) => {
        const body = JSON.stringify({ ...a, ...(a.serviceUrl ? { serviceUrl: connectorUrl } : {}) });
        const res = await refused(body, { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) });
        // Once the adapter answers this route, junk must be told it is unauthenticated or malformed.
        if (res.status !== 404) expect([400, 401, 403, 413, 415]).toContain(res.status);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses arbitrary bytes, arbitrary JSON and deeply nested bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
          fc
            .tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
            .map(([d, k]) => deeplyNested(d, k)),
        ),
        forgedToken,
        async (body, auth) => {
          await refused(body, { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses oversized activities', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 300 * 1024, max: 3 * 1024 * 1024 }), async (size) => {
        await refused(JSON.stringify({ type: 'message', text: 'x'.repeat(size), serviceUrl: connectorUrl }), {
          'content-type': 'application/json',
          authorization: 'Bearer junk',
        });
      }),
      { numRuns: 8 },
    );
  });
});
