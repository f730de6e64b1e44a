import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import { refuseMentionsContaining } from '../helpers/refuse-mentions.js';
import { startBlueskyWorld, type BlueskyWorld } from './setup.js';

let w: BlueskyWorld;
beforeEach(async () => {
  w = await startBlueskyWorld();
});
afterEach(async () => {
  await w.close();
});

function storedMentions() {
  return w.core.handle.db.select().from(mentions).where(eq(mentions.source, 'bluesky')).all();
}

describe('Bluesky notifications', () => {
  it('a mention becomes a scored case with the author, reach and link; nothing is read twice', async () => {
    const first = w.fake.post(w.jane, '@acme.bsky.social my parcel never arrived and nobody answers 😡');
    const adapter = w.adapter();
    await adapter.start(w.sink);
    await w.settle(adapter);
    const rows = storedMentions();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      externalId: first.uri,
      authorHandle: 'jane.bsky.social',
      authorId: w.jane.did,
      authorFollowers: 48_000,
      direction: 'inbound',
      conversationId: first.uri,
    });
    expect(rows[0]!.url).toBe(`https://bsky.app/profile/jane.bsky.social/post/${first.rkey}`);
    const opened = w.core.handle.db.select().from(cases).all();
    expect(opened).toHaveLength(1);
    expect(opened[0]!.reach).toBe(48_000);

    // A follow-up in the thread joins the case; the next poll reads only what is new.
    w.core.clock.advance(60_000);
    w.fake.post(w.jane, '@acme.bsky.social still waiting, order 5512', { replyTo: first });
    await w.settle(adapter, 30_000);
    expect(storedMentions()).toHaveLength(2);
    expect(w.core.handle.db.select().from(cases).all()).toHaveLength(1);
    expect(w.core.handle.db.select().from(cases).all()[0]!.mentionCount).toBe(2);
    const duplicates = await w.metrics.duplicates.get();
    expect(duplicates.values.reduce((s, v) => s + v.value, 0)).toBe(0);
  });
});

