import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
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
    expect(rows[0]).toMatchObject({ externalId: first.uri, authorHandle: 'jane.bsky.social', authorId: w.jane.did, authorFollowers: 48_000, direction: 'inbound', conversationId: first.uri });
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
