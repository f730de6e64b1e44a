import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetaSourceAdapter } from '../../adapters/meta/index.js';
import { igComment, igMentionComment, igMessage } from './payloads.js';
import { caseOf, replyInputFor } from './rig.js';
import { startMetaWorld, type MetaWorld } from './world.js';

const HOUR = 3_600_000;

describe('Instagram professional account as a source', () => {
  let w: MetaWorld;
  let ig: MetaSourceAdapter;
  let fb: MetaSourceAdapter;
  beforeEach(async () => {
    w = await startMetaWorld();
    ig = w.instagram();
    fb = w.facebook();
    await ig.start(w.sink);
    await fb.start(w.sink);
  });
  afterEach(async () => {
    await w.close();
  });

  const store = () => w.graph.store;
  async function arrive(...payloads: Record<string, unknown>[]) {
    for (const p of payloads) expect((await w.deliver(p)).status).toBe(200);
    await w.settle(ig);
    await w.settle(fb);
  }

  it('comments, @mentions (read through the Graph API) and Direct messages become cases; only Instagram takes them', async () => {
    const lena = store().igUser('lena.travels', 'Lena K');
    const c = igComment(store(), { from: lena, text: 'Your app charged me twice 😤 @acmecare fix this' });
    const m = igMentionComment(store(), {
      from: store().igUser('max_b'),
      text: '@acmecare the 8:15 train was cancelled AGAIN, I will miss my exam',
    });
    const dm = igMessage(store(), { from: lena, text: 'Hi, can you check booking ABC123?' });
    await arrive(c.payload, m.payload, dm.payload);
    const rows = w.mentions('instagram');
    expect(rows.map((r) => r.externalId)).toEqual([c.id, m.id, dm.mid]);
    expect(rows[0]).toMatchObject({
      authorHandle: 'lena.travels',
      isPrivate: false,
      url: 'https://www.instagram.com/p/18000000000000500/',
    });
    expect(rows[1]).toMatchObject({
      authorHandle: 'max_b',
      text: '@acmecare the 8:15 train was cancelled AGAIN, I will miss my exam',
      conversationId: `media:${m.mediaId}`,
    });
    expect(rows[2]).toMatchObject({ authorName: 'Lena K', isPrivate: true, conversationId: `dm:${lena.id}` });
    expect(w.mentions('facebook')).toHaveLength(0);
    const mentionRead = w.graph.requests.find((r) => r.query.fields?.startsWith('mentioned_comment'));
    expect(mentionRead?.path).toBe(store().ig.id);
    expect(mentionRead?.query.fields).toBe(`mentioned_comment.comment_id(${m.id}){id,text,timestamp,username,from,media{id,permalink}}`);
  });

  it('the account answering a comment on Instagram marks the case answered outside Klaxon', async () => {
    const lena = store().igUser('lena.travels');
    const c = igComment(store(), { from: lena, text: 'Where is my refund?' });
    await arrive(c.payload);
    const reply = igComment(store(), {
      from: { id: store().ig.id, username: store().ig.username },
      text: 'Hi Lena, check your DMs!',
      parentId: c.id,
    });
    await arrive(reply.payload);
    expect(
      w.core.handle.db
        .select()
        .from((await import('../../db/schema/index.js')).cases)
        .get()?.firstResponseVia,
    ).toBe('outside');
  });

  it('replies: POST /{ig-comment-id}/replies, /{ig-user-id}/mentions, a private reply and Direct messages within the window', async () => {
    const lena = store().igUser('lena.travels');
    const c = igComment(store(), { from: lena, text: 'Lost luggage, nobody answers the phone' });
    const m = igMentionComment(store(), { from: store().igUser('max_b'), text: '@acmecare refund my ticket please' });
    const dm = igMessage(store(), { from: lena, text: 'Booking ABC123' });
    await arrive(c.payload, m.payload, dm.payload);
    await ig.replyPublic(replyInputFor(w.core, 'instagram', c.id, 'So sorry Lena, we sent you a DM.'));
    await ig.replyPublic(replyInputFor(w.core, 'instagram', m.id, 'Hi Max, please DM us your booking number.'));
    expect(w.graph.writes().map((r) => [r.path, r.body])).toEqual([
      [`${c.id}/replies`, { message: 'So sorry Lena, we sent you a DM.' }],
      [`${store().ig.id}/mentions`, { comment_id: m.id, media_id: m.mediaId, message: 'Hi Max, please DM us your booking number.' }],
    ]);
    await ig.sendPrivate(replyInputFor(w.core, 'instagram', c.id, 'Please share your bag tag number.'));
    expect(w.graph.writes().at(-1)).toMatchObject({
      path: 'me/messages',
      body: { recipient: { comment_id: c.id }, message: { text: 'Please share your bag tag number.' } },
    });
    await expect(ig.sendPrivate(replyInputFor(w.core, 'instagram', m.id, 'psst'))).rejects.toThrow(
      /only to a comment on the account's own posts/,
    );
    await ig.sendPrivate(replyInputFor(w.core, 'instagram', dm.mid, 'Found it: it arrives Friday.'));
    expect(store().sent.map((s) => [s.kind, s.to])).toEqual([
      ['private_reply', c.id],
      ['dm', lena.id],
    ]);
    w.timers.advance(25 * HOUR);
    await expect(ig.sendPrivate(replyInputFor(w.core, 'instagram', dm.mid, 'Anything else?'))).rejects.toThrow(
      /^Not sent: Instagram Direct's 24-hour messaging window closed 1h ago/,
    );
    expect(
      ig.capabilities({ externalId: dm.mid, isPrivate: true, text: '', createdAt: new Date(w.core.clock.now().getTime() - 25 * HOUR) })
        .privateReply.why,
    ).toBe("Instagram Direct's 24-hour window closed 1h ago: no message until the customer writes again");
    expect(ig.validate?.('x'.repeat(2201), 'public')).toMatch(/2,200/);
    expect(ig.validate?.('x'.repeat(1001), 'private')).toMatch(/1,000/);
  });

  it('a mention that cannot be read (deleted) is skipped; one that fails for a passing reason is retried, never lost', async () => {
    const max = store().igUser('max_b');
    const gone = igMentionComment(store(), { from: max, text: '@acmecare hello' });
    store().igComments.delete(gone.id);
    const later = igMentionComment(store(), { from: max, text: '@acmecare my seat was double-booked' });
    w.graph.inject({
      method: 'GET',
      path: new RegExp(`^${store().ig.id}$`),
      status: 503,
      body: { error: { message: 'Service unavailable', code: 2, is_transient: true } },
    });
    await arrive(later.payload);
    expect(w.mentions('instagram')).toHaveLength(0);
    w.timers.advance(60_000);
    await w.settle(ig);
    expect(w.mentions('instagram').map((r) => r.externalId)).toEqual([later.id]);
    await arrive(gone.payload);
    expect(w.mentions('instagram')).toHaveLength(1);
    expect(caseOf(w.core, 'instagram', later.id)).toBeGreaterThan(0);
  });
});
