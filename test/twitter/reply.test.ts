import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mentions } from '../../db/schema/index.js';
import { DUPLICATE_REPLY_MESSAGE } from '../../adapters/twitter/reply-source.js';
import { isKlaxonError, type KlaxonError } from '../../src/errors.js';
import { DeliveryError, type ReplyInput, type ReplySource } from '../../src/ports.js';
import { judgeFailure } from '../../src/outbox/delivery-policy.js';
import type { FakeTweet } from './fake-x.js';
import { startXWorld, type XWorld } from './setup.js';

const POST_TWEETS = /^\/2\/tweets$/;

describe('X replies and DMs against a fake X API v2', () => {
  let x: XWorld;
  let source: ReplySource;
  let complaint: FakeTweet;
  const input = (overrides: Partial<ReplyInput> = {}): ReplyInput => ({
    caseId: 1,
    inReplyTo: complaint.id,
    author: { id: '42', handle: 'jane' },
    conversationId: complaint.conversation_id,
    text: 'Sorry Jane, a replacement is on its way. ^AB',
    idempotencyKey: 'reply:1:1',
    ...overrides,
  });

  beforeEach(async () => {
    x = await startXWorld();
    complaint = x.fake.tweet(x.jane, '@AcmeCare my order never came');
    source = x.adapter().replySource!;
  });
  afterEach(async () => {
    await x.close();
  });

  it('posts a public reply as the brand account and returns its id and link', async () => {
    const sent = await source.replyPublic(input());
    const posts = x.fake.requestsTo('POST', POST_TWEETS);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      auth: 'oauth1',
      body: { text: 'Sorry Jane, a replacement is on its way. ^AB', reply: { in_reply_to_tweet_id: complaint.id } },
    });
    expect(sent.url).toBe(`https://x.com/acmecare/status/${sent.id}`);
    expect(x.fake.tweets.find((t) => t.id === sent.id)?.referenced_tweets).toEqual([{ type: 'replied_to', id: complaint.id }]);
    expect(x.core.handle.db.select().from(mentions).where(eq(mentions.externalId, sent.id!)).get()).toMatchObject({
      direction: 'outbound',
      inReplyTo: complaint.id,
      caseId: 1,
    });
    expect(await x.calls('reply')).toBe(1);
  });

  it('refuses a reply over 280 weighted characters before calling X, saying by how much', async () => {
    const text = `${'a'.repeat(270)} 😀😀😀😀😀😀`; // 270 + space + 6 emoji × 2 = 283
    const error = await source.replyPublic(input({ text })).catch((e: unknown) => e);
    expect(isKlaxonError(error, 'invalid_input')).toBe(true);
    expect((error as KlaxonError).message).toContain('3 characters over');
    expect(x.fake.requestsTo('POST', POST_TWEETS)).toHaveLength(0);
  });

  it("turns X's duplicate-text refusal into a clear message for the agent", async () => {
    await source.replyPublic(input());
    const error = await source.replyPublic(input({ idempotencyKey: 'reply:1:2' })).catch((e: unknown) => e);
    expect(isKlaxonError(error, 'delivery_failed')).toBe(true);
    expect((error as KlaxonError).message).toBe(DUPLICATE_REPLY_MESSAGE);
  });

  it('recognises the v1.1 form of the refusal, error 187', async () => {
    x.fake.inject('POST', POST_TWEETS, { status: 403, body: { errors: [{ code: 187, message: 'Status is a duplicate.' }] } });
    const error = await source.replyPublic(input()).catch((e: unknown) => e);
    expect((error as KlaxonError).message).toBe(DUPLICATE_REPLY_MESSAGE);
  });

  it('after a send whose answer was lost, a duplicate refusal says the first attempt probably went through', async () => {
    x.fake.loseAnswers('POST', POST_TWEETS);
    const lost = await source.replyPublic(input()).catch((e: unknown) => e);
    // The request was written and the answer lost: the outbox's rule calls that uncertain.
    expect(lost).toBeInstanceOf(DeliveryError);
    expect(lost).toMatchObject({ phase: 'sent', status: null });
    expect(judgeFailure(lost, true)).toEqual({ kind: 'uncertain' });
    // A person retries by hand; X now has the post and refuses the same text again.
    const retried = await source.replyPublic(input()).catch((e: unknown) => e);
    expect(isKlaxonError(retried, 'delivery_failed')).toBe(true);
    expect((retried as KlaxonError).message).toContain('an earlier attempt probably went through');
    expect(x.fake.tweets.filter((t) => t.author_id === '900')).toHaveLength(1);
  });

  it('a 429 is retried by the outbox after x-rate-limit-reset on the injected clock', async () => {
    const reset = x.core.clock.now().getTime() / 1000 + 900;
    x.fake.rateLimit('POST', POST_TWEETS, reset);
    const error = await source.replyPublic(input()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 901_000 });
    expect(judgeFailure(error, true)).toEqual({ kind: 'retry', delayMs: 901_000 });
  });

  it('a 503 is retried with the outbox backoff, a 500 is uncertain; other refusals are final with words for the agent', async () => {
    x.fake.inject('POST', POST_TWEETS, { status: 503, body: { title: 'Service Unavailable', detail: 'overloaded', type: 'about:blank' } });
    const busy = await source.replyPublic(input()).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(DeliveryError);
    expect(busy).toMatchObject({ phase: 'sent', status: 503, retryAfterMs: null });
    expect(judgeFailure(busy, true)).toEqual({ kind: 'retry', delayMs: null });

    // A 500 may come after X posted it: uncertain, never resent by itself.
    x.fake.inject('POST', POST_TWEETS, { status: 500, body: { title: 'Internal Error', detail: 'oops', type: 'about:blank' } });
    const broken = await source.replyPublic(input()).catch((e: unknown) => e);
    expect(judgeFailure(broken, true)).toEqual({ kind: 'uncertain' });

    x.fake.inject('POST', POST_TWEETS, {
      status: 403,
      body: { title: 'Forbidden', detail: 'You are not permitted to reply to this conversation.', type: 'about:blank' },
    });
    const refused = await source.replyPublic(input()).catch((e: unknown) => e);
    expect(isKlaxonError(refused, 'delivery_failed')).toBe(true);
    expect((refused as KlaxonError).message).toContain('You are not permitted to reply to this conversation');
  });

  it('sends a direct message to the customer (Move to DM)', async () => {
    const sent = await source.sendPrivate(input({ text: 'Hi Jane, could you send us your order number?' }));
    expect(x.fake.dms).toEqual([{ participantId: '42', text: 'Hi Jane, could you send us your order number?', eventId: sent.id }]);
    expect(x.fake.requestsTo('POST', /^\/2\/dm_conversations\/with\/42\/messages$/)[0]?.auth).toBe('oauth1');
    expect(sent.url).toBe('https://x.com/messages/900-42');
    expect(await x.calls('dm')).toBe(1);
  });

  it('finds the customer by handle when only the handle is known', async () => {
    await source.sendPrivate(input({ author: { handle: '@jane' }, text: 'Hello from Acme' }));
    expect(x.fake.dms[0]?.participantId).toBe('42');
  });

  it('explains a refused DM (the customer does not accept messages from the brand)', async () => {
    x.fake.inject('POST', /^\/2\/dm_conversations\//, {
      status: 403,
      body: { title: 'Forbidden', detail: 'You cannot send messages to this user.', type: 'about:blank' },
    });
    const error = await source.sendPrivate(input({ text: 'Hello' })).catch((e: unknown) => e);
    expect(isKlaxonError(error, 'delivery_failed')).toBe(true);
    expect((error as KlaxonError).message).toContain('may not accept messages from the brand account');
  });

  it('has no reply source without the user-context credentials', () => {
    expect(x.adapter({ userContext: null }).replySource).toBeNull();
  });

  it('lets the reply form check and count before queueing (validate, measure)', () => {
    expect(source.validate!('Thanks Jane!', 'public')).toBeNull();
    expect(source.validate!('a'.repeat(285), 'public')).toContain('5 characters over');
    expect(source.validate!('a'.repeat(285), 'private')).toBeNull();
    expect(source.measure!('hi 😀 https://example.com/x')).toEqual({ used: 3 + 2 + 1 + 23, limit: 280 });
  });
});
