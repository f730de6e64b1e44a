import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cases, outbox } from '../../db/schema/index.js';
import { loadLastReply } from '../../src/cases/view.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { retryReply } from '../../src/cases/verbs/retry-reply.js';
import { startReplyWorld, type ReplyWorld } from './reply-world.js';

const agent = { id: 'slack:U1', name: 'Ann Agent', platform: 'slack' };
const POST_TWEETS = /^\/2\/tweets$/;
const POST_DM = /^\/2\/dm_conversations\/with\/\d+\/messages$/;

/**
 * X takes no idempotency key: a reply whose answer was lost is uncertain, and a manual retry
 * first looks on X (the brand's recent replies to that post, through the real twitter-api-v2
 * client against the fake) and sends only when it is not there.
 */
describe('retrying an uncertain X reply by hand', () => {
  let world: ReplyWorld;
  beforeEach(async () => {
    world = await startReplyWorld();
    // X stamps what it creates with the same (injected) clock the app runs on.
    world.x.fake.now = () => world.x.core.clock.now();
  });
  afterEach(() => world.close());

  const lastReply = () => loadLastReply(world.x.core.handle.db, world.caseId);
  const brandPosts = () => world.x.fake.tweets.filter((t) => t.author_id === world.x.brand.id);
  const threadLines = () =>
    world.x.core.handle.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'thread.post'), eq(outbox.caseId, world.caseId)))
      .all()
      .map((r) => (r.payload as { text: string }).text);

  it('a reply whose answer was lost is uncertain (sent once); the retry finds it on X and does not post again', async () => {
    const { x, worker, ctx, caseId } = world;
    x.fake.loseAnswers('POST', POST_TWEETS);
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'Sorry Jane, the refund is on its way.', mode: 'public' } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('uncertain'));
    await worker.drain(1000);
    expect(x.fake.requestsTo('POST', POST_TWEETS)).toHaveLength(1);
    expect(brandPosts()).toHaveLength(1);
    expect(threadLines().some((t) => t.startsWith('❓ Delivery uncertain'))).toBe(true);

    x.core.clock.advance(10 * 60_000);
    const first = lastReply()!;
    expect((await retryReply({ ctx, input: { caseId, actor: agent, outboxId: first.outboxId } })).changed).toBe(true);
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('done'));
    expect(x.fake.requestsTo('POST', POST_TWEETS)).toHaveLength(1);
    expect(x.fake.requestsTo('GET', /^\/2\/users\/900\/tweets$/).at(-1)?.query.start_time).toMatch(/^2026-11-23T09:58:00Z$/);
    expect(lastReply()?.link).toBe(`https://x.com/acmecare/status/${brandPosts()[0]!.id}`);
    expect(threadLines().some((t) => t.includes('found on twitter') && t.includes('not sent again'))).toBe(true);
    expect(x.core.handle.db.select().from(cases).get()).toMatchObject({ firstResponseVia: 'klaxon' });
  });

  it('when the earlier attempt did not arrive (a 502 before X stored it), the retry looks, finds nothing and posts once', async () => {
    const { x, worker, ctx, caseId } = world;
    x.fake.inject('POST', POST_TWEETS, { status: 502, body: { title: 'Bad Gateway', detail: 'upstream', type: 'about:blank' } });
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'Sorry Jane, the refund is on its way.', mode: 'public' } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('uncertain'));
    expect(brandPosts()).toHaveLength(0);

    await retryReply({ ctx, input: { caseId, actor: agent, outboxId: lastReply()!.outboxId } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('done'));
    expect(brandPosts()).toHaveLength(1);
    expect(x.fake.requestsTo('POST', POST_TWEETS)).toHaveLength(2);
    expect(await x.calls('own_posts_read')).toBeGreaterThanOrEqual(1);
  });

  it('a brand reply to the same post from before the attempt is not taken for it', async () => {
    const { x, worker, ctx, caseId } = world;
    const complaint = x.fake.tweets.find((t) => t.author_id === x.jane.id)!;
    x.fake.tweet(x.brand, 'An older answer from last week', { replyTo: complaint, createdAt: '2026-11-16T10:00:00.000Z' });
    x.fake.inject('POST', POST_TWEETS, { status: 504, body: { title: 'Gateway Timeout', detail: 'slow', type: 'about:blank' } });
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'Sorry Jane, the refund is on its way.', mode: 'public' } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('uncertain'));
    await retryReply({ ctx, input: { caseId, actor: agent, outboxId: lastReply()!.outboxId } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('done'));
    expect(brandPosts().map((t) => t.text)).toEqual(['An older answer from last week', 'Sorry Jane, the refund is on its way.']);
  });

  it('a direct message whose answer was lost is found in the DM conversation and not sent twice', async () => {
    const { x, worker, ctx, caseId } = world;
    x.fake.loseAnswers('POST', POST_DM);
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'Hi Jane, what is your order number?', mode: 'private' } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('uncertain'));
    expect(x.fake.dms).toHaveLength(1);
    await retryReply({ ctx, input: { caseId, actor: agent, outboxId: lastReply()!.outboxId } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('done'));
    expect(x.fake.dms).toHaveLength(1);
    expect(x.fake.requestsTo('GET', /^\/2\/dm_conversations\/with\/42\/dm_events$/)).toHaveLength(1);
    expect(lastReply()?.link).toBe('https://x.com/messages/900-42');
  });
});
