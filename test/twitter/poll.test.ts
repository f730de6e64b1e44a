import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseEvents, cases, kvState, mentions } from '../../db/schema/index.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { refuseMentionsContaining } from '../helpers/refuse-mentions.js';
import { BEARER, startXWorld, type XWorld } from './setup.js';

const MENTIONS = /^\/2\/users\/900\/mentions$/;
const OWN = /^\/2\/users\/900\/tweets$/;

describe('X polling against a fake X API v2', () => {
  let x: XWorld;
  beforeEach(async () => {
    x = await startXWorld();
  });
  afterEach(async () => {
    await x.close();
  });

  it('pages through new mentions, hands them over oldest first, and resumes from the stored since_id after a restart', async () => {
    const { fake, jane } = x;
    const first = fake.tweet(jane, '@AcmeCare my parcel never arrived');
    const first2 = fake.tweet(fake.addUser({ id: '43', username: 'joe', followers: 10 }), '@AcmeCare is the app down?');

    const adapter = x.adapter({ pageSize: 5 });
    await adapter.poller!.pollOnce();
    const sinceAfterFirst = x.core.handle.db.select().from(kvState).where(eq(kvState.key, 'twitter:since_id:900')).get()?.value;
    expect(sinceAfterFirst).toBe(first2.id);

    // Seven more, from seven people: more than one page of five.
    const later = Array.from({ length: 7 }, (_, i) =>
      fake.tweet(
        fake.addUser({ id: String(100 + i), username: `cust${i}`, followers: i }),
        `@AcmeCare problem number ${i}, still no refund`,
      ),
    );
    const second = await adapter.poller!.pollOnce();
    expect(second).toMatchObject({ accepted: 7, duplicates: 0 });
    const reads = fake.requestsTo('GET', MENTIONS);
    expect(reads.map((r) => [r.query.since_id ?? null, r.query.pagination_token ? 'page' : 'first'])).toEqual([
      [null, 'first'],
      [first2.id, 'first'],
      [first2.id, 'page'],
    ]);
    // Oldest first: case ids follow the order the customers wrote in.
    const opened = x.core.handle.db
      .select({ id: cases.id, first: mentions.externalId })
      .from(cases)
      .innerJoin(mentions, eq(mentions.id, cases.firstMentionId))
      .all();
    expect(opened.map((c) => c.first)).toEqual([first.id, first2.id, ...later.map((t) => t.id)]);

    // A restart: a new adapter on the same database reads only what is newer than the cursor.
    await adapter.stop();
    const newest = fake.tweet(jane, '@AcmeCare hello? anyone?');
    const restarted = x.adapter({ pageSize: 5 });
    const third = await restarted.poller!.pollOnce();
    expect(third).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(fake.requestsTo('GET', MENTIONS).at(-1)?.query.since_id).toBe(later.at(-1)!.id);
    expect(x.core.handle.db.select().from(mentions).all()).toHaveLength(10);
    expect(x.core.handle.db.select().from(kvState).where(eq(kvState.key, 'twitter:since_id:900')).get()?.value).toBe(newest.id);

    // Every read was made with the app's bearer token, and the brand's id was looked up only once.
    expect(fake.requests.filter((r) => r.method === 'GET').every((r) => r.auth === 'bearer' && r.bearer === BEARER)).toBe(true);
    expect(fake.requestsTo('GET', /^\/2\/users\/by\/username\//)).toHaveLength(1);
    expect(await x.calls('mentions_read')).toBe(fake.requestsTo('GET', MENTIONS).length);
    expect(await x.calls('own_posts_read')).toBe(fake.requestsTo('GET', OWN).length);
    expect(await x.calls('posts_read')).toBe(10);
    expect(await x.calls('users_read')).toBe(1);
  });

  it('moves the cursor only after the posts are stored, so a failed store re-reads instead of skipping', async () => {
    const { fake, jane } = x;
    fake.tweet(jane, '@AcmeCare first');
    const ok = x.adapter();
    await ok.poller!.pollOnce();
    const missed = fake.tweet(jane, '@AcmeCare this one must not be lost');
    await ok.stop();

    let failures = 1;
    const flaky = x.adapter({
      ingest: async (batch) => {
        if (failures-- > 0) throw new Error('disk full');
        return await ingestMentions(x.core.ingest, batch);
      },
    });
    await expect(flaky.poller!.pollOnce()).rejects.toThrow('disk full');
    await flaky.poller!.pollOnce();
    expect(x.core.handle.db.select().from(mentions).where(eq(mentions.externalId, missed.id)).get()).toBeDefined();
    const sinceIds = fake.requestsTo('GET', MENTIONS).map((r) => r.query.since_id);
    // Both attempts asked for the same range: the failed one did not advance the cursor.
    expect(sinceIds.slice(-2)).toEqual([sinceIds.at(-1), sinceIds.at(-1)]);
  });

  it('a post the core reports as not stored (the rest of the page stored) keeps since_id before it', async () => {
    const { fake, jane } = x;
    const adapter = x.adapter();
    await adapter.poller!.pollOnce();
    const lift = refuseMentionsContaining(x.core.handle, 'STORAGEFAULT');
    const bad = fake.tweet(jane, '@AcmeCare refund missing STORAGEFAULT');
    const good = fake.tweet(fake.addUser({ id: '61', username: 'kim', followers: 5 }), '@AcmeCare the app logs me out');
    await expect(adapter.poller!.pollOnce()).rejects.toThrow(/1 of 2 twitter items could not be stored/);
    const stored = (id: string) => x.core.handle.db.select().from(mentions).where(eq(mentions.externalId, id)).get();
    expect(stored(good.id)).toBeDefined();
    expect(stored(bad.id)).toBeUndefined();
    const notStored = await x.metrics.registry.getSingleMetric('klaxon_source_items_not_stored_total')?.get();
    expect(notStored?.values).toEqual([{ labels: { source: 'twitter' }, value: 1 }]);
    lift();
    expect(await adapter.poller!.pollOnce()).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(stored(bad.id)).toBeDefined();
  });

  it(
    'joins a reply in the thread to its case, adds a retweet to the reach ' + 'and volume of the original, and opens a case for a quote',
    async () => {
      const { fake, jane } = x;
      const bob = fake.addUser({ id: '77', username: 'bob', followers: 12_000 });
      const original = fake.tweet(jane, '@AcmeCare charged twice for one order');
      fake.tweet(jane, '@AcmeCare and the support line hangs up on me', { replyTo: original });
      fake.retweet(bob, original);
      const quote = fake.tweet(bob, '@AcmeCare same thing happened to me', { quote: original });

      await x.adapter().poller!.pollOnce();

      const all = x.core.handle.db.select().from(cases).all();
      expect(all).toHaveLength(2);
      const janeCase = all.find((c) => c.authorKey === 'twitter:id:42')!;
      expect(janeCase).toMatchObject({ mentionCount: 3, reach: 48_000 + 12_000 });
      const bobCase = all.find((c) => c.authorKey === 'twitter:id:77')!;
      expect(x.core.handle.db.select().from(mentions).where(eq(mentions.id, bobCase.firstMentionId)).get()?.externalId).toBe(quote.id);
      const added = x.core.handle.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, janeCase.id))
        .all()
        .filter((e) => e.kind === 'mention_added');
      expect(added.map((e) => Boolean(e.detail?.retweet))).toEqual([false, true]);
      const stored = x.core.handle.db.select().from(mentions).where(eq(mentions.externalId, original.id)).get()!;
      expect(stored).toMatchObject({
        authorHandle: 'jane',
        authorName: 'Jane Doe',
        authorFollowers: 48_000,
        authorVerified: true,
        url: `https://x.com/jane/status/${original.id}`,
        conversationId: original.id,
      });
    },
  );

  it("records the brand's own reply on X as the case's first response (answered outside), never as a new case", async () => {
    const { fake, jane, brand } = x;
    const complaint = fake.tweet(jane, '@AcmeCare where is my refund', { createdAt: '2026-11-23T09:00:00.000Z' });
    const adapter = x.adapter();
    await adapter.poller!.pollOnce();
    fake.tweet(brand, '@jane so sorry, we are on it — check your DMs', { replyTo: complaint, createdAt: '2026-11-23T09:12:00.000Z' });
    fake.tweet(brand, 'Our new autumn range is here!');
    await adapter.poller!.pollOnce();

    const row = x.core.handle.db.select().from(cases).get()!;
    expect(row).toMatchObject({ firstResponseVia: 'outside', firstResponseBy: 'AcmeCare' });
    expect(row.firstResponseAt?.toISOString()).toBe('2026-11-23T09:12:00.000Z');
    expect(x.core.handle.db.select().from(cases).all()).toHaveLength(1);
    // The announcement is not a customer message and not an answer: not stored.
    expect(
      x.core.handle.db
        .select()
        .from(mentions)
        .all()
        .map((m) => m.direction),
    ).toEqual(['inbound', 'outbound']);
  });

  it("does not take Klaxon's own reply, read back from X, for one made outside Klaxon", async () => {
    const { fake, jane } = x;
    const complaint = fake.tweet(jane, '@AcmeCare my order is late');
    const adapter = x.adapter();
    await adapter.poller!.pollOnce();
    const caseId = x.core.handle.db.select().from(cases).get()!.id;
    const sent = await adapter.replySource!.replyPublic({
      caseId,
      inReplyTo: complaint.id,
      author: { id: '42', handle: 'jane' },
      text: 'Sorry Jane, a courier is on the way. ^AB',
      idempotencyKey: 'r1',
    });
    const result = await adapter.poller!.pollOnce();
    expect(result).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(x.core.handle.db.select().from(cases).get()!.firstResponseVia).toBeNull();
    expect(x.core.handle.db.select().from(mentions).where(eq(mentions.externalId, sent.id!)).get()).toMatchObject({
      direction: 'outbound',
      caseId,
    });
  });

  it('waits for x-rate-limit-reset after a 429 (X sends no Retry-After), with no request before it', async () => {
    const { fake, jane, core, timers } = x;
    fake.tweet(jane, '@AcmeCare hello');
    const resetAt = core.clock.now().getTime() / 1000 + 300;
    fake.rateLimit('GET', MENTIONS, resetAt);
    const adapter = x.adapter();
    await adapter.start();
    timers.advance(0);
    await vi.waitFor(() => expect(timers.pending()).toHaveLength(1));
    await adapter.poller!.idle();
    // The reset is 300 s away; one second more guards against clock skew.
    expect(timers.pending()[0]!.inMs).toBe(301_000);
    expect(x.logs.some((l) => l.level === 'warn' && l.msg.includes('rate limit') && l.msg.includes('429'))).toBe(true);

    timers.advance(300_000);
    expect(fake.requestsTo('GET', MENTIONS)).toHaveLength(1);
    timers.advance(1_000);
    await vi.waitFor(() => expect(x.core.handle.db.select().from(cases).all()).toHaveLength(1));
    expect(fake.requestsTo('GET', MENTIONS)).toHaveLength(2);
  });

  it('waits for the reset when X says the window is used up, even without a 429', async () => {
    const { fake, core, timers } = x;
    const reset = core.clock.now().getTime() / 1000 + 600;
    fake.headersByPath.push({
      path: MENTIONS,
      headers: { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
    });
    const adapter = x.adapter();
    await adapter.start();
    timers.advance(0);
    await vi.waitFor(() => expect(timers.pending()).toHaveLength(1));
    await adapter.poller!.idle();
    expect(timers.pending()[0]!.inMs).toBe(601_000);
  });

  it('backs off on server errors, each wait at least the poll interval and growing', async () => {
    const { fake, timers } = x;
    fake.inject('GET', MENTIONS, { status: 503, body: { title: 'Service Unavailable', detail: 'overloaded', type: 'about:blank' } }, 3);
    const adapter = x.adapter();
    await adapter.start();
    const delays: number[] = [];
    timers.advance(0);
    for (let i = 0; i < 4; i += 1) {
      await vi.waitFor(() => expect(timers.pending()).toHaveLength(1));
      await adapter.poller!.idle();
      delays.push(timers.pending()[0]!.ms);
      timers.runNext();
    }
    // random() = 0.5 → ¾ of the doubling ceiling, never below the 60 s interval; then back to normal.
    expect(delays).toEqual([60_000, 90_000, 180_000, 60_000]);
  });

  it('warns that mentions may be missed when more arrived than X lists (800)', async () => {
    const { fake, jane } = x;
    fake.tweet(jane, '@AcmeCare first');
    const adapter = x.adapter();
    await adapter.poller!.pollOnce();
    const thread = fake.tweet(jane, '@AcmeCare a storm begins');
    for (let i = 0; i < 804; i += 1) fake.tweet(jane, `@AcmeCare still broken ${i}`, { replyTo: thread });
    await adapter.poller!.pollOnce();
    expect(fake.requestsTo('GET', MENTIONS).filter((r) => r.query.since_id)).toHaveLength(8);
    expect(
      x.logs.some((l) => l.level === 'warn' && l.msg.includes('more than 800 mentions since the last poll; older ones may be missed')),
    ).toBe(true);
  });

  it('raises a poll interval that would break X limits, and says so', () => {
    x.adapter({ pollIntervalSeconds: 1 });
    expect(x.logs.find((l) => l.msg.includes('pollIntervalSeconds is too fast'))).toMatchObject({ level: 'warn', configured: 1, used: 5 });
  });

  it('without twitter.account or user context, says how to fix it and retries slowly', async () => {
    const adapter = x.adapter({ account: null, userContext: null });
    await adapter.start();
    x.timers.advance(0);
    await vi.waitFor(() => expect(x.timers.pending()).toHaveLength(1));
    await adapter.poller!.idle();
    expect(x.logs.some((l) => l.level === 'error' && l.msg.includes('set twitter.account'))).toBe(true);
    expect(x.timers.pending()[0]!.ms).toBeGreaterThanOrEqual(30_000);
    expect(x.fake.requests).toHaveLength(0);
  });

  it('never logs a token', async () => {
    const { fake, jane } = x;
    fake.tweet(jane, '@AcmeCare hi');
    fake.inject('GET', MENTIONS, { status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank' } });
    const adapter = x.adapter();
    await adapter.start();
    x.timers.advance(0);
    await vi.waitFor(() => expect(x.logs.some((l) => l.level === 'error')).toBe(true));
    const text = JSON.stringify(x.logs);
    expect(text).not.toContain(BEARER);
    expect(text).not.toContain('access-token-9012');
  });

  it('without twitter.account, finds the brand through the user context (users/me) once, and keeps it', async () => {
    x.fake.tweet(x.jane, '@AcmeCare hello');
    await x.adapter({ account: null }).poller!.pollOnce();
    await x.adapter({ account: null }).poller!.pollOnce();
    expect(x.fake.requestsTo('GET', /^\/2\/users\/me$/).map((r) => r.auth)).toEqual(['oauth1']);
    expect(x.core.handle.db.select().from(cases).all()).toHaveLength(1);
  });
});
