import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BlueskyAdapter } from '../../adapters/bluesky/index.js';
import { eq } from 'drizzle-orm';
import { cases, outbox } from '../../db/schema/index.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { judgeFailure } from '../../src/outbox/delivery-policy.js';
import { DeliveryError, RetryableError } from '../../src/ports.js';
import type { PostRecordJson } from './fake/store.js';
import { AGENT, replyRig, type ReplyRig } from '../sources/reply-rig.js';
import { APP_PASSWORD, startBlueskyWorld, type BlueskyWorld } from './setup.js';

let w: BlueskyWorld;
let adapter: BlueskyAdapter;
let rig: ReplyRig;

async function caseFor(text: string, options: Parameters<BlueskyWorld['fake']['post']>[2] = {}): Promise<{ caseId: number; uri: string }> {
  const post = w.fake.post(w.jane, text, options);
  await w.settle(adapter, 30_000);
  const row = w.core.handle.db.select().from(cases).all().at(-1)!;
  return { caseId: row.id, uri: post.uri };
}

beforeEach(async () => {
  w = await startBlueskyWorld();
  adapter = w.adapter();
  await adapter.start(w.sink);
  await w.settle(adapter);
  rig = await replyRig(w.core, adapter, w.logs.logger);
});
afterEach(async () => {
  await rig.close();
  await w.close();
});