describe('Bluesky notifications across restarts and failures', () => {
  it('a restart reads on from the saved mark: nothing twice, nothing lost, also with ties on the clock', async () => {
    const a = w.adapter();
    await a.start(w.sink);
    w.fake.post(w.jane, '@acme.bsky.social one');
    await w.settle(a);
    await a.stop();
    // While Klaxon is down, three more arrive at the very same instant.
    w.core.clock.advance(5 * 60_000);
    for (const text of ['two', 'three', 'four']) w.fake.post(w.omar, `@acme.bsky.social ${text}`);
    const b = w.adapter();
    await b.start(w.sink);
    await w.settle(b);
    expect(
      storedMentions()
        .map((m) => m.text.replace('@acme.bsky.social ', ''))
        .sort(),
    ).toEqual(['four', 'one', 'three', 'two']);
    // One more at the same instant as the last three: the tie is told apart by its URI.
    w.fake.post(w.jane, '@acme.bsky.social five');
    await w.settle(b, 30_000);
    expect(storedMentions()).toHaveLength(5);
    expect((await w.metrics.duplicates.get()).values.reduce((s, v) => s + v.value, 0)).toBe(0);
  });

  it('a crash after ingest and before the mark moved re-reads one poll, absorbed as duplicates (no second case)', async () => {
    const a = w.adapter();
    w.fake.post(w.jane, '@acme.bsky.social first');
    await a.start(w.sink);
    await w.settle(a);
    w.fake.post(w.jane, '@acme.bsky.social second');
    // The mark write fails once, as a crash between the two would leave it.
    w.fake.inject('app.bsky.actor.getProfiles', { status: 200, body: { profiles: [] } });
    const { kvCursorStore } = await import('../../adapters/source-kit/kv-cursors.js');
    const cursors = kvCursorStore(w.core.handle.db, 'bluesky', w.core.clock);
    const markBefore = await cursors.get('notifications:mark');
    await w.settle(a, 30_000);
    await cursors.set('notifications:mark', markBefore!);
    await w.settle(a, 30_000);
    expect(storedMentions()).toHaveLength(2);
    expect(w.core.handle.db.select().from(cases).all()).toHaveLength(2);
    expect((await w.metrics.duplicates.get()).values.reduce((s, v) => s + v.value, 0)).toBe(1);
  });

  it('a post the core could not store keeps the mark before it and is read again with backoff, never lost', async () => {
    const lift = refuseMentionsContaining(w.core.handle, 'STORAGEFAULT');
    const a = w.adapter();
    w.fake.post(w.jane, '@acme.bsky.social my refund is missing STORAGEFAULT');
    w.fake.post(w.omar, '@acme.bsky.social the app logs me out');
    await a.start(w.sink);
    await w.settle(a);
    // The core stored the other post; the mark did not move past the one it could not store.
    expect(storedMentions().map((m) => m.text)).toEqual(['@acme.bsky.social the app logs me out']);
    expect(w.logs.has('warn', /Bluesky notifications failed; retrying/)).toBe(true);
    const notStored = await w.metrics.registry.getSingleMetric('klaxon_source_items_not_stored_total')?.get();
    expect(notStored?.values).toEqual([{ labels: { source: 'bluesky' }, value: 1 }]);
    lift();
    await w.settle(a, 15 * 60_000);
    const texts = storedMentions().map((m) => m.text.replace('@acme.bsky.social ', ''));
    expect(texts.sort()).toEqual(['my refund is missing STORAGEFAULT', 'the app logs me out']);
    expect(w.core.handle.db.select().from(cases).all()).toHaveLength(2);
  });

  it('the first start imports only the latest page; a long gap is read across pages, oldest first', async () => {
    for (let i = 0; i < 60; i += 1) w.fake.post(w.omar, `@acme.bsky.social old ${i}`);
    const a = w.adapter();
    await a.start(w.sink);
    await w.settle(a);
    expect(storedMentions()).toHaveLength(50);
    expect(w.logs.has('info', /first Bluesky read: starting from the latest 50/)).toBe(true);
    for (let i = 0; i < 120; i += 1) w.fake.post(w.jane, `@acme.bsky.social new ${i}`);
    await w.settle(a, 30_000);
    const fresh = storedMentions().filter((m) => m.text.includes('new'));
    expect(fresh).toHaveLength(120);
    // Handed over oldest first, so the stored order follows the posting order.
    expect(fresh.map((m) => m.text)).toEqual(Array.from({ length: 120 }, (_, i) => `@acme.bsky.social new ${i}`));
    expect(w.fake.callsTo('app.bsky.notification.listNotifications').at(-1)!.query.get('cursor')).not.toBeNull();
  });

  it('likes and reposts of the brand’s reply add reach to the case, never a case', async () => {
    const a = w.adapter();
    const post = w.fake.post(w.jane, '@acme.bsky.social my parcel is lost');
    await a.start(w.sink);
    await w.settle(a);
    const caseRow = w.core.handle.db.select().from(cases).get()!;
    const sent = await a.replyPublic({
      caseId: caseRow.id,
      inReplyTo: post.uri,
      author: { id: w.jane.did },
      text: 'So sorry Jane, we are on it.',
      idempotencyKey: 'k',
    });
    const reply = w.fake.net.records.get(sent.id!)!;
    w.fake.like(w.omar, reply);
    w.fake.repost(w.omar, reply);
    w.fake.like(w.omar, w.fake.post(w.brand, 'An unrelated announcement'));
    await w.settle(a, 30_000);
    const after = w.core.handle.db.select().from(cases).all();
    expect(after).toHaveLength(1);
    expect(after[0]!.reach).toBe(48_000 + 120 * 2);
  });

  it('keeps reading through a 429 by waiting until ratelimit-reset (on the injected clock)', async () => {
    const a = w.adapter();
    await a.start(w.sink);
    await w.settle(a);
    const reset = Math.floor(w.core.clock.now().getTime() / 1000) + 240;
    w.fake.inject('app.bsky.notification.listNotifications', {
      status: 429,
      body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
      headers: { 'ratelimit-limit': '3000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) },
    });
    w.fake.post(w.jane, '@acme.bsky.social hello?');
    await w.settle(a, 30_000);
    expect(storedMentions()).toHaveLength(0);
    const wait = w.timers.pending()[0]!;
    expect(wait.inMs).toBe(reset * 1000 - w.core.clock.now().getTime() + 1000);
    await w.settle(a, wait.inMs);
    expect(storedMentions()).toHaveLength(1);
    expect(w.logs.has('warn', /rate limit reached \(429\)/)).toBe(true);
  });

  it('says clearly when the login is refused, without the password, and keeps trying gently', async () => {
    const a = w.adapter({ appPassword: 'wron-gpas-swor-d000' });
    await a.start(w.sink);
    await w.settle(a);
    const line = w.logs.records().find((r) => r.level === 'error' && /Bluesky refused the login of @acme.bsky.social/.test(r.msg));
    expect(line?.msg).toMatch(/check BLUESKY_HANDLE and BLUESKY_APP_PASSWORD/);
    expect(w.logs.lines.join('\n')).not.toContain('wron-gpas-swor-d000');
    expect(a.capabilities({ externalId: 'at://did:plc:x/app.bsky.feed.post/1', isPrivate: false, text: '' }).publicReply).toEqual({
      possible: false,
      why: expect.stringMatching(/refused the login/),
    });
    expect(w.timers.pending()[0]!.inMs).toBeGreaterThanOrEqual(30_000);
  });

  it('says at start when the app password has no direct-message access ("Bad token scope")', async () => {
    await w.close();
    w = await startBlueskyWorld({ dm: false });
    const a = w.adapter();
    await a.start(w.sink);
    await w.settle(a);
    await vi.waitFor(() => expect(w.logs.has('error', /no access to direct messages \("Bad token scope"\)/)).toBe(true));
    expect(a.capabilities({ externalId: 'at://did:plc:x/app.bsky.feed.post/1', isPrivate: false, text: '' }).privateReply).toEqual({
      possible: false,
      why: expect.stringMatching(/Allow access to your direct messages/),
    });
  });

  it('maps real-world posts: right-to-left text and emoji kept, an image without text described, a quote', async () => {
    const a = w.adapter();
    const rtl = w.fake.post(w.omar, '\u200Fالطرد لم يصل بعد @acme.bsky.social 😢\u200F');
    const ownPost = w.fake.post(w.brand, 'Our new app is live');
    const quote = w.fake.post(w.jane, 'lol this app crashes on launch', { quote: ownPost });
    const image = w.fake.publish(w.jane.did, 'app.bsky.feed.post', {
      $type: 'app.bsky.feed.post',
      text: '',
      createdAt: w.core.clock.now().toISOString(),
      reply: { root: { uri: ownPost.uri, cid: ownPost.cid }, parent: { uri: ownPost.uri, cid: ownPost.cid } },
      embed: { $type: 'app.bsky.embed.images', images: [] },
    });
    await a.start(w.sink);
    await w.settle(a);
    const byId = new Map(storedMentions().map((m) => [m.externalId, m]));
    expect(byId.get(rtl.uri)?.text).toBe('\u200Fالطرد لم يصل بعد @acme.bsky.social 😢\u200F');
    expect(byId.get(rtl.uri)?.authorName).toBe('عمر');
    expect(byId.get(quote.uri)?.text).toBe('lol this app crashes on launch');
    expect(byId.get(image.uri)?.text).toBe('(a post with images and no text)');
  });
});
