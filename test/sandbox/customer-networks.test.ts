import { afterEach, describe, expect, it, vi } from 'vitest';
import { sandboxConfig } from '../../dev/sandbox/config.js';
import type { PageMessage } from '../../dev/sandbox/page-state.js';
import { makeConfig } from '../helpers/config.js';
import { cardIn, startSandboxApp, type SandboxApp } from './setup.js';

const TRIAGE = 'CSBTRIAGE';
const waitLong = { timeout: 5000, interval: 20 };
const SECRETS = { botToken: 'xoxb-sandbox', signingSecret: 'sandbox-signing', replySecret: 'sandbox-reply-secret-0123' };

/**
 * The customer can write as a Bluesky, Mastodon or e-mail user in the sandbox and sees Klaxon's
 * answer arrive on that network in the customer view.
 */
describe('the sandbox customer view: Bluesky, Mastodon and e-mail', () => {
  let app: SandboxApp;
  afterEach(async () => {
    await app?.close();
  });

  const cardFor = (text: string) => cardIn(app, TRIAGE, text);

  async function caseRef(card: PageMessage): Promise<string> {
    const ref = /K-\d+/.exec(JSON.stringify(card.blocks))?.[0];
    if (!ref) throw new Error('no case reference on the card');
    return ref;
  }

  it(
    'each writes as its own kind of user and sees the reply arrive ' + 'there: public on Bluesky and Mastodon, privately by e-mail',
    async () => {
      app = await startSandboxApp();
      const writes = [
        { source: 'bluesky', handle: '@jane.bsky.social', text: 'My smart meter reads triple since Monday 😡' },
        { source: 'mastodon', handle: '@omar@mastodon.social', text: 'انقطعت الخدمة منذ يومين — no internet since Tuesday' },
        { source: 'email', handle: 'dana@example.com', text: 'Please close my late father’s account; I have sent the documents twice.' },
      ];
      for (const w of writes) {
        const sent = await app.act('mention', { ...w, name: 'Customer', followers: 300 });
        expect(sent.json).toMatchObject({ ok: true, ingest: { status: 202 } });
      }
      for (const w of writes) {
        const card = await cardFor(w.text.slice(0, 20));
        const answer = await app.act('say', {
          channel: TRIAGE,
          text: `/klaxon reply ${await caseRef(card)} So sorry about this — we are on it now.`,
        });
        expect(answer.status).toBe(200);
      }
      await vi.waitFor(async () => {
        const replies = (await app.state()).feed.filter((p) => p.kind === 'reply');
        expect(replies.map((r) => [r.source, r.visibility]).sort()).toEqual([
          ['bluesky', 'public'],
          ['email', 'private'],
          ['mastodon', 'public'],
        ]);
      }, waitLong);
      const feed = (await app.state()).feed;
      const mention = (source: string) => feed.find((p) => p.kind === 'mention' && p.source === source)!;
      expect(mention('mastodon').author.handle).toBe('omar@mastodon.social');
      // E-mail is private by nature, whatever the form said.
      expect(mention('email').visibility).toBe('private');
      // Each reply answers the customer's own message in their thread.
      for (const source of ['bluesky', 'mastodon', 'email'])
        expect(feed.find((p) => p.kind === 'reply' && p.source === source)!.inReplyTo).toBe(mention(source).id);
    },
  );

  it('a public reply over Bluesky’s 300 characters is refused before it is queued, counted as Bluesky counts', async () => {
    app = await startSandboxApp();
    await app.act('mention', { source: 'bluesky', handle: '@kim.bsky.social', text: 'Still no refund after 6 weeks' });
    const card = await cardFor('Still no refund');
    const ref = await caseRef(card);
    await app.act('say', { channel: TRIAGE, text: `/klaxon reply ${ref} ${'👩‍👩‍👧'.repeat(301)}` });
    await vi.waitFor(async () => {
      const answer = (await app.state()).messages.find((m) => m.ephemeral?.command?.startsWith('/klaxon reply'));
      expect(answer?.text).toMatch(/bluesky takes at most 300/);
    }, waitLong);
    expect((await app.state()).feed.filter((p) => p.kind === 'reply')).toEqual([]);
  });

  it('never stands in for a network configured for real: its own adapter answers', () => {
    const stand = sandboxConfig(makeConfig({}), 'http://127.0.0.1:9', SECRETS).file.sources;
    expect(Object.keys(stand)).toEqual(expect.arrayContaining(['bluesky', 'mastodon', 'email']));
    const real = sandboxConfig(
      makeConfig({
        BLUESKY_HANDLE: 'acme.bsky.social',
        BLUESKY_APP_PASSWORD: 'abcd-efgh-ijkl-mnop',
        MASTODON_URL: 'https://mastodon.example',
        MASTODON_TOKEN: 'tok',
      }),
      'http://127.0.0.1:9',
      SECRETS,
    ).file.sources;
    expect(real.bluesky).toBeUndefined();
    expect(real.mastodon).toBeUndefined();
  });
});
