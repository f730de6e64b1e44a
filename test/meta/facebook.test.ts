import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cases, caseEvents } from '../../db/schema/index.js';
import type { MetaSourceAdapter } from '../../adapters/meta/index.js';
import { KlaxonError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { fbComment, fbCommentEdit, fbEcho, fbMessage, fbMessageEdit, fbPageReply, fbReaction, fbShare, fbVisitorPost } from './payloads.js';
import { caseOf, replyInputFor, replyRig } from './rig.js';
import { refuseMentionsContaining } from '../helpers/refuse-mentions.js';
import { PAGE_TOKEN, startMetaWorld, type MetaWorld } from './world.js';

const HOUR = 3_600_000;

describe('Facebook Page as a source', () => {
  let w: MetaWorld;
  let fb: MetaSourceAdapter;
  beforeEach(async () => {
    w = await startMetaWorld();
    fb = w.facebook();
    await fb.start(w.sink);
  });
  afterEach(async () => {
    await w.close();
  });

  const store = () => w.graph.store;
  const caseRows = () => w.core.handle.db.select().from(cases).all();
  async function arrive(...payloads: Record<string, unknown>[]) {
    for (const p of payloads) expect((await w.deliver(p)).status).toBe(200);
    await w.settle(fb);
  }

  it('a comment becomes a case with the details read from the Graph API (versioned, token in the header only)', async () => {
    const jane = store().fbUser('Jane Doe');
    const c = fbComment(store(), { from: jane, message: 'Your driver left my parcel in the rain and it is ruined. I want a refund!' });
    await arrive(c.payload);
    const [m] = w.mentions('facebook');
    expect(m).toMatchObject({
      externalId: c.id,
      authorId: jane.id,
      authorName: 'Jane Doe',
      direction: 'inbound',
      isPrivate: false,
      conversationId: `post:${store().page.id}_500`,
    });
    expect(m?.url).toBe(`https://www.facebook.com/${store().page.id}_500?comment_id=${c.id}`);
    expect(caseRows()).toHaveLength(1);
    const reads = w.graph.requests.filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThan(0);
    for (const r of w.graph.requests) {
      expect(r.version).toBe('v25.0');
      expect(r.authorization).toBe(`Bearer ${PAGE_TOKEN}`);
      expect(r.rawUrl).not.toContain(PAGE_TOKEN);
      expect(r.query.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('visitor posts, follow-up comments and Messenger messages: one case each, follow-ups join', async () => {
    const jane = store().fbUser('Jane Doe');
    const omar = store().fbUser('Omar Haddad');
    const post = fbVisitorPost(store(), { from: omar, message: 'Three weeks without hot water in flat 4B. Nobody calls back.' });
    const first = fbComment(store(), { from: jane, message: 'My bill doubled this month' });
    await arrive(post.payload, first.payload);
    const again = fbComment(store(), { from: jane, message: 'Still waiting for an answer…', parentId: first.id });
    const dm = fbMessage(store(), { from: jane, text: 'Hello? Can someone help me with my bill?' });
    const photo = fbMessage(store(), { from: jane, attachments: ['image'] });
    await arrive(again.payload, dm.payload, photo.payload);
    expect(caseOf(w.core, 'facebook', again.id)).toBe(caseOf(w.core, 'facebook', first.id));
    expect(caseOf(w.core, 'facebook', photo.mid)).toBe(caseOf(w.core, 'facebook', dm.mid));
    expect(caseOf(w.core, 'facebook', dm.mid)).not.toBe(caseOf(w.core, 'facebook', first.id));
    expect(caseRows()).toHaveLength(3);
    const messages = w.mentions('facebook').filter((m) => m.isPrivate);
    expect(messages.map((m) => m.text)).toEqual(['Hello? Can someone help me with my bill?', '📎 image (not stored)']);
    expect(messages[0]?.authorName).toBe('Jane Doe');
    // The name was read once, then remembered.
    expect(w.graph.requests.filter((r) => r.path === jane.id)).toHaveLength(1);
  });

  it('a delivery whose comment the core could not store stays in the inbox and is processed again with backoff', async () => {
    const jane = store().fbUser('Jane Doe');
    const lift = refuseMentionsContaining(w.core.handle, 'STORAGEFAULT');
    const c = fbComment(store(), { from: jane, message: 'Refund still missing STORAGEFAULT' });
    await arrive(c.payload);
    expect(w.mentions('facebook')).toHaveLength(0);
    const notStored = await w.metrics.registry.getSingleMetric('klaxon_source_items_not_stored_total')?.get();
    expect(notStored?.values).toEqual([{ labels: { source: 'facebook' }, value: 1 }]);
    lift();
    w.timers.advance(15 * 60_000);
    await w.settle(fb);
    expect(w.mentions('facebook').map((m) => m.externalId)).toEqual([c.id]);
    expect(caseRows()).toHaveLength(1);
  });

  it("the Page's own reply outside Klaxon marks the case answered; Klaxon's own reply coming back does not", async () => {
    const jane = store().fbUser('Jane Doe');
    const c = fbComment(store(), { from: jane, message: 'Where is my order 5512?' });
    await arrive(c.payload);
    const caseId = caseOf(w.core, 'facebook', c.id);
    const outside = fbPageReply(store(), c.id, 'Hi Jane, we are checking with the warehouse.');
    await arrive(outside.payload);
    const row = w.core.handle.db.select().from(cases).where(eq(cases.id, caseId)).get();
    expect(row?.firstResponseVia).toBe('outside');
    const omar = store().fbUser('Omar Haddad');
    const d = fbComment(store(), { from: omar, message: 'The app logs me out every time' });
    await arrive(d.payload);
    const sent = await fb.replyPublic(replyInputFor(w.core, 'facebook', d.id, 'Sorry Omar! Please try updating the app.'));
    const echo = fbPageReply(store(), d.id, 'Sorry Omar! Please try updating the app.');
    await arrive(echo.payload);
    expect(sent.id).toBeTruthy();
    expect(w.mentions('facebook').some((m) => m.externalId === echo.id)).toBe(false);
    expect(
      w.core.handle.db
        .select()
        .from(cases)
        .where(eq(cases.id, caseOf(w.core, 'facebook', d.id)))
        .get()?.firstResponseVia,
    ).toBeNull();
    // A Messenger message the team typed in Meta's inbox counts as answered outside too.
    const dm = fbMessage(store(), { from: jane, text: 'Can I get a callback?' });
    await arrive(dm.payload);
    await arrive(fbEcho(store(), { to: jane.id, text: 'We will call you at 3pm.' }).payload);
    expect(
      w.core.handle.db
        .select()
        .from(cases)
        .where(eq(cases.id, caseOf(w.core, 'facebook', dm.mid)))
        .get()?.firstResponseVia,
    ).toBe('outside');
  });

  it('reactions and shares add reach to a case and never open one', async () => {
    const jane = store().fbUser('Jane Doe');
    const fans = [store().fbUser('A B'), store().fbUser('C D')];
    const c = fbComment(store(), { from: jane, message: 'Cancelled my flight with no notice!!' });
    await arrive(c.payload);
    await arrive(
      fbReaction(store(), { from: fans[0]!, targetId: c.id }),
      fbReaction(store(), { from: fans[1]!, targetId: c.id }),
      fbReaction(store(), { from: fans[1]!, targetId: c.id }),
    );
    // Likes and shares of the Page's own post are not customer care.
    await arrive(
      fbReaction(store(), { from: fans[0]!, targetId: `${store().page.id}_500`, reaction: 'like' }),
      fbShare(store(), { from: fans[0]!, postId: `${store().page.id}_500` }),
    );
    expect(caseRows()).toHaveLength(1);
    expect(caseRows()[0]?.mentionCount).toBe(3);
  });

  it('an edited comment or message updates the case, with an audit row', async () => {
    const jane = store().fbUser('Jane Doe');
    const c = fbComment(store(), { from: jane, message: 'Is the shop open on Sunday?' });
    await arrive(c.payload);
    const caseId = caseOf(w.core, 'facebook', c.id);
    const before = caseRows()[0]!;
    await arrive(fbCommentEdit(store(), c.id, 'Your staff were rude and I was overcharged. I will report you to trading standards!'));
    const after = w.core.handle.db.select().from(cases).where(eq(cases.id, caseId)).get()!;
    expect(w.mentions('facebook')[0]?.text).toMatch(/^Your staff were rude/);
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.version).toBeGreaterThan(before.version);
    const edits = w.core.handle.db.select().from(caseEvents).where(eq(caseEvents.kind, 'mention_edited')).all();
    expect(edits).toHaveLength(1);
    expect(edits[0]?.detail).toMatchObject({ previousScore: before.score, score: after.score });
    // Meta's retry of the same edit changes nothing.
    await arrive(fbCommentEdit(store(), c.id, 'Your staff were rude and I was overcharged. I will report you to trading standards!'));
    expect(w.core.handle.db.select().from(caseEvents).where(eq(caseEvents.kind, 'mention_edited')).all()).toHaveLength(1);
    const dm = fbMessage(store(), { from: jane, text: 'hi' });
    await arrive(dm.payload, fbMessageEdit(store(), { from: jane, mid: dm.mid, text: 'hi, my card was charged twice' }));
    expect(w.mentions('facebook').find((m) => m.externalId === dm.mid)?.text).toBe('hi, my card was charged twice');
  });

  it('answers a comment in public (POST /{comment-id}/comments) and privately once, within 7 days', async () => {
    const jane = store().fbUser('Jane Doe');
    const c = fbComment(store(), { from: jane, message: 'My account was charged twice' });
    await arrive(c.payload);
    const rig = await replyRig(w.core, fb, silentLogger);
    try {
      const caseId = caseOf(w.core, 'facebook', c.id);
      expect((await rig.reply(caseId, 'Sorry Jane, we are on it.', 'public'))?.status).toBe('done');
      expect(store().replies).toEqual([expect.objectContaining({ platform: 'facebook', target: c.id, text: 'Sorry Jane, we are on it.' })]);
      expect((await rig.reply(caseId, 'Could you send us your account number here?', 'private'))?.status).toBe('done');
      expect(store().sent).toEqual([
        expect.objectContaining({ kind: 'private_reply', to: c.id, text: 'Could you send us your account number here?' }),
      ]);
      const write = w.graph.writes().find((r) => r.path === `${store().page.id}/messages`);
      expect(write?.body).toEqual({ recipient: { comment_id: c.id }, message: { text: 'Could you send us your account number here?' } });
      // A second private reply is refused by Klaxon before Meta would refuse it.
      const second = await rig.reply(caseId, 'One more thing…', 'private');
      expect(second?.status).toBe('failed');
      expect(second?.error).toMatch(/only one private reply/);
      expect(store().sent).toHaveLength(1);
    } finally {
      await rig.close();
    }
    const old = fbComment(store(), { from: jane, message: 'Still broken', at: new Date(w.core.clock.now().getTime() - 8 * 24 * HOUR) });
    await arrive(old.payload);
    const error = await fb.sendPrivate(replyInputFor(w.core, 'facebook', old.id, 'Hi')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlaxonError);
    expect((error as Error).message).toMatch(/within 7 days of the comment/);
    expect(
      fb.capabilities({ externalId: old.id, isPrivate: false, text: '', createdAt: new Date(w.core.clock.now().getTime() - 8 * 24 * HOUR) })
        .privateReply,
    ).toEqual({ possible: false, why: 'no private reply: the comment is more than 7 days old (answer in public)' });
  });

  it("enforces Messenger's 24-hour window on the injected clock, and says when it closes", async () => {
    const jane = store().fbUser('Jane Doe');
    const dm = fbMessage(store(), { from: jane, text: 'My parcel is lost' });
    await arrive(dm.payload);
    const at = w.mentions('facebook')[0]!.createdAt;
    w.timers.advance(21 * HOUR);
    const caps = fb.capabilities({ externalId: dm.mid, isPrivate: true, text: '', createdAt: at });
    expect(caps.privateReply).toEqual({ possible: true, why: 'Messenger window closes in 3h', until: new Date(at.getTime() + 24 * HOUR) });
    expect(caps.publicReply.possible).toBe(false);
    const sent = await fb.sendPrivate(replyInputFor(w.core, 'facebook', dm.mid, 'We found it, it arrives tomorrow.'));
    expect(sent.id).toMatch(/^m_/);
    expect(w.graph.writes().at(-1)?.body).toEqual({
      recipient: { id: jane.id },
      messaging_type: 'RESPONSE',
      message: { text: 'We found it, it arrives tomorrow.' },
    });
    w.timers.advance(3 * HOUR + 60_000);
    expect(fb.capabilities({ externalId: dm.mid, isPrivate: true, text: '', createdAt: at }).privateReply).toEqual({
      possible: false,
      why: "Messenger's 24-hour window closed 1m ago: no message until the customer writes again",
    });
    const writes = w.graph.writes().length;
    const error = await fb.sendPrivate(replyInputFor(w.core, 'facebook', dm.mid, 'Any update?')).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^Not sent: Messenger's 24-hour messaging window closed 1m ago/);
    expect(w.graph.writes()).toHaveLength(writes);
    // The customer writes again: the window opens again, from their new message.
    const again = fbMessage(store(), { from: jane, text: 'Thanks! And the second parcel?' });
    await arrive(again.payload);
    expect((await fb.sendPrivate(replyInputFor(w.core, 'facebook', dm.mid, 'Checking now.'))).id).toBeTruthy();
  });

  it('text limits: 8,000 characters for a comment reply, 2,000 for a Messenger message', () => {
    expect(fb.validate?.('x'.repeat(8000), 'public')).toBeNull();
    expect(fb.validate?.('x'.repeat(8001), 'public')).toMatch(/at most 8,000 characters/);
    expect(fb.validate?.('x'.repeat(2001), 'private')).toMatch(/Messenger message can be at most 2,000/);
  });
});
