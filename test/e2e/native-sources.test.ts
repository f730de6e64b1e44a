import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import { createKlaxon } from '../../app/compose.js';
import { unconfiguredPlatforms } from '../../app/settings.js';
import { silentLogger } from '../../src/log.js';
import { ManualClock } from '../../src/clock.js';
import { ConfigError } from '../../src/config/load.js';
import { FakeBluesky } from '../bluesky/fake/server.js';
import { makeConfig, TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postSlack, slashCommandBody } from '../helpers/slack.js';
import { FakeMastodon } from '../mastodon/fake/server.js';

const alice = { id: 'UALICE', name: 'alice' };
const APP_PASSWORD = 'wxyz-abcd-efgh-ijkl';
const TOKEN = 'mastodon-token-e2e-5kQ';

/**
 * The whole app with Bluesky and Mastodon configured by their environment variables: their
 * complaints become scored cards in Slack next to everything else, and `/klaxon reply` answers
 * the customer on the platform they wrote on.
 */
describe('Bluesky and Mastodon in the app', () => {
  const clock = new ManualClock(Date.now());
  let h: Harness;
  let bsky: FakeBluesky;
  let masto: FakeMastodon;

  beforeEach(async () => {
    clock.set(Date.now());
    bsky = new FakeBluesky(clock);
    await bsky.listen();
    bsky.account({ handle: 'acme.bsky.social', appPassword: APP_PASSWORD, followers: 10_000 });
    const jane = bsky.account({ handle: 'jane.bsky.social', displayName: 'Jane', followers: 52_000 });
    bsky.post(jane, '@acme.bsky.social my energy bill tripled and the helpline hangs up on me');
    masto = new FakeMastodon(clock);
    await masto.listen();
    masto.account('acme', { token: TOKEN });
    h = await startHarness({
      clock,
      env: {
        BLUESKY_HANDLE: 'acme.bsky.social',
        BLUESKY_APP_PASSWORD: APP_PASSWORD,
        BLUESKY_SERVICE_URL: bsky.url,
        MASTODON_URL: masto.url,
        MASTODON_TOKEN: TOKEN,
      },
    });
  });
  afterEach(async () => {
    await h.close();
    await bsky.close();
    await masto.close();
  });

  const run = async (text: string) => {
    const res = await postSlack(h.url, TEST_SECRETS.SLACK_SIGNING_SECRET, slashCommandBody({ text, user: alice, channel: 'CTRIAGE' }));
    expect(res.status).toBe(200);
    return JSON.parse(res.text) as { text: string };
  };

  it('turns a Bluesky and a Mastodon complaint into cards, and answers each where it was written', async () => {
    const db = h.klaxon.db.db;
    await vi.waitFor(() => expect(db.select().from(mentions).where(eq(mentions.source, 'bluesky')).all()).toHaveLength(1), {
      timeout: 5000,
    });
    const mastodon = h.klaxon.mastodon!;
    expect(h.klaxon.bluesky).not.toBeNull();
    await vi.waitFor(() => expect(mastodon.listener.connected).toBe(true), { timeout: 5000 });
    const customer = masto.account('sam', { followers: 40 });
    masto.post(customer, '@acme my pension transfer has been stuck for six weeks');
    await vi.waitFor(() => expect(db.select().from(mentions).where(eq(mentions.source, 'mastodon')).all()).toHaveLength(1), {
      timeout: 5000,
    });
    await h.klaxon.worker.idle();
    const cards = h.workspace.topLevel('CTRIAGE');
    expect(cards).toHaveLength(2);
    const [bskyCase, mastoCase] = [
      db.select().from(cases).where(eq(cases.source, 'bluesky')).get()!,
      db.select().from(cases).where(eq(cases.source, 'mastodon')).get()!,
    ];
    expect(JSON.stringify(cards)).toContain('tripled');

    expect((await run(`reply K-${bskyCase.id} Sorry Jane, a specialist will call you today.`)).text).toMatch(/queued/i);
    expect((await run(`reply K-${mastoCase.id} We are on it, Sam.`)).text).toMatch(/queued/i);
    await vi.waitFor(
      () =>
        expect(bsky.postsBy(bsky.net.byHandle('acme.bsky.social')!).map((r) => r.value.text)).toEqual([
          'Sorry Jane, a specialist will call you today. ^AL',
        ]),
      { timeout: 5000 },
    );
    await vi.waitFor(
      () =>
        expect([...masto.statuses.values()].filter((s) => s.account.username === 'acme').map((s) => s.text)).toEqual([
          '@sam We are on it, Sam. ^AL',
        ]),
      { timeout: 5000 },
    );
    // A private message Bluesky refuses (the customer takes DMs only from people they follow):
    // the refusal is on the card, which then says a private reply cannot go.
    bsky.net.byHandle('jane.bsky.social')!.allowIncoming = 'following';
    await run(`dm K-${bskyCase.id} Could you send us your account number?`);
    await vi.waitFor(
      () => {
        const card = JSON.stringify(h.workspace.topLevel('CTRIAGE').find((m) => JSON.stringify(m.blocks).includes('tripled')));
        expect(card).toContain('only from accounts they follow');
      },
      { timeout: 5000 },
    );
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/klaxon_source_api_calls_total\{source="bluesky",op="com.atproto.repo.createRecord"\} 1/);
    expect(metrics).toMatch(/klaxon_source_write_points_used\{source="bluesky",window="day"\} 3/);
    expect(metrics).toMatch(/klaxon_source_connected\{source="mastodon",channel="stream"\} 1/);
  });
});

describe('source settings at start-up', () => {
  it('names the sources that are not configured and how to configure them', () => {
    const lines = unconfiguredPlatforms(makeConfig({}));
    expect(lines).toContain(
      'Bluesky is not configured: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (an app password with direct-message access; ' +
        'see README, "Connect Bluesky").',
    );
    expect(lines).toContain('Mastodon is not configured: set MASTODON_URL and MASTODON_TOKEN (see README, "Connect Mastodon").');
  });

  it('stops the start with one line per problem, never echoing a secret', () => {
    const config = makeConfig({
      BLUESKY_APP_PASSWORD: 'only-the-password-1',
      BLUESKY_JETSTREAM_URL: 'https://not-a-websocket.example',
      MASTODON_URL: 'ftp://x',
      MASTODON_TOKEN: 'has spaces in it',
    });
    let problems: string[] = [];
    try {
      createKlaxon({ config, logger: silentLogger });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems.join('\n')).not.toContain('only-the-password-1');
    expect(problems.join('\n')).not.toContain('has spaces in it');
    expect(problems).toContain('BLUESKY_HANDLE is required when BLUESKY_APP_PASSWORD is set');
    expect(problems.some((p) => p.startsWith('BLUESKY_JETSTREAM_URL must be a ws(s) URL'))).toBe(true);
    expect(problems.some((p) => p.startsWith('MASTODON_URL must be the http(s) address'))).toBe(true);
    expect(problems.some((p) => p.startsWith('MASTODON_TOKEN must be an access token'))).toBe(true);
    // Listed together with every other source's, before anything is opened.
    expect(problems).toHaveLength(4);
  });
});