describe('Bluesky public replies', () => {
  it('answers in the thread with the root and parent refs, and mention and link facets over UTF-8 bytes', async () => {
    const root = w.fake.post(w.omar, 'Anyone else having trouble with deliveries this week?');
    const { caseId, uri } = await caseFor('@acme.bsky.social same here 📦😡 nothing for 10 days', { replyTo: root });
    const text = '👋 Sorry @jane.bsky.social! Track it at https://acme.example/track?id=5512 — and @omar.example.com too.';
    const view = await rig.reply(caseId, text, 'public');
    expect(view.lastReply).toMatchObject({ status: 'done', mode: 'public' });
    const sent = w.fake.postsBy(w.brand).at(-1)!;
    const record = sent.value as PostRecordJson;
    expect(record.text).toBe(text);
    expect(record.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri, cid: w.fake.net.records.get(uri)!.cid } });
    const bytes = Buffer.from(text, 'utf8');
    const slices = (record.facets ?? []).map((f) => ({
      text: bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8'),
      feature: f.features[0],
    }));
    expect(slices).toEqual([
      { text: '@jane.bsky.social', feature: { $type: 'app.bsky.richtext.facet#mention', did: w.jane.did } },
      {
        text: 'https://acme.example/track?id=5512',
        feature: { $type: 'app.bsky.richtext.facet#link', uri: 'https://acme.example/track?id=5512' },
      },
      { text: '@omar.example.com', feature: { $type: 'app.bsky.richtext.facet#mention', did: w.omar.did } },
    ]);
    expect(view.lastReply?.link).toBe(`https://bsky.app/profile/acme.bsky.social/post/${sent.rkey}`);
    expect(w.core.handle.db.select().from(cases).all().at(-1)).toMatchObject({ firstResponseVia: 'klaxon' });
  });

  it('counts 300 graphemes as Bluesky does: 300 emoji families go, 301 are refused before anything is queued', async () => {
    const { caseId } = await caseFor('@acme.bsky.social hello?');
    const family = '👩‍👩‍👧‍👦';
    expect(adapter.measure!(family.repeat(300))).toEqual({ used: 300, limit: 300 });
    expect(adapter.validate!(family.repeat(301), 'public')).toMatch(/1 characters over Bluesky's limit of 300/);
    await expect(
      replyCase({ ctx: rig.ctx, input: { caseId, actor: AGENT, text: 'a'.repeat(301), mode: 'public', sign: false } }),
    ).rejects.toThrow(/1 characters over Bluesky's limit of 300/);
    expect(w.core.handle.db.select().from(outbox).where(eq(outbox.kind, 'reply.public')).all()).toHaveLength(0);
    // 300 families are 7,500 bytes: over the 3,000-byte cap even at 300 graphemes.
    expect(adapter.validate!(family.repeat(300), 'public')).toMatch(/bytes/);
    const ok = 'é'.repeat(150) + 'שלום'.repeat(37) + '!!';
    expect(adapter.validate!(ok, 'public')).toBeNull();
    const view = await rig.reply(caseId, ok, 'public');
    expect(view.lastReply?.status).toBe('done');
  });

  it('shows on the card when the post was deleted before the reply went out', async () => {
    const { caseId, uri } = await caseFor('@acme.bsky.social where is my refund');
    w.fake.net.records.delete(uri);
    const view = await rig.reply(caseId, 'Sorry Jane, checking now.', 'public');
    expect(view.lastReply).toMatchObject({ status: 'failed' });
    expect(view.lastReply?.error).toMatch(/deleted/);
    expect(rig.threadLines(caseId).some((l) => l.includes('NOT delivered') && l.includes('deleted'))).toBe(true);
    expect(w.fake.postsBy(w.brand)).toHaveLength(0);
  });

  it('waits for the write budget: a 429 carries the wait to ratelimit-reset, on the injected clock', async () => {
    const { caseId, uri } = await caseFor('@acme.bsky.social hello');
    w.fake.pointsPerHour = 3;
    await adapter.replyPublic({
      caseId,
      inReplyTo: uri,
      author: { id: w.jane.did, handle: 'jane.bsky.social' },
      text: 'First.',
      idempotencyKey: 'k1',
    });
    const error = await adapter
      .replyPublic({
        caseId,
        inReplyTo: uri,
        author: { id: w.jane.did, handle: 'jane.bsky.social' },
        text: 'Second.',
        idempotencyKey: 'k2',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    const now = w.core.clock.now().getTime();
    const reset = Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000;
    // The outbox's one rule: a 429 is retried, after the wait Bluesky asked for.
    expect(judgeFailure(error, true)).toEqual({ kind: 'retry', delayMs: reset - now + 1000 });
  });

  it("keeps its own count of write points (3 a post), across restarts, and waits before Bluesky's 5,000 an hour would refuse", async () => {
    const { caseId, uri } = await caseFor('@acme.bsky.social hi');
    const input = { caseId, inReplyTo: uri, author: { id: w.jane.did }, idempotencyKey: 'k' };
    for (let i = 0; i < 3; i += 1) await adapter.replyPublic({ ...input, text: `Reply ${i}` });
    const metrics = await w.metrics.render();
    expect(metrics.body).toMatch(/klaxon_source_write_points_used\{source="bluesky",window="hour"\} 9/);
    expect(metrics.body).toMatch(/klaxon_source_write_points_limit\{source="bluesky",window="day"\} 35000/);
    expect(metrics.body).toMatch(
      /klaxon_source_rate_limit_remaining\{source="bluesky",limit="app.bsky.notification.listNotifications"\} \d+/,
    );

    // 40 minutes ago the brand posted 1,663 times (4,989 points): a restarted adapter remembers.
    const minute = Math.floor(w.core.clock.now().getTime() / 60_000);
    const { kvCursorStore } = await import('../../adapters/source-kit/kv-cursors.js');
    await kvCursorStore(w.core.handle.db, 'bluesky', w.core.clock).set(
      'write-points',
      JSON.stringify([
        [minute - 40, 4989],
        [minute, 9],
      ]),
    );
    const restarted = w.adapter();
    const posted = w.fake.postsBy(w.brand).length;
    const error = await restarted.replyPublic({ ...input, text: 'One more.' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    // The 4,989 points leave the hour's window 20 minutes from now (rounded up to the minute).
    const now = w.core.clock.now().getTime();
    expect((error as RetryableError).retryAfterMs).toBe((minute - 40 + 1) * 60_000 + 3_600_000 - now);
    expect(w.fake.postsBy(w.brand)).toHaveLength(posted);
    expect(w.fake.callsTo('com.atproto.repo.createRecord')).toHaveLength(3);
  });

  it('an answer lost after the post was made is uncertain, never resent, and the retry finds it on Bluesky', async () => {
    const { caseId, uri } = await caseFor('@acme.bsky.social hello');
    w.fake.loseAnswers('com.atproto.repo.createRecord');
    const view = await rig.reply(caseId, 'We are on it, Jane.', 'public');
    expect(view.lastReply?.status).toBe('uncertain');
    expect(view.lastReply?.error).toMatch(/may have reached Bluesky/);
    expect(w.fake.postsBy(w.brand)).toHaveLength(1);
    const since = new Date(w.core.clock.now().getTime() - 1000);
    const found = await adapter.findDelivered!(
      { caseId, inReplyTo: uri, author: { id: w.jane.did }, text: 'We are on it, Jane.', idempotencyKey: 'x' },
      'public',
      since,
    );
    expect(found?.id).toBe(w.fake.postsBy(w.brand)[0]!.uri);
    expect(
      await adapter.findDelivered!(
        { caseId, inReplyTo: uri, author: { id: w.jane.did }, text: 'Something else', idempotencyKey: 'y' },
        'public',
        since,
      ),
    ).toBeNull();
    // A post from before the first attempt is not this reply.
    expect(
      await adapter.findDelivered!(
        { caseId, inReplyTo: uri, author: { id: w.jane.did }, text: 'We are on it, Jane.', idempotencyKey: 'x' },
        'public',
        new Date(w.core.clock.now().getTime() + 10 * 60_000),
      ),
    ).toBeNull();

    // Retry reply: the outbox looks first, finds it, and does not post again.
    const { retryReply } = await import('../../src/cases/verbs/retry-reply.js');
    await retryReply({ ctx: rig.ctx, input: { caseId, actor: AGENT, outboxId: view.lastReply!.outboxId } });
    rig.worker.kick();
    await vi.waitFor(() => expect(rig.threadLines(caseId).some((l) => l.includes('found on bluesky'))).toBe(true));
    expect(w.fake.postsBy(w.brand)).toHaveLength(1);
  });

  it('keeps the session alive: an expired access token is refreshed, not a new login', async () => {
    const { caseId, uri } = await caseFor('@acme.bsky.social hi');
    const logins = w.fake.callsTo('com.atproto.server.createSession').length;
    w.fake.expireAccessTokens();
    await adapter.replyPublic({ caseId, inReplyTo: uri, author: { id: w.jane.did }, text: 'Still here.', idempotencyKey: 'k' });
    expect(w.fake.callsTo('com.atproto.server.refreshSession')).toHaveLength(1);
    expect(w.fake.callsTo('com.atproto.server.createSession')).toHaveLength(logins);
    expect(w.logs.lines.join('\n')).not.toContain(APP_PASSWORD);
  });
});

describe('Bluesky private replies', () => {
  it('sends a direct message through the chat service (atproto-proxy header)', async () => {
    const { caseId } = await caseFor('@acme.bsky.social my account was charged twice');
    const view = await rig.reply(caseId, 'Hi Jane, could you DM us the last 4 digits of the card? 🙏', 'private');
    expect(view.lastReply).toMatchObject({ status: 'done', mode: 'private' });
    const convo = [...w.fake.chat.convos.values()][0]!;
    expect(convo.members).toEqual([w.brand.did, w.jane.did].sort());
    expect(convo.messages.map((m) => m.text)).toEqual(['Hi Jane, could you DM us the last 4 digits of the card? 🙏']);
    expect(w.fake.callsTo('chat.bsky.convo.sendMessage').every((c) => c.proxy === 'did:web:api.bsky.chat#bsky_chat')).toBe(true);
    expect(view.lastReply?.link).toBe(`https://bsky.app/messages/${convo.id}`);
  });

  it('a customer who does not accept messages: the refusal is on the card, and the card then offers public replies only', async () => {
    w.jane.allowIncoming = 'following';
    const { caseId, uri } = await caseFor('@acme.bsky.social please call me');
    const view = await rig.reply(caseId, 'Hi Jane, we sent you a message.', 'private');
    expect(view.lastReply?.status).toBe('failed');
    expect(view.lastReply?.error).toMatch(/accepts direct messages on Bluesky only from accounts they follow/);
    expect(rig.threadLines(caseId).some((l) => l.includes('NOT delivered'))).toBe(true);
    expect(adapter.capabilities({ externalId: uri, isPrivate: false, text: 'x' })).toEqual({
      publicReply: { possible: true },
      privateReply: { possible: false, why: expect.stringMatching(/only from accounts they follow/) },
    });
  });
});
