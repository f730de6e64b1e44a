import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MastodonAdapter } from '../../adapters/mastodon/index.js';
import { mastodonLength } from '../../adapters/mastodon/length.js';
import { cases } from '../../db/schema/index.js';
import { judgeFailure } from '../../src/outbox/delivery-policy.js';
import { DeliveryError } from '../../src/ports.js';
import { replyRig, type ReplyRig } from '../sources/reply-rig.js';
import { countLength } from './fake/content.js';
import type { FakeStatus } from './fake/server.js';
import { startMastodonWorld, type MastodonWorld } from './setup.js';

let w: MastodonWorld;
let adapter: MastodonAdapter;
let rig: ReplyRig;

async function caseFor(_status: FakeStatus): Promise<number> {
  await vi.waitFor(() => expect(w.core.handle.db.select().from(cases).all().length).toBeGreaterThan(0));
  await w.settle(adapter);
  return w.core.handle.db.select().from(cases).all().at(-1)!.id;
}

beforeEach(async () => {
  w = await startMastodonWorld();
  adapter = w.adapter();
  await adapter.start(w.sink);
  await w.settle(adapter);
  await vi.waitFor(() => expect(adapter.listener.connected).toBe(true));
  rig = await replyRig(w.core, adapter, w.logs.logger);
});
afterEach(async () => {
  await rig.close();
  await w.close();
});

describe('Mastodon replies', () => {
  it('replies in public with in_reply_to_id and the author’s @handle, keeping a followers-only post followers-only', async () => {
    const status = w.fake.post(w.omar, '@acme@social.example my order #5512 never came', { visibility: 'private' });
    const caseId = await caseFor(status);
    const view = await rig.reply(caseId, 'So sorry! Tracking: https://acme.example/track/5512', 'public');
    expect(view.lastReply).toMatchObject({ status: 'done', mode: 'public' });
    const sent = w.fake.statusesBy(w.brand).at(-1)!;
    expect(sent).toMatchObject({
      text: '@omar@other.example So sorry! Tracking: https://acme.example/track/5512',
      in_reply_to_id: status.id,
      visibility: 'private',
    });
    const post = w.fake.requestsTo('POST', /^\/api\/v1\/statuses$/).at(-1)!;
    expect(post.headers['idempotency-key']).toMatch(/^klaxon-reply-\d+$/);
    expect(view.lastReply?.link).toBe(`https://social.example/@acme/${sent.id}`);
  });

  it('a direct message goes with visibility "direct"', async () => {
    const status = w.fake.post(w.jane, '@acme I was charged twice');
    const caseId = await caseFor(status);
    const view = await rig.reply(caseId, 'Hi Jane, which card was it? We will refund you today.', 'private');
    expect(view.lastReply).toMatchObject({ status: 'done', mode: 'private' });
    expect(w.fake.statusesBy(w.brand).at(-1)).toMatchObject({
      visibility: 'direct',
      text: '@jane Hi Jane, which card was it? We will refund you today.',
      in_reply_to_id: status.id,
    });
  });

  it('uses the instance’s own limit from /api/v2/instance, links counting 23, and shows a refusal on the card', async () => {
    w.fake.maxCharacters = 100;
    await adapter.stop();
    adapter = w.adapter();
    await adapter.start(w.sink);
    await w.settle(adapter);
    await vi.waitFor(() => expect(adapter.identity.limits.maxCharacters).toBe(100));
    const longLink = `https://example.org/${'p'.repeat(200)}`;
    expect(adapter.measure!(`See ${longLink}`)).toEqual({ used: 27, limit: 100 });
    expect(adapter.validate!('x'.repeat(101), 'public')).toMatch(/1 characters over this instance's limit of 100/);
    const status = w.fake.post(w.jane, '@acme hello');
    const caseId = await caseFor(status);
    // 95 characters fit alone, but not with "@jane " in front: refused with the reason, nothing posted.
    await rig.close();
    rig = await replyRig(w.core, adapter, w.logs.logger);
    const view = await rig.reply(caseId, 'y'.repeat(95), 'public');
    expect(view.lastReply?.status).toBe('failed');
    expect(view.lastReply?.error).toMatch(/over this instance's limit of 100/);
    expect(w.fake.statusesBy(w.brand)).toHaveLength(0);
  });

  it('the post was deleted: the card says so', async () => {
    const status = w.fake.post(w.jane, '@acme where is my parcel');
    const caseId = await caseFor(status);
    w.fake.statuses.delete(status.id);
    const view = await rig.reply(caseId, 'Checking now.', 'public');
    expect(view.lastReply?.status).toBe('failed');
    expect(view.lastReply?.error).toMatch(/deleted/);
    expect(rig.threadLines(caseId).some((l) => l.includes('NOT delivered'))).toBe(true);
  });

  it(
    'a 429 is retried after X-RateLimit-Reset (measured on the injected clock); a lost answer is uncertain and findDelivered finds ' +
      'the post',
    async () => {
      const status = w.fake.post(w.jane, '@acme hello');
      const caseId = await caseFor(status);
      const input = {
        caseId,
        inReplyTo: status.id,
        author: { id: w.jane.id, handle: 'jane' },
        conversationId: status.id,
        text: 'On it!',
        idempotencyKey: 'key-1',
      };
      const reset = new Date(w.core.clock.now().getTime() + 90_000);
      w.fake.inject('POST', /^\/api\/v1\/statuses$/, {
        status: 429,
        body: { error: 'Too many requests' },
        headers: { 'x-ratelimit-reset': reset.toISOString(), 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '300' },
      });
      const error = await adapter.replyPublic(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryError);
      expect(judgeFailure(error, true)).toEqual({ kind: 'retry', delayMs: 91_000 });
      w.fake.loseAnswers('POST', /^\/api\/v1\/statuses$/);
      const lost = await adapter.replyPublic(input).catch((e: unknown) => e);
      expect(judgeFailure(lost, true)).toEqual({ kind: 'uncertain' });
      expect(w.fake.statusesBy(w.brand)).toHaveLength(1);
      // The same key again returns the same status (Mastodon keeps Idempotency-Key an hour): never two posts.
      const again = await adapter.replyPublic(input);
      expect(w.fake.statusesBy(w.brand)).toHaveLength(1);
      const since = new Date(w.core.clock.now().getTime() - 1000);
      expect((await adapter.findDelivered!(input, 'public', since))?.id).toBe(again.id);
      expect(await adapter.findDelivered!(input, 'private', since)).toBeNull();
    },
  );
});

describe('Mastodon length counting', () => {
  it('agrees with the instance’s own count on real-world text (links, remote mentions, emoji, RTL)', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '@jane',
        '@omar@other.example',
        'https://acme.example/t?id=1',
        `https://x.example/${'q'.repeat(120)}`,
        '👩‍👩‍👧‍👦',
        '🇬🇧',
        'e\u0301',
        'مرحبا',
        '\u200F',
        '\n',
        ' ',
      ),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((p) => p.join(' ')),
        (text) => {
          expect(mastodonLength(text, { maxCharacters: 500, urlLength: 23 })).toBe(countLength(text, 23));
        },
      ),
      { numRuns: 400 },
    );
  });
});
