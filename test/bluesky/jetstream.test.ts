import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BlueskyAdapter } from '../../adapters/bluesky/index.js';
import { type JetstreamListener, subscribeUrl } from '../../adapters/bluesky/jetstream.js';
import { cases, mentions } from '../../db/schema/index.js';
import type { FakeAccount } from './fake/store.js';
import { startBlueskyWorld, type BlueskyWorld } from './setup.js';

let w: BlueskyWorld;
let stranger: FakeAccount;
beforeEach(async () => {
  w = await startBlueskyWorld();
  stranger = w.fake.account({ handle: 'someone.bsky.social', followers: 5 });
});
afterEach(async () => {
  await w.close();
});

const stored = () => w.core.handle.db.select().from(mentions).where(eq(mentions.source, 'bluesky')).orderBy(mentions.id).all();

async function connected(adapter: BlueskyAdapter): Promise<void> {
  await w.settle(adapter);
  await vi.waitFor(() => expect((adapter.listener as JetstreamListener).connected).toBe(true));
}

/** Waits until the listener has handled every event the fake has sent so far. */
async function caughtUp(adapter: BlueskyAdapter, count: number): Promise<void> {
  await vi.waitFor(async () => {
    await adapter.listener.idle();
    expect(stored()).toHaveLength(count);
  });
}

describe('Bluesky over Jetstream', () => {
  it('builds the subscription URL for posts, likes and reposts, resuming at a cursor', () => {
    expect(subscribeUrl('wss://jetstream2.us-east.bsky.network', null)).toBe(
      'wss://jetstream2.us-east.bsky.network/' +
        'subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.like&wantedCollections=app.bsky.feed.repost',
    );
    expect(subscribeUrl('wss://j.example/subscribe?compress=true', 1725911162329308)).toBe(
      'wss://j.example/' +
        'subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=app.bsky.feed.like&wantedCollections=app.bsky.feed.repost&c' +
        'ursor=1725911162329308',
    );
  });

  it(
    'picks the brand’s posts out of the whole stream: a facet, ' + 'a bare @handle, a reply in its thread, a quote — nothing else',
    async () => {
      const adapter = w.adapter({ jetstreamUrl: w.fake.jetstreamUrl });
      await adapter.start(w.sink);
      await connected(adapter);
      const brandPost = w.fake.post(w.brand, 'We are upgrading our systems tonight.');
      for (let i = 0; i < 200; i += 1) w.fake.post(stranger, `random chatter ${i} about @acme.bsky.social.example and acme`);
      const viaFacet = w.fake.post(w.jane, '@acme.bsky.social my bill doubled');
      const bare = w.fake.post(w.omar, 'hey @ACME.bsky.social why is the app down', { facets: false });
      const reply = w.fake.post(w.jane, 'this broke my router', { replyTo: brandPost });
      const quote = w.fake.post(w.omar, 'and they call this an upgrade', { quote: brandPost });
      w.fake.like(stranger, w.fake.post(stranger, 'unrelated'));
      await caughtUp(adapter, 4);
      expect(
        stored()
          .map((m) => m.externalId)
          .sort(),
      ).toEqual([viaFacet.uri, bare.uri, reply.uri, quote.uri].sort());
      expect(stored().find((m) => m.externalId === viaFacet.uri)).toMatchObject({
        authorHandle: 'jane.bsky.social',
        authorFollowers: 48_000,
      });
      // One profile lookup per batch, never one per post of the stream.
      expect(w.fake.callsTo('app.bsky.actor.getProfiles').length).toBeLessThanOrEqual(4);
    },
  );

  it('a reconnect or a restart resumes from the saved position: nothing twice, nothing lost', async () => {
    const a = w.adapter({ jetstreamUrl: w.fake.jetstreamUrl });
    await a.start(w.sink);
    await connected(a);
    w.fake.post(w.jane, '@acme.bsky.social one');
    await caughtUp(a, 1);
    // The connection drops; two mentions arrive before the reconnect.
    w.fake.dropJetstream();
    await vi.waitFor(() => expect(w.timers.pending().some((t) => t.ms < 60_000)).toBe(true));
    w.fake.post(w.jane, '@acme.bsky.social two');
    w.fake.post(w.omar, '@acme.bsky.social three');
    const wait = w.timers.pending().find((t) => t.ms < 60_000)!;
    await w.settle(a, wait.inMs);
    await caughtUp(a, 3);
    const resumed = w.fake.jetstreamConnections.at(-1)!;
    expect(Number(resumed.get('cursor'))).toBeGreaterThan(0);
    // Klaxon stops; more arrive; a new process resumes where the old one stopped.
    await a.stop();
    w.fake.post(w.omar, '@acme.bsky.social four');
    const b = w.adapter({ jetstreamUrl: w.fake.jetstreamUrl });
    await b.start(w.sink);
    await connected(b);
    await caughtUp(b, 4);
    expect(stored().map((m) => m.text.replace('@acme.bsky.social ', ''))).toEqual(['one', 'two', 'three', 'four']);
    expect((await w.metrics.duplicates.get()).values.reduce((s, v) => s + v.value, 0)).toBe(0);
  });

  it('likes and reposts of a post with a case add reach, never a case', async () => {
    const adapter = w.adapter({ jetstreamUrl: w.fake.jetstreamUrl });
    await adapter.start(w.sink);
    await connected(adapter);
    const post = w.fake.post(w.jane, '@acme.bsky.social the outage is still on');
    await caughtUp(adapter, 1);
    w.fake.like(w.omar, post);
    w.fake.repost(stranger, post);
    w.fake.like(w.omar, w.fake.post(stranger, 'nothing to do with Acme'));
    await vi.waitFor(async () => {
      await adapter.listener.idle();
      expect(w.core.handle.db.select().from(cases).get()!.reach).toBe(48_000 + 120 + 5);
    });
    expect(w.core.handle.db.select().from(cases).all()).toHaveLength(1);
  });

  it('a silent connection is replaced after a minute; the brand’s own reply made outside Klaxon marks the case answered', async () => {
    const adapter = w.adapter({ jetstreamUrl: w.fake.jetstreamUrl });
    await adapter.start(w.sink);
    await connected(adapter);
    const post = w.fake.post(w.jane, '@acme.bsky.social anyone there?');
    await caughtUp(adapter, 1);
    w.fake.post(w.brand, 'Hi Jane, looking into it now.', { replyTo: post });
    await caughtUp(adapter, 2);
    expect(w.core.handle.db.select().from(cases).get()).toMatchObject({ firstResponseVia: 'outside' });
    const connections = w.fake.jetstreamConnections.length;
    w.timers.advance(59_000);
    expect((adapter.listener as JetstreamListener).connected).toBe(true);
    w.timers.advance(1000);
    await vi.waitFor(() => expect(w.timers.pending().length).toBeGreaterThan(0));
    w.timers.advance(w.timers.pending()[0]!.inMs);
    await vi.waitFor(() => expect(w.fake.jetstreamConnections.length).toBeGreaterThan(connections));
    expect(w.logs.has('warn', /silent for 60 s; reconnecting/)).toBe(true);
  });
});
