import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import type { TwitterAdapter } from '../../adapters/twitter/index.js';
import { refuseMentionsContaining } from '../helpers/refuse-mentions.js';
import { startXWorld, type XWorld } from './setup.js';

const STREAM_CONFIG = {
  mode: 'stream' as const,
  account: 'acmecare',
  brandHandles: ['acmecare', 'acmehelp'],
  keywords: ['acme refund', '#acmefail'],
  competitors: ['globex'],
};

describe('X filtered stream against a fake X API v2', () => {
  let x: XWorld;
  beforeEach(async () => {
    x = await startXWorld();
  });
  afterEach(async () => {
    await x.close();
  });

  async function connected(adapter: TwitterAdapter, connections: number): Promise<void> {
    await vi.waitFor(() => expect(x.fake.streamConnections).toBe(connections));
    await adapter.stream!.idle();
    expect(adapter.stream!.connected).toBe(true);
  }

  it('syncs the rules from the config on start: adds what is missing, deletes stale Klaxon rules, leaves other rules alone', async () => {
    x.fake.rules = [
      { id: 'old', value: '@oldhandle', tag: 'klaxon:brand' },
      { id: 'theirs', value: 'from:someoneelse', tag: 'analytics' },
    ];
    const adapter = x.adapter(STREAM_CONFIG);
    await adapter.start();
    await connected(adapter, 1);
    expect(x.fake.rules.map((r) => [r.tag, r.value]).sort()).toEqual(
      [
        ['analytics', 'from:someoneelse'],
        ['klaxon:brand', '@acmecare OR @acmehelp'],
        ['klaxon:own', 'from:acmecare'],
        ['klaxon:keywords', '"acme refund" OR #acmefail'],
        ['klaxon:competitors', '@globex'],
      ].sort(),
    );
    // The stream asks for the author and referenced posts with every post.
    expect(x.fake.requestsTo('GET', /\/2\/tweets\/search\/stream$/)[0]?.query).toMatchObject({
      expansions: expect.stringContaining('author_id'),
    });

    // A restart with the same config writes nothing.
    await adapter.stop();
    const writesBefore = await x.calls('rules_write');
    const again = x.adapter(STREAM_CONFIG);
    await again.start();
    await connected(again, 2);
    expect(await x.calls('rules_write')).toBe(writesBefore);
  });

  it('ingests posts as they arrive, and reconnects with X’s backoff after the connection drops', async () => {
    const { fake, jane, timers } = x;
    const adapter = x.adapter(STREAM_CONFIG);
    await adapter.start();
    await connected(adapter, 1);

    const complaint = fake.tweet(jane, '@AcmeCare my card was charged twice');
    fake.push(complaint);
    await vi.waitFor(() => expect(x.core.handle.db.select().from(cases).all()).toHaveLength(1));

    fake.dropStreams();
    await vi.waitFor(() => expect(timers.pending().some((p) => p.ms < 20_000)).toBe(true));
    expect(adapter.stream!.connected).toBe(false);
    // A dropped connection is a network error: the first wait is X's first linear step, 250 ms.
    expect(timers.pending().map((p) => p.ms)).toEqual([250]);
    expect(x.logs.some((l) => l.msg.includes('X stream disconnected or stalled; reconnecting') && l.delayMs === 250)).toBe(true);

    // It fails again before any data, now with an HTTP error: X's exponential backoff starts at 5 s.
    fake.inject('GET', /\/2\/tweets\/search\/stream$/, {
      status: 503,
      body: { title: 'Service Unavailable', detail: 'busy', type: 'about:blank' },
    });
    timers.advance(250);
    await vi.waitFor(() => expect(timers.pending()).toHaveLength(1));
    await adapter.stream!.idle();
    expect(timers.pending()[0]!.ms).toBe(5_000);

    timers.runNext();
    await connected(adapter, 2);
    const followUp = fake.tweet(jane, '@AcmeCare still waiting on the refund', { replyTo: complaint });
    fake.push(followUp);
    await vi.waitFor(() => expect(x.core.handle.db.select().from(mentions).all()).toHaveLength(2));
    expect(x.core.handle.db.select().from(cases).all()).toHaveLength(1);
    expect(await x.calls('stream_connect')).toBe(3);

    // Data arrived, so the backoff starts over at the first step.
    fake.dropStreams();
    await vi.waitFor(() => expect(timers.pending().some((p) => p.ms === 250)).toBe(true));
  });

  it('a streamed post the core could not store is held and tried again with backoff (the stream cannot replay it)', async () => {
    const { fake, jane, timers } = x;
    const adapter = x.adapter(STREAM_CONFIG);
    await adapter.start();
    await connected(adapter, 1);
    const lift = refuseMentionsContaining(x.core.handle, 'STORAGEFAULT');
    fake.push(fake.tweet(jane, '@AcmeCare my refund is missing STORAGEFAULT'));
    await vi.waitFor(() => expect(x.logs.some((l) => l.msg === 'X post from the stream could not be stored; trying again')).toBe(true));
    expect(x.core.handle.db.select().from(mentions).all()).toHaveLength(0);
    const notStored = await x.metrics.registry.getSingleMetric('klaxon_source_items_not_stored_total')?.get();
    expect(notStored?.values).toEqual([{ labels: { source: 'twitter' }, value: 1 }]);
    lift();
    // The first retry comes within a second, on the injected timers.
    timers.advance(1_000);
    await vi.waitFor(() => expect(x.core.handle.db.select().from(mentions).all()).toHaveLength(1));
    expect(x.core.handle.db.select().from(cases).all()).toHaveLength(1);
  });

  it('detects a silent dead stream with the keep-alive timeout and reconnects', async () => {
    const { fake, timers } = x;
    const adapter = x.adapter(STREAM_CONFIG);
    await adapter.start();
    await connected(adapter, 1);

    // Keep-alives reset the watchdog: 2 × 19 s with a keep-alive between is not a stall.
    timers.advance(19_000);
    fake.keepAlive();
    await vi.waitFor(() => expect(timers.pending()[0]?.inMs).toBe(20_000));
    timers.advance(19_000);
    expect(fake.streamsClosedByClient).toBe(0);

    // Now nothing comes for 20 s (X's guidance): the connection is given up and reopened.
    timers.advance(1_000);
    await vi.waitFor(() => expect(fake.streamsClosedByClient).toBe(1));
    expect(x.logs.some((l) => l.level === 'warn' && l.msg.includes('silent for 20s'))).toBe(true);
    expect(timers.pending().map((p) => p.ms)).toEqual([250]);
    timers.runNext();
    await connected(adapter, 2);
  });

  it('turns a retweet into reach on the original case and a brand reply into the first response', async () => {
    const { fake, jane, brand } = x;
    const bob = fake.addUser({ id: '77', username: 'bob', followers: 5_000 });
    const adapter = x.adapter(STREAM_CONFIG);
    await adapter.start();
    await connected(adapter, 1);

    const complaint = fake.tweet(jane, '@AcmeCare the app deleted my account', { createdAt: '2026-11-23T09:00:00.000Z' });
    fake.push(complaint);
    fake.push(fake.retweet(bob, complaint));
    fake.push(fake.tweet(brand, '@jane we are sorry, DM us your email', { replyTo: complaint, createdAt: '2026-11-23T09:05:00.000Z' }), [
      'klaxon:own',
    ]);
    await vi.waitFor(() => expect(x.core.handle.db.select().from(mentions).all()).toHaveLength(3));
    const row = x.core.handle.db.select().from(cases).get()!;
    expect(row).toMatchObject({ mentionCount: 2, reach: 48_000 + 5_000, firstResponseVia: 'outside' });
    expect(x.core.handle.db.select().from(cases).all()).toHaveLength(1);
  });

  it('ignores posts that only rules of another integration matched', async () => {
    const { fake, jane } = x;
    const adapter = x.adapter(STREAM_CONFIG);
    await adapter.start();
    await connected(adapter, 1);
    const other = fake.tweet(jane, 'not about the brand at all');
    fake.push(other, ['analytics']);
    const ours = fake.tweet(jane, '@AcmeCare refund please');
    fake.push(ours);
    await vi.waitFor(() => expect(x.core.handle.db.select().from(mentions).all()).toHaveLength(1));
    expect(x.core.handle.db.select().from(mentions).where(eq(mentions.externalId, other.id)).get()).toBeUndefined();
  });

  it('waits at least until the rate-limit reset when X refuses the connection with a 429', async () => {
    const { fake, core, timers } = x;
    fake.rateLimit('GET', /\/2\/tweets\/search\/stream$/, core.clock.now().getTime() / 1000 + 120);
    const adapter = x.adapter(STREAM_CONFIG);
    await adapter.start();
    await vi.waitFor(() => expect(timers.pending()).toHaveLength(1));
    await adapter.stream!.idle();
    expect(timers.pending()[0]!.ms).toBe(121_000);
    timers.advance(120_000);
    expect(fake.streamConnections).toBe(0);
    timers.advance(1_000);
    await connected(adapter, 1);
  });

  it("does not mistake Klaxon's own reply, streamed back before X answered the send, for one made outside Klaxon", async () => {
    const { fake, jane } = x;
    const adapter = x.adapter(STREAM_CONFIG);
    await adapter.start();
    await connected(adapter, 1);
    const complaint = fake.tweet(jane, '@AcmeCare where is my parcel');
    fake.push(complaint);
    await vi.waitFor(() => expect(x.core.handle.db.select().from(cases).all()).toHaveLength(1));
    const caseId = x.core.handle.db.select().from(cases).get()!.id;

    let release!: () => void;
    fake.holdPostAnswers = new Promise<void>((resolve) => (release = resolve));
    fake.onTweetCreated = (created) => {
      fake.push(created, ['klaxon:own']);
      // A later post on the stream: once it is stored, the reply above has been seen too.
      fake.push(fake.tweet(jane, '@AcmeCare hello??'));
    };
    const sending = adapter.replySource!.replyPublic({
      caseId,
      inReplyTo: complaint.id,
      author: { id: '42' },
      text: 'On its way, Jane! ^AB',
      idempotencyKey: 'k1',
    });
    await vi.waitFor(() => expect(x.core.handle.db.select().from(mentions).all()).toHaveLength(2));
    release();
    const sent = await sending;
    await vi.waitFor(() => expect(x.core.handle.db.select().from(mentions).where(eq(mentions.externalId, sent.id!)).get()).toBeDefined());
    await vi.waitFor(() => expect(x.metrics.duplicates.get().then((m) => m.values[0]?.value)).resolves.toBe(1));
    expect(x.core.handle.db.select().from(cases).get()!.firstResponseVia).toBeNull();
  });

  it('cuts and retries a connection attempt X never answers', async () => {
    const { fake, timers } = x;
    fake.hangStreams = true;
    const adapter = x.adapter(STREAM_CONFIG);
    await adapter.start();
    await vi.waitFor(() => expect(fake.hungStreams).toHaveLength(1));
    fake.hangStreams = false;
    timers.advance(20_000);
    await vi.waitFor(() => expect(fake.hungStreams[0]!.closed).toBe(true));
    expect(x.logs.some((l) => l.msg.includes('did not answer within 20s'))).toBe(true);
    await adapter.stream!.idle();
    expect(timers.pending().map((p) => p.ms)).toEqual([250]);
    timers.runNext();
    await connected(adapter, 1);
  });
});
