import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import { createKlaxon } from '../../app/compose.js';
import { unconfiguredPlatforms } from '../../app/settings.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { ManualClock } from '../../src/clock.js';
import { ConfigError } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { makeConfig } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { FakeGoogle } from '../google-reviews/fake-gbp.js';
import { CLIENT_ID, CLIENT_SECRET, LOCATION, REFRESH_TOKEN } from '../google-reviews/world.js';
import { metaSignature } from '../../adapters/meta/signature.js';
import { FakeGraph } from './fake-graph/server.js';
import { fbComment, fbMessage, metaJson } from './payloads.js';
import { APP_SECRET, PAGE_TOKEN, VERIFY_TOKEN } from './world.js';

const agent = { id: 'slack:U0AGENT01', name: 'Ann Agent', platform: 'slack' };
const waitFor = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 10_000, interval: 10 });

/**
 * The real app (Bolt, the local Slack Web API, SQLite with the migrations) with Facebook,
 * Instagram and Google reviews wired in as app/compose.ts wires them: signed deliveries to the app's
 * own /webhooks/meta, the Graph and Google fakes on loopback, cards in Slack.
 */
describe('Facebook, Instagram and Google reviews in the app', () => {
  let h: Harness;
  let graph: FakeGraph;
  let google: FakeGoogle;
  const logs: string[] = [];
  const clock = new ManualClock('2026-11-23T10:00:00Z');

  beforeEach(async () => {
    clock.set(new Date('2026-11-23T10:00:00Z'));
    logs.length = 0;
    graph = new FakeGraph({ token: PAGE_TOKEN, appSecret: APP_SECRET, now: () => clock.now() });
    google = new FakeGoogle({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      refreshToken: REFRESH_TOKEN,
      now: () => clock.now(),
      locations: [LOCATION],
    });
    const [graphUrl, googleUrl] = await Promise.all([graph.listen(), google.listen()]);
    h = await startHarness({
      clock,
      logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
      env: {
        META_APP_SECRET: APP_SECRET,
        META_VERIFY_TOKEN: VERIFY_TOKEN,
        META_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
        META_GRAPH_URL: graphUrl,
        GOOGLE_BUSINESS_CLIENT_ID: CLIENT_ID,
        GOOGLE_BUSINESS_CLIENT_SECRET: CLIENT_SECRET,
        GOOGLE_BUSINESS_REFRESH_TOKEN: REFRESH_TOKEN,
        GOOGLE_BUSINESS_LOCATIONS: LOCATION,
        GOOGLE_BUSINESS_API_URL: googleUrl,
        GOOGLE_OAUTH_TOKEN_URL: `${googleUrl}/token`,
      },
      file: { sources: { facebook: { graphApiVersion: 'v24.0' } } },
    });
  });
  afterEach(async () => {
    await h.close();
    await graph.close();
    await google.close();
  });

  const cardText = () => JSON.stringify(h.workspace.topLevel('CTRIAGE').map((m) => m.blocks));
  const deliver = (payload: Record<string, unknown>) => {
    const body = metaJson(payload);
    return fetch(`${h.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(APP_SECRET, body) },
      body,
    });
  };

  it('a Messenger message becomes a private card that says when the 24-hour window closes; the reply goes through Messenger', async () => {
    const handshake = await fetch(`${h.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=987654`);
    expect(await handshake.text()).toBe('987654');
    const jane = graph.store.fbUser('Jane Doe');
    const dm = fbMessage(graph.store, {
      from: jane,
      text: 'Mein Paket ist seit zwei Wochen verschwunden 😡',
      at: new Date(clock.now().getTime() - 21 * 3_600_000),
    });
    expect((await deliver(dm.payload)).status).toBe(200);
    await waitFor(() => expect(h.workspace.topLevel('CTRIAGE')).toHaveLength(1));
    expect(cardText()).toContain('Mein Paket ist seit zwei Wochen verschwunden');
    expect(cardText()).toContain('🔒 private: replies are sent privately');
    expect(cardText()).toContain('🕒 Messenger window closes in 3h');
    const caseId = h.klaxon.db.db.select().from(cases).get()!.id;
    await replyCase({
      ctx: h.klaxon.cases,
      input: { caseId, actor: agent, text: 'Wir haben es gefunden, es kommt morgen.', mode: 'private' },
    });
    await waitFor(() => expect(graph.store.sent).toHaveLength(1));
    expect(graph.versions).toEqual(new Set(['v24.0']));
    await h.klaxon.worker.idle();
    await waitFor(() => expect(cardText()).toContain('📨 Private message sent'));
    // Three hours later the window has closed: the reply is refused with the reason, and not sent.
    clock.set(clock.now().getTime() + 3 * 3_600_000 + 60_000);
    await replyCase({ ctx: h.klaxon.cases, input: { caseId, actor: agent, text: 'Anything else?', mode: 'private' } });
    await waitFor(() => expect(cardText()).toContain('not delivered'));
    expect(cardText()).toMatch(
      /Not sent: Messenger&#39;s 24-hour messaging window closed|Not sent: Messenger's 24-hour messaging window closed/,
    );
    expect(cardText()).toMatch(/⛔ Messenger(&#39;|')s 24-hour window closed/);
    expect(graph.store.sent).toHaveLength(1);
  });

  it('a Facebook comment and a 1-star Google review become scored cards; metrics and start-up log name each source', async () => {
    const jane = graph.store.fbUser('Jane Doe');
    const c = fbComment(graph.store, { from: jane, message: 'Your engineer never came and my heating is off with a newborn at home' });
    expect((await deliver(c.payload)).status).toBe(200);
    google.review(LOCATION, { name: 'Omar Haddad', stars: 1, comment: 'Never again.' });
    await waitFor(() => expect(h.klaxon.db.db.select().from(mentions).all()).toHaveLength(2));
    await waitFor(() => expect(h.workspace.topLevel('CTRIAGE')).toHaveLength(2));
    expect(cardText()).toContain('1-star review');
    expect(cardText()).toContain('★☆☆☆☆ 1/5');
    expect(cardText()).toContain('🕒 one private reply possible for 7d more');
    const review = h.klaxon.db.db.select().from(mentions).where(eq(mentions.source, 'google_reviews')).get()!;
    await replyCase({
      ctx: h.klaxon.cases,
      input: { caseId: review.caseId!, actor: agent, text: 'We are so sorry, Omar. Our manager will be in touch today.', mode: 'public' },
    });
    await waitFor(() =>
      expect([...google.reviews.values()][0]?.reply?.comment).toBe('We are so sorry, Omar. Our manager will be in touch today.'),
    );
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/klaxon_source_meta_webhooks_total\{outcome="stored"\} 1/);
    expect(metrics).toMatch(/klaxon_source_meta_events_total\{source="facebook",kind="comment",outcome="ingested"\} 1/);
    expect(metrics).toMatch(/klaxon_source_google_reviews_total\{outcome="ingested"\} 1/);
    expect(metrics).toMatch(/klaxon_source_api_calls_total\{source="google_reviews",op="list_reviews"\} \d+/);
    expect(logs.some((l) => l.includes('"msg":"Facebook listening"'))).toBe(true);
    expect(logs.some((l) => l.includes('"msg":"Instagram listening"'))).toBe(true);
    expect(logs.some((l) => l.includes('"msg":"Google reviews listening"'))).toBe(true);
    for (const secret of [APP_SECRET, VERIFY_TOKEN, PAGE_TOKEN, CLIENT_SECRET, REFRESH_TOKEN])
      expect(logs.join('\n')).not.toContain(secret);
  });
});

describe('Facebook, Instagram and Google reviews settings at start-up', () => {
  it('say how to configure each source when it is not', () => {
    const lines = unconfiguredPlatforms(makeConfig());
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          '^Facebook and Instagram are not configured: set META_APP_SECRET, META_VERIFY_TOKEN and META_PAGE_ACCESS_TOKEN, a' +
            String.raw`nd subscribe the Meta app to GET\/POST \/webhooks\/meta`,
        ),
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^Google reviews are not configured: set GOOGLE_BUSINESS_CLIENT_ID/));
  });

  it('a half-set or bad value stops the start with one line per problem, never echoing a secret', () => {
    let error: unknown;
    try {
      createKlaxon({
        config: makeConfig({
          META_APP_SECRET: 'not a hex secret!',
          META_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
          GOOGLE_BUSINESS_CLIENT_SECRET: CLIENT_SECRET,
          GOOGLE_BUSINESS_LOCATIONS: 'locations/12',
        }),
        logger: createLogger({ level: 'silent' }),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^META_APP_SECRET must be the app secret/),
        expect.stringMatching(/^META_VERIFY_TOKEN is required/),
        expect.stringMatching(/^GOOGLE_BUSINESS_CLIENT_ID is required/),
        expect.stringMatching(/^GOOGLE_BUSINESS_REFRESH_TOKEN is required/),
        expect.stringMatching(/^GOOGLE_BUSINESS_LOCATIONS must list locations as accounts\/<account id>\/locations\/<location id>/),
      ]),
    );
    expect(problems.join('\n')).not.toContain(PAGE_TOKEN);
    expect(problems.join('\n')).not.toContain(CLIENT_SECRET);
  });
});
